#!/usr/bin/env python3
"""Validates YAML descriptors or JSON files against a JSON Schema with the independent Python
`jsonschema` validator (draft 2020-12), reading YAML by the YAML 1.2 core schema govcheck uses:
only true/false are booleans, dates stay strings, `1e25` is a number.

usage: validate-schema.py SCHEMA FILE...   (prints one line per file; exit 1 if any is invalid)
"""
import json
import re
import sys

import jsonschema
import yaml


class CoreLoader(yaml.SafeLoader):
    """PyYAML reads YAML 1.1 (yes/no booleans, timestamps); this loader resolves the 1.2 core schema."""


CoreLoader.yaml_implicit_resolvers = {}
CoreLoader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), list("~nN") + [""])
CoreLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
CoreLoader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), list("-+0123456789"))
CoreLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+0123456789."))


def construct_int(loader, node):
    text = loader.construct_scalar(node)
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text)


CoreLoader.add_constructor("tag:yaml.org,2002:int", construct_int)


def load(path):
    with open(path, encoding="utf-8") as f:
        if path.endswith(".json"):
            return [json.load(f)]
        return list(yaml.load_all(f, Loader=CoreLoader))


def main():
    schema = json.load(open(sys.argv[1], encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    bad = 0
    for path in sys.argv[2:]:
        for i, doc in enumerate(load(path), 1):
            errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
            if errors:
                bad += 1
                for e in errors[:5]:
                    where = "/".join(str(p) for p in e.absolute_path)
                    print(f"{path}#{i}: invalid at '{where}': {e.message[:300]}")
            else:
                print(f"{path}#{i}: valid")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
