"""The emergency command layout at 7680x2160 under Xvfb: the real console (``--demo``) plays a tour step
that fires the chemical leak, and half an hour of simulated time later takes the screenshot and dumps
what it shows: every tile rendered (none an error), the checklist following the real incident with
its plan, the KPIs counting the people inside the range, and the map showing the range and the route
(red and amber pixels inside the map's tile)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

from console.plugins.registry import DIST, GROUP

ROOT = Path(__file__).resolve().parents[1]
SIZE = (7680, 2160)
LAYOUT = ROOT / "plugins" / "emergency" / "layouts" / "wall-32x9.json"


def _discoverable(folder: Path) -> str | None:
    """A PYTHONPATH entry that makes the plugin discoverable when the installed metadata predates it
    (the shared venv's city-console was installed before plugins/emergency): a copy of the installed
    dist-info with its entry point added, found first. None when it is discoverable already."""
    if any(ep.name == "emergency" for ep in metadata.entry_points(group=GROUP)):
        return None
    dist = metadata.distribution(DIST)
    info = folder / Path(str(dist._path)).name  # noqa: SLF001 (the dist-info folder's name)
    shutil.copytree(str(dist._path), info, dirs_exist_ok=True)  # noqa: SLF001
    for name in ("RECORD", "direct_url.json"):
        (info / name).unlink(missing_ok=True)
    text = (info / "entry_points.txt").read_text(encoding="utf-8")
    text = text.replace(f"[{GROUP}]\n", f"[{GROUP}]\nemergency = plugins.emergency.manifest:PLUGIN\n")
    (info / "entry_points.txt").write_text(text, encoding="utf-8")
    return str(folder)


@pytest.fixture(scope="module")
def shot(tmp_path_factory):
    out = Path(os.environ.get("WALL_SHOTS_DIR") or tmp_path_factory.mktemp("emergency-wall"))
    out.mkdir(parents=True, exist_ok=True)
    tour = out / "tour.json"
    tour.write_text(json.dumps({
        "name": "emergency-test", "title_zh": "应急", "title_en": "Emergency", "version": 1, "loop": False,
        "steps": [{"layout": "emergency-wall-32x9", "duration_s": 300, "events": [{"type": "chemical_leak"}],
                   "caption_zh": "侯镇化工园区液氯泄漏", "caption_en": "A chlorine leak at the Houzhen chemical park"}],
    }, ensure_ascii=False), encoding="utf-8")
    png, state = out / "emergency-wall-32x9.png", out / "emergency-wall-32x9.json"
    # 60 s into the step at x30: half an hour of the leak (the team on scene, the shelter filling)
    cmd = [sys.executable, "-m", "console", "--demo", "--cache", str(out / "cache"), "--size", f"{SIZE[0]}x{SIZE[1]}",
           "--tour", str(tour), "--in-step", "60", "--speed", "30", "--screenshot", str(png), "--dump-state", str(state)]
    if os.environ.get("DISPLAY") is None and shutil.which("xvfb-run"):
        cmd = ["xvfb-run", "-a", "-s", f"-screen 0 {SIZE[0]}x{SIZE[1]}x24", *cmd]
    extra = _discoverable(out / "meta")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in (extra, str(ROOT)) if p))
    env.pop("QT_QPA_PLATFORM", None)  # the real X server (Xvfb), not offscreen: QtWebEngine draws the map
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=400)
    return proc, png, state


def _tiles(state: Path) -> dict[str, list[dict]]:
    screen = json.loads(state.read_text(encoding="utf-8"))["screens"][0]
    assert screen["layout"] == "emergency-wall-32x9", screen["layout"]
    out: dict[str, list[dict]] = {}
    for t in screen["tiles"]:
        out.setdefault(t["kind"], []).append(t)
    return out


def test_the_command_wall_shows_the_incident_its_plan_and_the_counts(shot):
    proc, png, state = shot
    assert proc.returncode == 0, proc.stderr[-1500:]
    tiles = _tiles(state)
    assert sorted(tiles) == ["alarms", "cameras", "emergency_checklist", "emergency_resources", "kpi", "map"]
    for kind, ts in tiles.items():
        for t in ts:
            texts = [t["title"], *t["texts"]]
            assert not any("无法显示" in x or "{" in x for x in texts), (kind, texts)
    checklist = " ".join(tiles["emergency_checklist"][0]["texts"])
    assert "侯镇化工园区" in checklist and "危化品泄漏处置" in checklist and "侯镇专职消防队" in checklist
    assert "✓" in checklist or "已到场" in checklist
    people = next(t for t in tiles["kpi"] if t["title"].startswith("影响范围内人口"))  # a tour wall may be bilingual
    assert any(x.split()[0].isdigit() and int(x.split()[0]) > 1000 for x in people["texts"] if x.split()), people["texts"]


def test_the_screenshot_is_the_wall_and_its_map_draws_the_range_and_the_route(shot):
    from PySide6.QtGui import QColor, QImage

    proc, png, state = shot
    assert proc.returncode == 0, proc.stderr[-1500:]
    img = QImage(str(png))
    assert (img.width(), img.height()) == SIZE
    # the map spans columns 2..5 of 8: count the range's red and the route's amber there
    red = amber = 0
    for x in range(SIZE[0] // 4 + 20, SIZE[0] * 3 // 4 - 20, 4):
        for y in range(120, SIZE[1] * 3 // 4, 4):
            c = QColor(img.pixel(x, y))
            r, g, b = c.red(), c.green(), c.blue()
            red += r > 170 and g < 110 and b < 110
            amber += r > 190 and 120 < g < 190 and b < 100
    assert red > 50, f"the impact range is not drawn ({red} red samples)"
    assert amber > 20, f"the route is not drawn ({amber} amber samples)"
