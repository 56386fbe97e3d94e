#!/usr/bin/env bash
# Runs the chart soak test (tests/test_soak.py) against the newest PySide6 that
# pyproject.toml's range allows, when that is newer than the version constraints.txt pins:
# so a fix upstream (or a new crash) is noticed. It reports; it never fails the build.
set -uo pipefail
cd "$(dirname "$0")/.."
PY="${VENV:-.venv}/bin/python"
pinned=$(grep -i '^pyside6==' constraints.txt | cut -d= -f3)
newest=$("$PY" - <<'PYEOF'
import json, re, subprocess, sys, tomllib
from packaging.requirements import Requirement
from packaging.version import Version
deps = tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]
req = next(Requirement(d) for d in deps if Requirement(d).name.lower() == "pyside6")
out = subprocess.run([sys.executable, "-m", "pip", "index", "versions", "PySide6"], capture_output=True, text=True).stdout
found = re.search(r"Available versions: (.*)", out)
versions = [Version(v.strip()) for v in found.group(1).split(",")] if found else []
allowed = [v for v in versions if req.specifier.contains(v)]
print(max(allowed) if allowed else "")
PYEOF
)
if [ -z "$newest" ]; then
  echo "soak-newest: could not list PySide6 releases; skipped"; exit 0
fi
if [ "$newest" = "$pinned" ]; then
  echo "soak-newest: PySide6 $pinned (pinned) is the newest the range allows; nothing more to run"; exit 0
fi
echo "soak-newest: PySide6 $newest is allowed and newer than the pinned $pinned: soaking it"
venv=$(mktemp -d)/venv
python3 -m venv "$venv"
grep -iv '^pyside6\|^shiboken6' constraints.txt > "$venv/../constraints-newest.txt"
"$venv/bin/python" -m pip install -q -c "$venv/../constraints-newest.txt" -e '.[test]' "PySide6==$newest" \
  || { echo "soak-newest: could not install PySide6 $newest"; exit 0; }
if xvfb-run -a -s "-screen 0 1920x1080x24" env QT_QPA_PLATFORM=offscreen \
    timeout -k 10 900 "$venv/bin/python" -m pytest -q -p no:cacheprovider tests/test_soak.py; then
  echo "soak-newest: PySide6 $newest PASSED the soak: consider moving the pin in constraints.txt"
else
  echo "soak-newest: PySide6 $newest FAILED the soak: keep the pin at $pinned"
fi
exit 0
