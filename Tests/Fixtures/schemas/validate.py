#!/usr/bin/env python3
"""Validates govcheck's CI reports against the official schemas and the readers that consume them.

    validate.py sarif FILE...          SARIF 2.1.0 JSON schema (OASIS), with format checking on
    validate.py junit FILE...          Jenkins xUnit plugin's junit-10.xsd
    validate.py gitlab-junit FILE...   what GitLab's JUnit parser needs (see below); also checks
                                       that every testcase carries file and line
    validate.py codequality FILE...    GitLab Code Quality issues

Exits 0 when every file is valid, 1 with a message per problem otherwise, and 3 when a needed
Python package (jsonschema with its uri and date-time format checkers, xmlschema) is missing, so
a missing dependency never passes as "valid". The schemas sit next to this script.
"""
import json
import os
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))


def fail_setup(message):
    print("validate.py: " + message, file=sys.stderr)
    sys.exit(3)


def sarif(paths):
    try:
        import jsonschema
    except ImportError:
        fail_setup("the jsonschema package is missing (pip install jsonschema rfc3987 rfc3339-validator)")
    checker = jsonschema.FormatChecker()
    # Without rfc3987 (uri, uri-reference) or rfc3339-validator (date-time), jsonschema skips
    # those formats silently: refuse to run instead.
    for needed in ("uri", "uri-reference", "date-time"):
        if needed not in checker.checkers:
            fail_setup("jsonschema cannot check format '%s' (pip install rfc3987 rfc3339-validator)" % needed)
    with open(os.path.join(HERE, "sarif-schema-2.1.0.json"), encoding="utf-8") as f:
        schema = json.load(f)
    validator = jsonschema.Draft4Validator(schema, format_checker=checker)
    problems = []
    for p in paths:
        with open(p, encoding="utf-8") as f:
            doc = json.load(f)
        for e in sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path)):
            problems.append("%s: %s at %s" % (p, e.message, "/".join(str(x) for x in e.absolute_path)))
    return problems


def junit(paths):
    try:
        import xmlschema
    except ImportError:
        fail_setup("the xmlschema package is missing (pip install xmlschema)")
    schema = xmlschema.XMLSchema(os.path.join(HERE, "junit-10.xsd"))
    problems = []
    for p in paths:
        for e in schema.iter_errors(p):
            problems.append("%s: %s" % (p, str(e).splitlines()[0]))
    return problems


def gitlab_junit(paths):
    """GitLab reads testcases below a testsuites or testsuite root, each inside at least one
    testsuite; it keys a case by suite name, classname and name (a repeated key overwrites the
    earlier case, so a finding would vanish from the merge request); it shows `file`; a case's
    status is its failure, error or skipped child. Every case must also carry file and line."""
    problems = []
    for p in paths:
        root = ET.parse(p).getroot()
        if root.tag not in ("testsuites", "testsuite"):
            problems.append("%s: the root is <%s>, GitLab reads <testsuites> or <testsuite>" % (p, root.tag))
            continue
        seen = {}
        count = 0

        def walk(node, suite):
            nonlocal count
            for child in node:
                if child.tag == "testsuite":
                    if not child.get("name"):
                        problems.append("%s: a testsuite without a name" % p)
                    walk(child, child.get("name"))
                elif child.tag == "testcase":
                    count += 1
                    if suite is None:
                        problems.append("%s: testcase %r outside any testsuite is ignored by GitLab" % (p, child.get("name")))
                    name, classname = child.get("name"), child.get("classname")
                    if not name or not classname:
                        problems.append("%s: testcase without name or classname" % p)
                    key = (suite, classname, name)
                    if key in seen:
                        problems.append("%s: testcase %r repeats suite, classname and name; GitLab keeps only one" % (p, key))
                    seen[key] = True
                    f, line = child.get("file"), child.get("line")
                    if not f or f.startswith("/"):
                        problems.append("%s: testcase %r has no repository-relative file" % (p, key))
                    if not line or not line.isdigit() or int(line) < 1:
                        problems.append("%s: testcase %r has no line" % (p, key))
                    states = [c.tag for c in child if c.tag in ("failure", "error", "skipped")]
                    if len(states) > 1:
                        problems.append("%s: testcase %r has several results %s" % (p, key, states))

        walk(root, root.get("name") if root.tag == "testsuite" else None)
        if count == 0:
            problems.append("%s: no testcase" % p)
    return problems


def codequality(paths):
    severities = {"info", "minor", "major", "critical", "blocker"}
    problems = []
    for p in paths:
        with open(p, encoding="utf-8") as f:
            issues = json.load(f)
        if not isinstance(issues, list):
            problems.append("%s: the report must be a JSON array" % p)
            continue
        fingerprints = set()
        for i, issue in enumerate(issues):
            where = "%s: issue %d" % (p, i)
            for key in ("description", "check_name", "fingerprint", "severity"):
                if not isinstance(issue.get(key), str) or not issue.get(key):
                    problems.append("%s: '%s' must be a non-empty string" % (where, key))
            if issue.get("severity") not in severities:
                problems.append("%s: severity %r is not one of %s" % (where, issue.get("severity"), sorted(severities)))
            if issue.get("fingerprint") in fingerprints:
                problems.append("%s: fingerprint %r repeats; GitLab would merge the issues" % (where, issue.get("fingerprint")))
            fingerprints.add(issue.get("fingerprint"))
            loc = issue.get("location") or {}
            path = loc.get("path")
            if not isinstance(path, str) or not path or path.startswith("/"):
                problems.append("%s: location.path must be a repository-relative path" % where)
            begin = (loc.get("lines") or {}).get("begin")
            if not isinstance(begin, int) or isinstance(begin, bool) or begin < 1:
                problems.append("%s: location.lines.begin must be a line number" % where)
    return problems


def main():
    if len(sys.argv) < 3 or sys.argv[1] not in ("sarif", "junit", "gitlab-junit", "codequality"):
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    kind, paths = sys.argv[1], sys.argv[2:]
    check = {"sarif": sarif, "junit": junit, "gitlab-junit": gitlab_junit, "codequality": codequality}[kind]
    problems = check(paths)
    for line in problems:
        print(line)
    print("%s: %d file%s, %d problem%s" % (kind, len(paths), "" if len(paths) == 1 else "s",
                                           len(problems), "" if len(problems) == 1 else "s"))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
