"""``--dump-state``: the wall's state as JSON, taken with the screenshot, on a PC set to New York."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from console.city_time import CityTime

ROOT = Path(__file__).resolve().parents[1]


def test_demo_dump_reads_beijing_time_and_names_every_tile(tmp_path):
    png, state = tmp_path / "wall.png", tmp_path / "wall.json"
    env = dict(os.environ, TZ="America/New_York", PYTHONPATH=str(ROOT))
    out = subprocess.run(
        [sys.executable, "-m", "console", "--demo", "--cache", str(tmp_path / "cache"), "--screenshot", str(png),
         "--dump-state", str(state), "--after", "6"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=240,
    )
    assert out.returncode == 0, out.stderr
    assert png.exists()
    d = json.loads(state.read_text(encoding="utf-8"))
    assert d["time"]["tz"] == "Asia/Shanghai"
    beijing = CityTime.named("Asia/Shanghai")
    assert d["time"]["text"].startswith(beijing.format(d["time"]["epoch"])[:16])
    assert "北京时间 UTC+8" in d["time"]["text"]
    assert d["lang"] == "zh"
    desk = d["screens"][0]
    assert desk["name"] == "desk" and desk["width"] > 0 and desk["layout"]
    assert desk["tiles"], "the desk shows tiles"
    for tile in desk["tiles"]:
        assert tile["kind"] and tile["title"], tile
        assert "{" not in tile["title"], tile
    assert {s["name"] for s in d["sources"]}
    assert d["alarms"]["unacked"] <= d["alarms"]["open"]


def test_dump_state_needs_a_screenshot(tmp_path):
    out = subprocess.run([sys.executable, "-m", "console", "--demo", "--dump-state", str(tmp_path / "s.json")], cwd=ROOT,
                         capture_output=True, text=True, timeout=120, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert out.returncode == 2
    assert "--screenshot" in out.stderr
