#!/usr/bin/env python3
"""Seed corpora and libFuzzer dictionaries for the Fuzzing/ targets, from the checkout's own files.

    scripts/fuzz-inputs.py --out DIR     writes DIR/{yaml,check,pack}/ seed inputs
    scripts/fuzz-inputs.py --dicts       rewrites Fuzzing/dict/{yaml,check,pack}.dict
    scripts/fuzz-inputs.py --check       fails when the committed dictionaries are stale

Standard library only (no YAML parser): the files it reads are the project's own, in the layout
the packs and vocabularies use, so plain text patterns are enough and the output is deterministic.
"""
import argparse
import hashlib
import pathlib
import re
import shutil
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
TARGETS = ("yaml", "check", "pack")

# YAML syntax libyaml distinguishes: indicators, directives, tags, block scalar headers, escapes,
# core-schema words and the line breaks and BOM it treats specially.
YAML_TOKENS = [
    "---", "...", "- ", ": ", "? ", ":", "-", "&a ", "*a", "&b ", "*b", "! ", "!!str ", "!!int ", "!!float ",
    "!!bool ", "!!null ", "!!map ", "!!seq ", "!!binary ", "!!timestamp ", "!local ", "!<tag:yaml.org,2002:str> ",
    "%YAML 1.1\n", "%YAML 1.2\n", "%TAG ! tag:example.com,2000:\n", "%TAG !e! tag:e,2000:\n", "!e!x ",
    "|", "|-", "|+", "|2", ">", ">-", ">+", "[", "]", "{", "}", ", ", "#", "\"", "'", "''", "\\\"",
    "\\x41", "\\u00e9", "\\U0001F600", "\\n", "\\t", "\\0", "\\N", "\\_", "\\L", "\\P", "<<", "~", "null", "Null",
    "true", "false", "True", "FALSE", "yes", "no", "on", "off", ".inf", "-.inf", ".nan", ".NaN", "0x1F", "0o17",
    "0b101", "1e3", "-1.5e-10", "1_000", "+12", "0.", "2026-12-01", "2026-02-30", "2024-08-01T00:00:00Z",
    "\n", "\r\n", "\r", "\t", "  ", "    ", "\n  ", "\n- ", "\n  - ", "\ufeff", "\u0085", "\u2028", "\u2029",
    "\u00a0", "\u4e2d\u6587", "\x7f", "\x1b",
]

CHECK_ENVELOPE = ["apiVersion", "govcheck/v1", "kind", "Deployment", "metadata", "name", "jurisdictions",
                  "description", "owner", "labels", "EU", "CN", "[EU, CN]"]


def read(path):
    return path.read_text(encoding="utf-8")


def rel(path):
    return path.relative_to(ROOT).as_posix()


def yaml_files(*folders):
    out = []
    for f in folders:
        base = ROOT / f
        out += [p for p in base.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()]
    return sorted(out)


def vocabulary():
    """Fact paths and enum values declared in Rules/vocabulary/*.yaml and in packs' own `facts`."""
    paths, values = set(), set()
    sources = sorted((ROOT / "Rules/vocabulary").glob("*.yaml")) + sorted((ROOT / "Rules").glob("*/pack.yaml"))
    for f in sources:
        for line in read(f).splitlines():
            m = re.match(r"\s*(?:- )?path:\s*['\"]?([A-Za-z0-9_.]+)['\"]?\s*(?:#.*)?$", line)
            if m:
                paths.add(m.group(1))
            m = re.match(r"\s*values:\s*\[(.*)\]\s*(?:#.*)?$", line)
            if m:
                for v in m.group(1).split(","):
                    v = v.strip().strip("'\"")
                    if v:
                        values.add(v)
    return sorted(paths), sorted(values)


def pack_keywords():
    """Keys the pack loader reads (its checkKeys lists and condition operators) and every key the
    shipped packs, vocabularies and tests use."""
    words = set()
    for f in sorted((ROOT / "Sources/GovCheckEngine").rglob("*.swift")):
        text = read(f)
        for m in re.finditer(r"(?:checkKeys\(|combinators = |operators = |factTypes = |versionKeys = )\s*(\[[^\]]*\])", text):
            words.update(re.findall(r'"([A-Za-z][A-Za-z0-9_-]*)"', m.group(1)))
    packs = sorted((ROOT / "Rules").glob("*/pack.yaml")) + [ROOT / "Tests/Fixtures/mini/pack.yaml"]
    for f in packs + sorted((ROOT / "Rules/vocabulary").glob("*.yaml")):
        for line in read(f).splitlines():
            m = re.match(r"\s*(?:- )?([A-Za-z][A-Za-z0-9_]*):(?:\s|$)", line)
            if m:
                words.add(m.group(1))
    # Values with a fixed meaning to the loader.
    fixed = set()
    for f in packs:
        for line in read(f).splitlines():
            m = re.match(r"\s*(?:- )?(?:status|severity|jurisdiction|kind|govcheck|requires|type|of):\s*['\"]?([^'\"#]+?)['\"]?\s*(?:#.*)?$", line)
            if m:
                fixed.add(m.group(1))
    return sorted(words), sorted(fixed - words)


def escape(token):
    out = []
    for b in token.encode("utf-8"):
        c = chr(b)
        if c in '\\"':
            out.append("\\" + c)
        elif 0x20 <= b < 0x7F:
            out.append(c)
        else:
            out.append("\\x%02X" % b)
    return '"' + "".join(out) + '"'


def dictionaries():
    paths, values = vocabulary()
    segments = sorted({s for p in paths for s in p.split(".")})
    keywords, fixed = pack_keywords()
    yaml = list(YAML_TOKENS)
    check = yaml + CHECK_ENVELOPE + [s + ": " for s in segments] + paths + values
    pack = yaml + [k + ": " for k in keywords] + keywords + fixed + paths + values + [
        "../vocabulary/eu.yaml", "../vocabulary/cn.yaml", "../vocabulary/common.yaml", "../vocabulary/eu-gpai.yaml",
        "../vocabulary/cn-standards.yaml", "vocabulary.yaml", "mini", ">=0.1.0", "<0.2.0", "^0.1"]
    out = {}
    for name, tokens in (("yaml", yaml), ("check", check), ("pack", pack)):
        seen, lines = set(), []
        for t in tokens:
            if t and t not in seen:
                seen.add(t)
                lines.append(escape(t))
        header = (f"# libFuzzer dictionary for Fuzzing/fuzz-{name}: generated by scripts/fuzz-inputs.py --dicts"
                  " from Rules/ and the engine's keywords; do not edit.\n")
        out[name] = header + "\n".join(lines) + "\n"
    return out


def extracted_descriptors():
    """The `descriptor:` block of each pack test case, dedented into a file of its own."""
    out = []
    tests = yaml_files("Rules") + yaml_files("Tests/Fixtures/mini")
    for f in tests:
        if "/tests/" not in rel(f):
            continue
        lines = read(f).splitlines()
        i = 0
        while i < len(lines):
            m = re.match(r"^(\s*)descriptor:\s*$", lines[i])
            if not m:
                i += 1
                continue
            indent = len(m.group(1))
            block = []
            j = i + 1
            while j < len(lines) and (not lines[j].strip() or len(lines[j]) - len(lines[j].lstrip()) > indent):
                block.append(lines[j])
                j += 1
            body = [l for l in block if l.strip()]
            if body:
                cut = min(len(l) - len(l.lstrip()) for l in body)
                out.append((f"{rel(f)}:{i + 1}", "\n".join(l[cut:] for l in block).rstrip() + "\n"))
            i = j
    return out


def seeds():
    """Seed inputs per target: (origin, bytes)."""
    def files(paths):
        return [(rel(p), p.read_bytes()) for p in paths]
    hand = {t: sorted((ROOT / "Fuzzing/seeds" / t).glob("*")) for t in TARGETS}
    yaml = files(yaml_files("Samples", "Rules", "Tests/Fixtures")) + files(hand["yaml"])
    check = (files(yaml_files("Samples", "Tests/Fixtures/descriptors"))
             + [(o, t.encode("utf-8")) for o, t in extracted_descriptors()] + files(hand["check"]))
    pack = files(sorted((ROOT / "Rules").glob("*/pack.yaml")) + [ROOT / "Tests/Fixtures/mini/pack.yaml"]) + files(hand["pack"])
    return {"yaml": yaml, "check": check, "pack": pack}


def write_seeds(out):
    out = pathlib.Path(out)
    for target, items in seeds().items():
        d = out / target
        if d.exists():
            shutil.rmtree(d)
        d.mkdir(parents=True)
        for origin, data in items:
            (d / (hashlib.sha1(data).hexdigest() + ".yaml")).write_bytes(data)
        print(f"{target}: {len(list(d.iterdir()))} seeds in {d}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", help="folder for the seed corpora")
    ap.add_argument("--dicts", action="store_true", help="rewrite Fuzzing/dict/*.dict")
    ap.add_argument("--check", action="store_true", help="fail when Fuzzing/dict/*.dict are stale")
    a = ap.parse_args()
    if not (a.out or a.dicts or a.check):
        ap.error("give --out DIR, --dicts or --check")
    if a.out:
        write_seeds(a.out)
    dicts = dictionaries()
    folder = ROOT / "Fuzzing/dict"
    if a.dicts:
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in dicts.items():
            (folder / f"{name}.dict").write_text(text, encoding="utf-8")
            print(f"wrote Fuzzing/dict/{name}.dict ({text.count(chr(10)) - 1} entries)")
    if a.check:
        stale = [n for n, t in dicts.items() if not (folder / f"{n}.dict").exists() or (folder / f"{n}.dict").read_text(encoding="utf-8") != t]
        if stale:
            print(f"stale fuzz dictionaries: {', '.join(stale)}; run scripts/fuzz-inputs.py --dicts", file=sys.stderr)
            return 1
        print("fuzz dictionaries are current")
    return 0


if __name__ == "__main__":
    sys.exit(main())
