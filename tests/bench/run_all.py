"""Runs the benchmarks in tests/bench/ and writes what each printed into the README;
``--only NAME --json`` runs one alone and prints its result as one JSON object.

A bench is a script ``bench_NAME.py`` here (a new one, e.g. bench_ack.py, plugs in by
being there): it prints its human lines and, given ``--json``, its result
(tests/bench/results.py) as the last line of stdout. Nothing here asserts a time.

Exit codes of ``--only``: 0 ran and met its targets, 1 ran and missed one, 2 no bench
of that name yet (``{"name", "missing": true}``), 3 the bench failed or broke the
contract, 4 skipped (something it needs is not installed), 64 a name nobody asked for
or a bad command line (not argparse's 2, which would read as "missing").
"""

from __future__ import annotations

import argparse
import json
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
# the names issue 25 asks for; one with no bench_NAME.py yet is reported missing, never guessed
EXPECTED = ("ingest", "stale", "alarm_burst", "map", "history", "startup", "demo_load", "cameras", "chart", "ack", "centre")
MET, NOT_MET, MISSING, FAILED, SKIPPED, UNKNOWN = 0, 1, 2, 3, 4, 64
TIMEOUT_S = 900


def benches() -> dict[str, Path]:
    return {p.stem.removeprefix("bench_"): p for p in sorted(HERE.glob("bench_*.py"))}


def run_one(name: str, script: Path) -> tuple[dict, list[str], int]:
    """Run one bench alone: its result, its human lines, and the exit code --only gives."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    try:
        out = subprocess.run([sys.executable, str(script), "--json"], capture_output=True, text=True, env=env,
                             timeout=TIMEOUT_S, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return {"name": name, "failed": f"no result within {TIMEOUT_S} s"}, [], FAILED
    lines = [ln for ln in out.stdout.splitlines() if ln.strip()]
    if out.returncode != 0:
        err = out.stderr.strip().splitlines()
        return {"name": name, "failed": f"exit {out.returncode}: {err[-1] if err else 'no message'}"}, lines, FAILED
    try:
        res = json.loads(lines[-1]) if lines else None
    except json.JSONDecodeError:
        res = None
    if not isinstance(res, dict):
        return {"name": name, "failed": "its last line is not a JSON result (does it take --json?)"}, lines, FAILED
    lines = lines[:-1]
    problem = contract_problem(name, res)
    if problem:
        return {"name": name, "failed": f"broken result: {problem}"}, lines, FAILED
    if "skipped" in res:
        return res, lines, SKIPPED
    return res, lines, MET if res["met"] else NOT_MET


def contract_problem(name: str, res: dict) -> str | None:
    """What is wrong with a bench's result, or None."""
    from tests.bench.results import check_targets

    if res.get("name") != name:
        return f"name {res.get('name')!r}, expected {name!r}"
    if "skipped" in res:
        return None if isinstance(res["skipped"], str) and res["skipped"] else "skipped without a reason"
    for key in ("figures", "baseline", "targets"):
        if not isinstance(res.get(key), dict):
            return f"{key!r} missing or not an object"
    if not res["targets"]:
        return "no targets"
    if not isinstance(res.get("met"), bool):
        return "'met' missing or not true/false"
    try:
        met = check_targets(res["figures"], res["targets"])
    except (ValueError, KeyError, TypeError) as exc:
        return str(exc)
    if met != res["met"]:
        return f"'met' says {res['met']} but the figures and targets say {met}"
    return None


def only(name: str, as_json: bool) -> int:
    found = benches()
    if name not in found:
        if name not in EXPECTED:
            print(f"no bench named {name!r}; known: {', '.join(sorted(set(EXPECTED) | set(found)))}", file=sys.stderr)
            return UNKNOWN
        res, lines, code = {"name": name, "missing": True}, [], MISSING
    else:
        res, lines, code = run_one(name, found[name])
    if as_json:
        print(json.dumps(res, ensure_ascii=False))
    else:
        for ln in lines:
            print(ln)
        if code not in (MET, NOT_MET):
            print(json.dumps(res, ensure_ascii=False))
    return code


def readme_lines(name: str, res: dict, lines: list[str], code: int) -> list[str]:
    head = f"- `{name}` (`python tests/bench/run_all.py --only {name} --json`)"
    if code == MISSING:
        return [f"{head}: not measured yet: no bench"]
    if code == FAILED:
        return [f"{head}: FAILED: {res['failed']}"] + [f"  {ln}" for ln in lines]
    if code == SKIPPED:
        return [f"{head}: skipped: {res['skipped']}"]
    return [f"{head}: targets {'met' if code == MET else 'NOT met'}"] + [f"  {ln}" for ln in lines]


def everything() -> int:
    found = benches()
    out = []
    for name in sorted(set(EXPECTED) | set(found)):
        if name in found:
            print(f"running bench_{name}.py ...", flush=True)
            res, lines, code = run_one(name, found[name])
        else:
            res, lines, code = {"name": name, "missing": True}, [], MISSING
        block = readme_lines(name, res, lines, code)
        print("\n".join(block))
        out += block
    stamp = f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, no GPU."
    block = f"{START}\n{stamp}\n\n" + "\n".join(out) + f"\n{END}"
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    if START in text:
        text = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: block, text, flags=re.S)
    else:
        text += "\n" + block + "\n"
    readme.write_text(text, encoding="utf-8")
    print("README.md updated")
    return 0


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(UNKNOWN, f"{self.prog}: error: {message}\n")


def main(argv: list[str] | None = None) -> int:
    ap = _Parser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", metavar="NAME", help="run one bench alone (e.g. ingest)")
    ap.add_argument("--json", action="store_true", help="with --only: print its result as one JSON object")
    args = ap.parse_args(argv)
    if args.json and not args.only:
        ap.error("--json goes with --only NAME")
    return only(args.only, args.json) if args.only else everything()


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
