"""What the demo wall shows (``--dump-state``), read as an operator would: a figure shown twice on
one screen reads the same both times, no template and no rule id reaches the screen, and counts
are whole numbers. Subprocess runs of the real console on a couple of layouts."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from console.plugins.registry import PluginRegistry

ROOT = Path(__file__).resolve().parents[1]
_COUNT_WITH_DECIMALS = re.compile(r"\d+\.\d+\s*(人次|人|张|次|床|批|辆)")
_STATUS_ALARMS = re.compile(r"报警 alarms (\d+) · 未确认 unack (\d+)")
_TILE_ALARMS = re.compile(r"^(\d+) 条 open · (\d+) 未确认 unack")
_NUMBER = r"[▲■◆●]?\s*(\d[\d,]*(?:\.\d+)?)"


def _dump(tmp_path: Path, layout: str) -> dict:
    png, state = tmp_path / f"{layout}.png", tmp_path / f"{layout}.json"
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    out = subprocess.run(
        [sys.executable, "-m", "console", "--demo", "--cache", str(tmp_path / "cache"), "--layout", layout,
         "--screenshot", str(png), "--dump-state", str(state), "--after", "8"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(state.read_text(encoding="utf-8"))


def _texts(screen: dict) -> list[str]:
    out = list(screen.get("status_bar", []))
    for t in screen["tiles"]:
        out += [t["title"], *t["texts"], *t["controls"]]
    return out


def _rule_ids() -> set[str]:
    ids = {"system.cache_write"}
    for m in PluginRegistry.discover().plugins.values():
        ids |= {str(r["id"]) for r in m.rules}
    return ids


def check_screen(d: dict, screen: dict) -> None:
    """Everything this test asks of one screen (kept apart so a made-up dump can exercise it)."""
    texts = _texts(screen)
    assert not [t for t in texts if "{" in t], "template text on screen"
    ids = _rule_ids()
    assert not [t for t in texts if any(rid in t for rid in ids)], "a rule id on screen"
    assert not [t for t in texts if _COUNT_WITH_DECIMALS.search(t)], "a count with decimals"
    # the status bar's alarm total is the dump's, and every unfiltered alarm list says the same
    status = [m for t in screen.get("status_bar", []) if (m := _STATUS_ALARMS.search(t))]
    assert status, screen.get("status_bar")
    total = (int(status[0][1]), int(status[0][2]))
    assert total == (d["alarms"]["open"], d["alarms"]["unacked"])
    for tile in screen["tiles"]:
        if tile["kind"] != "alarms":
            continue
        counts = [m for t in tile["texts"] if (m := _TILE_ALARMS.match(t))]
        assert counts, tile["texts"]
        shown = (int(counts[0][1]), int(counts[0][2]))
        if tile["filter"] is None:
            assert shown == total, (tile["title"], shown, total)
        else:
            assert tile["filter"] in tile["title"] and shown[0] <= total[0]
    # a KPI's figure, named again elsewhere on the screen ("全市空位 3672 free"), reads the same
    for tile in screen["tiles"]:
        if tile["kind"] != "kpi" or len(tile["texts"]) < 3:
            continue
        name = tile["title"].split()[0]
        value = re.search(_NUMBER, tile["texts"][2])
        if value is None or len(name) < 2:
            continue
        for other in screen["tiles"]:
            if other is tile:
                continue
            for t in other["texts"]:
                for m in re.finditer(re.escape(name) + r"\s*" + _NUMBER, t):
                    assert m[1] == value[1], (tile["title"], value[1], other["title"], t)
    # the map legend counts what the KPIs count: gauges above warning, stale or not
    above = [t for t in screen["tiles"] if t["kind"] == "kpi" and t["title"].startswith("超警戒")]
    for m in (t for t in screen["tiles"] if t["kind"] == "map" and "legend" in t):
        if above:
            n = int(re.search(_NUMBER, above[0]["texts"][2])[1])
            assert m["legend"]["warning"] + m["legend"]["alarm"] == n, (m["legend"], n)


def test_check_screen_catches_what_it_should():
    good = {"alarms": {"open": 5, "unacked": 2}}
    screen = {"status_bar": ["报警 alarms 5 · 未确认 unack 2"], "tiles": [
        {"kind": "alarms", "title": "报警 · 筛选 filter: parking", "filter": "筛选 filter: parking", "controls": [],
         "texts": ["报警", "3 条 open · 1 未确认 unack · 3 行 rows"]},
        {"kind": "kpi", "title": "全市空位 Free spaces", "filter": None, "controls": [], "texts": ["全市空位 Free spaces", "2 s", "7080"]},
        {"kind": "parking_guidance", "title": "停车诱导", "filter": None, "controls": [], "texts": ["全市空位 7080 free"]},
    ]}
    check_screen(good, screen)
    bad_cases = [
        lambda s: s["tiles"][2]["texts"].__setitem__(0, "全市空位 0 free"),
        lambda s: s["tiles"][0].update(filter=None, title="报警"),
        lambda s: s["tiles"][2]["texts"].append("energy.overload 3"),
        lambda s: s["tiles"][2]["texts"].append("{river} 水位"),
        lambda s: s["tiles"][2]["texts"].append("候诊 264.00 人"),
    ]
    for spoil in bad_cases:
        s = json.loads(json.dumps(screen))
        spoil(s)
        with pytest.raises(AssertionError):
            check_screen(good, s)


@pytest.mark.parametrize("layout", ["parking-overview", "flood-map"])
def test_every_figure_on_the_demo_wall_agrees(tmp_path, layout):
    d = _dump(tmp_path, layout)
    (desk,) = [s for s in d["screens"] if s["name"] == "desk"]
    assert desk["layout"] == layout
    check_screen(d, desk)
