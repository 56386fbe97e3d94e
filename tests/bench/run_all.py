"""Runs every benchmark in tests/bench/ and writes what each printed into the README.

Each bench_*.py is a script that measures our path against a baseline in the same
run and prints one or more result lines; nothing here asserts a time.
"""

from __future__ import annotations

import os
import platform
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def main() -> int:
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    lines = []
    for script in sorted(HERE.glob("bench_*.py")):
        print(f"running {script.name} ...", flush=True)
        out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=env, timeout=900)
        result = [ln for ln in out.stdout.splitlines() if ln.strip()]
        if out.returncode != 0:
            result.append(f"FAILED (exit {out.returncode}): {out.stderr.strip().splitlines()[-1] if out.stderr.strip() else ''}")
        for ln in result:
            print("  " + ln)
            lines.append(f"- `{script.name}`: {ln}")
    stamp = f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, no GPU."
    block = f"{START}\n{stamp}\n\n" + "\n".join(lines) + f"\n{END}"
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    if START in text:
        text = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: block, text, flags=re.S)
    else:
        text += "\n" + block + "\n"
    readme.write_text(text, encoding="utf-8")
    print("README.md updated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
