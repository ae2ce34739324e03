#!/usr/bin/env python3
"""Reads the JUnit XML that `swift test --xunit-output` wrote and prints one closing line:
'tests: N passed, N failed'. Exits non-zero when a test failed or when no test ran."""
import glob
import sys
import xml.etree.ElementTree as ET

folder = sys.argv[1]
passed = failed = skipped = 0
failures = []
files = sorted(glob.glob(f"{folder}/*.xml"))
for path in files:
    for case in ET.parse(path).getroot().iter("testcase"):
        name = f"{case.get('classname', '')}.{case.get('name', '')}"
        if case.find("failure") is not None or case.find("error") is not None:
            failed += 1
            failures.append(name)
        elif case.find("skipped") is not None:
            skipped += 1
        else:
            passed += 1
for name in failures:
    print(f"FAILED: {name}")
line = f"tests: {passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
if not files or passed + failed == 0:
    print("error: no test results found", file=sys.stderr)
    sys.exit(1)
sys.exit(1 if failed or skipped else 0)
