"""Wall windows on several (offscreen) screens: placed by name, back on the same screen after a re-plug."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _probe(tmp_path, wall: dict) -> dict:
    screens = {"screens": [
        {"name": "WALL-A", "x": 0, "y": 0, "width": 1920, "height": 1080},
        {"name": "WALL-B", "x": 1920, "y": 0, "width": 3840, "height": 2160},
    ]}
    cfg = tmp_path / "screens.json"
    cfg.write_text(json.dumps(screens))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={cfg}", PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, str(ROOT / "tests" / "_wall_screens_probe.py"), json.dumps(wall)],
                         capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_windows_land_on_the_screens_named_and_come_back_after_a_replug(tmp_path):
    wall = {"screens": [
        {"id": "right", "match": {"name": "WALL-B"}},  # listed first: matching is by name, not order
        {"id": "left", "match": {"name": "WALL-A"}, "scale": 1.5},
        {"id": "spare", "match": {"name": "WALL-C"}},
        {"id": "all", "span": True, "fullscreen": False},
    ]}
    r = _probe(tmp_path, wall)
    start = r["start"]
    assert start["right"]["screen"] == "WALL-B" and start["right"]["geometry"] == [1920, 0, 3840, 2160]
    assert start["left"]["screen"] == "WALL-A" and start["left"]["geometry"] == [0, 0, 1920, 1080]
    assert not start["spare"]["visible"] and start["spare"]["placed"] is None
    assert start["all"]["geometry"] == [0, 0, 5760, 2160]
    # text scaled for distance: 2160 lines -> x3, configured 1.5 on the left
    assert start["right"]["scale"] == 3.0 and start["left"]["scale"] == 1.5
    assert start["right"]["font_pt"] == r["base_pt"] * 3
    unplugged = r["unplugged"]
    assert not unplugged["right"]["visible"] and unplugged["right"]["placed"] is None
    assert unplugged["left"]["screen"] == "WALL-A"
    assert unplugged["all"]["geometry"] == [0, 0, 1920, 1080]  # the desktop shrank
    back = r["replugged"]["right"]
    assert back["visible"] and back["screen"] == "WALL-B" and back["geometry"] == [1920, 0, 3840, 2160]
    assert back["layout"] == "layout-right"
