"""Every plugin that ships a ``<plugin>-wall-32x9`` layout: the real console (``--demo``) opens it at
7680x2160 under Xvfb, takes the screenshot and dumps what it shows (``--dump-state``); each layout
renders all its tiles, none an error, and no text shows a template's ``{`` or a bare rule id.
Two consoles at a time (the machine has two cores), one per layout."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from importlib import resources
from pathlib import Path

import pytest

from console.layouts.layout import parse_layout
from console.plugins.registry import PluginRegistry

ROOT = Path(__file__).resolve().parents[1]
SIZE = (7680, 2160)
#: a plugin whose data ships for some cities only is shot in one of them (the default city otherwise):
#: the buses' timetable is 禹城's (plugins/transit/gtfs/yucheng); in 寿光 every transit tile is offline
#: (the tourism wall is 莒县's, issue #23: its "one screen sees the county")
CITY = {"transit": "yucheng", "tourism": "juxian"}


def _walls() -> dict[str, tuple[object, Path]]:
    out = {}
    for m in PluginRegistry.discover().plugins.values():
        for ref in m.layouts:
            package, _, rel = ref.partition(":")
            if rel.endswith("wall-32x9.json"):
                path = Path(str(resources.files(package) / rel))
                out[m.name] = (parse_layout(json.loads(path.read_text(encoding="utf-8")), ref), path)
    return out


def _rule_ids() -> set[str]:
    return {r["id"] for m in PluginRegistry.discover().plugins.values() for r in m.rules}


def _shoot(path: Path, out: Path) -> tuple[subprocess.CompletedProcess, Path, Path]:
    plugin = path.parent.parent.name
    png, state = out / f"{plugin}.png", out / f"{plugin}.json"
    city = ["--city", CITY[plugin]] if plugin in CITY else []
    cmd = [sys.executable, "-m", "console", "--demo", *city, "--cache", str(out / f"cache-{path.parent.parent.name}"), "--layout", str(path),
           "--size", f"{SIZE[0]}x{SIZE[1]}", "--screenshot", str(png), "--dump-state", str(state), "--after", "4"]
    if os.environ.get("DISPLAY") is None and shutil.which("xvfb-run"):
        cmd = ["xvfb-run", "-a", "-s", f"-screen 0 {SIZE[0]}x{SIZE[1]}x24", *cmd]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("QT_QPA_PLATFORM", None)  # the real X server (Xvfb), not offscreen
    return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=240), png, state


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    out = Path(os.environ.get("WALL_SHOTS_DIR") or tmp_path_factory.mktemp("walls"))
    out.mkdir(parents=True, exist_ok=True)
    walls = _walls()
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = dict(zip(walls, pool.map(lambda item: _shoot(item[1], out), walls.values())))
    return walls, results


def test_every_plugin_that_ships_a_32x9_wall_is_shot():
    walls = _walls()
    assert {"flood", "energy", "community", "streetlight"} <= set(walls), sorted(walls)


def test_each_32x9_wall_renders_with_its_tiles_and_no_raw_text(shots):
    from PySide6.QtGui import QImage

    walls, results = shots
    rules = _rule_ids()
    problems = []
    for plugin, (layout, _path) in walls.items():
        proc, png, state = results[plugin]
        if proc.returncode != 0:
            problems.append(f"{plugin}: exit {proc.returncode}: {proc.stderr[-800:]}")
            continue
        img = QImage(str(png))
        if (img.width(), img.height()) != SIZE:
            problems.append(f"{plugin}: screenshot {img.width()}x{img.height()}")
        screen = json.loads(state.read_text(encoding="utf-8"))["screens"][0]
        if screen["layout"] != layout.name:
            problems.append(f"{plugin}: shows {screen['layout']!r}, not {layout.name!r}")
            continue
        kinds = sorted(t["kind"] for t in screen["tiles"])
        if kinds != sorted(t.kind for t in layout.tiles):
            problems.append(f"{plugin}: tiles {kinds} against {sorted(t.kind for t in layout.tiles)}")
        for tile in screen["tiles"]:
            texts = [tile["title"], *tile["texts"]]
            if tile["kind"] == "placeholder" or any("无法显示" in t for t in texts):  # widgets.placeholder_tile
                problems.append(f"{plugin}: {tile['kind']} is an error tile: {texts}")
            for text in texts:
                if "{" in text or any(r in text for r in rules):
                    problems.append(f"{plugin}: {tile['kind']} shows raw text {text!r}")
        data = [t for t in screen["tiles"] if t.get("freshness") is not None]
        if data and all(t["freshness"] == "offline" for t in data):  # e.g. transit in a city without its timetable
            problems.append(f"{plugin}: every data tile is offline")
    assert not problems, "\n".join(problems)
