"""Print "passed failed skipped" counts of a pytest JUnit XML report (0 0 0 if absent)."""

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

report = Path(sys.argv[1])
if not report.exists():
    print(0, 1, 0)  # the runner died before writing its report: count it as a failure
    sys.exit(0)
tests = failures = skipped = 0
for suite in ET.parse(report).getroot().iter("testsuite"):
    tests += int(suite.get("tests", 0))
    failures += int(suite.get("failures", 0)) + int(suite.get("errors", 0))
    skipped += int(suite.get("skipped", 0))
print(tests - failures - skipped, failures, skipped)
