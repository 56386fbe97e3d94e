"""A span wall on a 7680x2160 screen is made for distance: a header with the clock and the demo
mark, no text under 1.5 % of its height (rows and chart axes included), no operator control, and
the desk never opens over it. The real console in a subprocess under Xvfb, as a wall PC runs it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from console.city_time import CityTime

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="needs xvfb-run (Debian xvfb)")


def _run_wall(tmp_path: Path, wall_toml: str, screen: str = "7680x2160x24") -> dict:
    wall = tmp_path / "wall.toml"
    wall.write_text(wall_toml, encoding="utf-8")
    png, state = tmp_path / "w.png", tmp_path / "s.json"
    env = dict(os.environ, PYTHONPATH=str(ROOT), TZ="UTC")
    env.pop("QT_QPA_PLATFORM", None)  # the wall runs on Xvfb's screen, as on the wall PC
    out = subprocess.run(
        ["xvfb-run", "-a", "-s", f"-screen 0 {screen}", sys.executable, "-m", "console", "--demo", "--wall", str(wall),
         "--cache", str(tmp_path / "cache"), "--screenshot", str(png), "--dump-state", str(state), "--after", "20"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    assert png.exists() and (tmp_path / "w-wall.png").exists()
    return json.loads(state.read_text(encoding="utf-8"))


def test_a_span_wall_reads_from_ten_metres_and_has_no_controls(tmp_path):
    d = _run_wall(tmp_path, '[[screens]]\nid = "wall"\nspan = true\nlayout = "flood-overview"\n')
    names = [s["name"] for s in d["screens"]]
    assert names == ["wall"], f"the desk must not open on a wall screen: {names}"
    wall = d["screens"][0]
    assert (wall["width"], wall["height"]) == (7680, 2160)
    assert wall["layout"] == "flood-overview"
    assert wall["min_text_px"] >= 32, wall["min_text_px"]
    kinds = {t["kind"] for t in wall["tiles"]}
    assert {"kpi", "chart", "alarms"} <= kinds, kinds  # charts (axes) and the alarm table are measured
    for tile in wall["tiles"]:
        assert tile["controls"] == [], tile
        assert tile["text_px_min"] >= 32, tile
    assert wall["controls"] == []
    beijing = CityTime.named("Asia/Shanghai")
    header = wall["header"]
    assert beijing.format(d["time"]["epoch"])[:16] in header, header
    assert "北京时间 UTC+8" in header and "演示数据" in header and "寿光市" in header
