"""run_all.py --only NAME --json: one JSON result per bench, and exit codes a script can act on.

No real bench runs here: tiny fake benches in tmp_path stand in (the runner finds benches
by file name, as a new bench_ack.py would be found), run as real subprocesses.
"""

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.bench import run_all
from tests.bench.results import check_targets, result, spread

ROOT = Path(__file__).resolve().parents[1]

MEETS = """
from tests.bench.results import emit, result, spread
res = result("ack", figures={"p99_ms": spread([4.0, 5.0, 9.0])}, baseline={"raw_ms": 3.0},
             targets={"p99_ms": ("<=", 10.0)})
emit(res, ["ack: p99 5 ms (target <= 10 ms)"])
"""


@pytest.fixture
def bench_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(run_all, "HERE", tmp_path)

    def add(name: str, body: str) -> None:
        (tmp_path / f"bench_{name}.py").write_text(textwrap.dedent(body), encoding="utf-8")

    return add


def only(capsys, name: str) -> tuple[int, dict, str]:
    code = run_all.main(["--only", name, "--json"])
    out = capsys.readouterr()
    lines = out.out.strip().splitlines()
    assert len(lines) == 1, out.out  # one JSON object and nothing else
    return code, json.loads(lines[0]), out.err


def test_a_bench_that_meets_its_targets_prints_the_contract_and_exits_0(bench_dir, capsys):
    bench_dir("ack", MEETS)  # the hook: a file named bench_ack.py is the "ack" bench
    code, res, _ = only(capsys, "ack")
    assert code == run_all.MET == 0
    assert set(res) >= {"name", "figures", "baseline", "targets", "met"}
    assert res["name"] == "ack" and res["met"] is True
    assert res["figures"]["p99_ms"] == {"min": 4.0, "median": 5.0, "runs": 3}
    assert res["targets"] == {"p99_ms": ["<=", 10.0]}


def test_a_missed_target_exits_1(bench_dir, capsys):
    bench_dir("ack", MEETS.replace('("<=", 10.0)', '("<=", 4.5)'))
    code, res, _ = only(capsys, "ack")
    assert (code, res["met"]) == (run_all.NOT_MET, False)


def test_a_name_with_no_bench_yet_is_missing_with_exit_2_never_a_figure(bench_dir, capsys):
    code, res, _ = only(capsys, "stale")
    assert code == run_all.MISSING == 2
    assert res == {"name": "stale", "missing": True}


def test_the_named_but_unbuilt_benches_are_missing_in_the_real_folder(capsys):
    for name in ("stale", "alarm_burst", "history"):
        if name in run_all.benches():
            continue  # built since: then it is no longer missing
        code, res, _ = only(capsys, name)
        assert (code, res) == (2, {"name": name, "missing": True})


def test_an_unknown_name_is_a_clear_error_not_missing(bench_dir, capsys):
    code = run_all.main(["--only", "ingset", "--json"])
    err = capsys.readouterr().err
    assert code == run_all.UNKNOWN != run_all.MISSING
    assert "no bench named 'ingset'" in err and "ingest" in err


def test_a_bad_command_line_does_not_exit_2():
    out = subprocess.run([sys.executable, str(ROOT / "tests/bench/run_all.py"), "--json"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == run_all.UNKNOWN, out
    assert "--json goes with --only" in out.stderr


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ("raise SystemExit('no broker')", "exit 1: no broker"),
        ("print('ack: 5 ms')", "not a JSON result"),
        ("import json; print(json.dumps({'name': 'ack', 'figures': {'x': 1}, 'baseline': {},"
         " 'targets': {'x': ['<=', 0]}, 'met': True}))", "'met' says True"),
        ("import json; print(json.dumps({'name': 'other', 'skipped': 'x'}))", "name 'other'"),
        ("import json; print(json.dumps({'name': 'ack', 'figures': {'x': 1}, 'baseline': {},"
         " 'targets': {'y': ['<=', 0]}, 'met': True}))", "target 'y' names no figure"),
    ],
    ids=["crash", "no-json", "lying-met", "wrong-name", "target-without-figure"],
)
def test_a_failed_or_broken_bench_exits_3_and_says_why(bench_dir, capsys, body, says):
    bench_dir("ack", body)
    code, res, _ = only(capsys, "ack")
    assert code == run_all.FAILED
    assert res["name"] == "ack" and says in res["failed"]


def test_a_bench_whose_needs_are_absent_is_skipped_with_exit_4(bench_dir, capsys):
    bench_dir("map", """
        from tests.bench.results import emit, skipped
        emit(skipped("map", "folium not installed"), ["skipped: folium not installed"])
    """)
    code, res, _ = only(capsys, "map")
    assert (code, res) == (run_all.SKIPPED, {"name": "map", "skipped": "folium not installed"})


def test_met_is_computed_from_the_medians():
    figs = {"ratio": spread([0.5, 0.9, 0.95]), "ms": 12.0}
    assert result("x", figs, {}, {"ratio": (">=", 0.8), "ms": ("<=", 16)})["met"] is True
    assert result("x", figs, {}, {"ratio": (">=", 0.91)})["met"] is False
    with pytest.raises(ValueError, match="must be"):
        check_targets(figs, {"ms": ["<", 16]})


def test_every_real_bench_emits_the_result_and_is_a_name_the_issue_asks_for():
    for name, script in run_all.benches().items():
        text = script.read_text(encoding="utf-8")
        assert re.search(r"\bemit\(", text), f"{script.name} does not emit its JSON result"
    assert {"ingest", "map", "startup", "demo_load", "cameras", "chart"} <= set(run_all.benches())
