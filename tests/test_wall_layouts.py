"""Every domain ships a 32:9 (7680x2160) and a 16:9 (3840x2160) wall layout in the 大屏 pattern, and
``city-console layout check`` holds them to it: the map at the centre, tiles on both wings, no holes,
no tile too small for wall-sized text."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from console.layouts.layout import parse_layout
from console.layouts.wall_check import check_wall_layout
from console.plugins.registry import PluginRegistry

ROOT = Path(__file__).resolve().parents[1]
DOMAINS = ("flood", "energy", "parking", "agriculture", "health", "community", "streetlight")
SIZES = {"32x9": (7680, 2160), "16x9": (3840, 2160)}


def _shipped() -> dict:
    reg = PluginRegistry.discover()
    out = {}
    for m in reg.plugins.values():
        for ref in m.layouts:
            package, _, rel = ref.partition(":")
            path = resources.files(package) / rel
            layout = parse_layout(json.loads(path.read_text(encoding="utf-8")), ref)
            out[layout.name] = (layout, Path(str(path)))
    return out


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("shape", SIZES)
def test_each_domain_ships_its_wall_layouts_in_the_big_screen_pattern(domain, shape):
    layout, _path = _shipped()[f"{domain}-wall-{shape}"]
    assert layout.wall_size == SIZES[shape]
    report = check_wall_layout(layout)
    assert report.ok, report.problems
    assert report.left >= 3 and report.right >= 3, report
    kinds = {t.kind for t in layout.tiles}
    assert "kpi" in kinds and ({"chart"} & kinds or domain == "parking"), kinds


def test_layout_check_validates_a_shipped_wall_layout_and_says_so():
    _layout, path = _shipped()["flood-wall-32x9"]
    out = subprocess.run([sys.executable, "-m", "console", "layout", "check", str(path)], cwd=ROOT,
                         capture_output=True, text=True, timeout=120, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert out.returncode == 0, out.stderr
    assert "wall 32:9: map at the centre" in out.stdout


def _wall(tiles, rows=3, columns=8, size=(7680, 2160)):
    return {"name": "w", "wall": {"width": size[0], "height": size[1]}, "grid": {"rows": rows, "columns": columns},
            "tiles": tiles}


def test_a_wall_layout_off_pattern_is_refused_with_what_is_wrong(tmp_path):
    kpi = {"kind": "kpi", "options": {"metric": "value"}}
    # the map on the left third, nothing on its left wing, a hole at row 2, column 7
    tiles = [{"kind": "map", "row": 0, "col": 0, "rowspan": 3, "colspan": 3}]
    tiles += [dict(kpi, row=r, col=c) for r in range(3) for c in range(3, 8) if (r, c) != (2, 7)]
    report = check_wall_layout(parse_layout(_wall(tiles)))
    text = "\n".join(report.problems)
    assert "the wall's centre must be on it" in text and "left wing" in text and "row 2, column 7" in text
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(_wall(tiles)), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "console", "layout", "check", str(bad)], cwd=ROOT,
                         capture_output=True, text=True, timeout=120, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert out.returncode == 2 and "left wing" in out.stderr


def test_a_tile_too_small_for_wall_text_is_named():
    tiles = [{"kind": "map", "row": 0, "col": 8, "rowspan": 3, "colspan": 8}]
    tiles += [{"kind": "kpi", "row": r, "col": c} for r in range(3) for c in [*range(8), *range(16, 24)]]
    report = check_wall_layout(parse_layout(_wall(tiles, columns=24, size=(3840, 2160))))
    assert any("too small for 32 px text" in p for p in report.problems), report.problems


def test_no_map_no_wall():
    report = check_wall_layout(parse_layout(_wall([{"kind": "kpi", "row": 0, "col": 0, "rowspan": 3, "colspan": 8}])))
    assert any("no map tile" in p for p in report.problems)


def test_a_plugins_camera_tiles_show_that_plugins_cameras_only():
    """Every plugin brings site cameras; a flood layout's river-video tile must not page through
    the car parks' and the co-operatives' cameras (it did: "在线 220/299" under "河道视频").
    A plugin without cameras of its own (emergency command) shows the city's cameras near its event."""
    from console.plugins.registry import PluginRegistry

    seen = 0
    for name, manifest in PluginRegistry.discover().plugins.items():
        for ref in manifest.layouts:
            package, _, rel = ref.partition(":")
            data = json.loads((resources.files(package) / rel).read_text(encoding="utf-8"))
            for tile in data.get("tiles", []):
                if tile["kind"] == "cameras" and manifest.cameras is not None:
                    seen += 1
                    domain = tile.get("options", {}).get("select", {}).get("attrs", {}).get("domain")
                    assert domain == name, f"{ref}: camera tile {tile.get('title')!r} selects domain {domain!r}"
    assert seen >= 3
