"""The commands an operator or a CI job types, run as real processes."""

import json
import os
import subprocess
import sys

from PySide6.QtGui import QImage

ENV = dict(os.environ, QT_QPA_PLATFORM="offscreen")


def run(*args, timeout=120):
    return subprocess.run([sys.executable, "-m", "console", *args], capture_output=True, text=True, env=ENV, timeout=timeout)


def test_demo_screenshot_then_cache_stats(tmp_path, qapp):
    png = tmp_path / "wall.png"
    out = run("--demo", "--cache", str(tmp_path), "--speed", "30", "--size", "1280x720", "--screenshot", str(png), "--after", "3")
    assert out.returncode == 0, out.stderr
    img = QImage(str(png))
    assert (img.width(), img.height()) == (1280, 720)
    # not a blank window: the dark background, light text and the demo mark's violet are all there
    colors = {img.pixelColor(x, y).name() for x in range(0, 1280, 7) for y in range(0, 720, 7)}
    assert len(colors) > 50
    violet = [c for c in colors if c.startswith("#b") and int(c[5:7], 16) > 0xd0 and int(c[3:5], 16) < 0xa0]
    assert violet, "the DEMO DATA mark is missing"

    stats = run("cache", "stats", "--cache", str(tmp_path))
    assert stats.returncode == 0, stats.stderr
    data = json.loads(stats.stdout)
    assert data["streams"] >= 45  # 42 gauges + 3 rain gauges, and the other plugins' streams
    assert data["readings"] > 42 * 12 * 60 * 0.9  # twelve hours back-filled at one a minute
    assert data["first_ts"] < data["last_ts"] and data["file_size_bytes"] > 100_000


def test_cache_stats_without_a_cache_says_so(tmp_path):
    out = run("cache", "stats", "--cache", str(tmp_path / "none"))
    assert out.returncode == 2 and "no cache" in out.stderr


def test_layout_check(tmp_path):
    bad = tmp_path / "l.json"
    bad.write_text('{"name": "x", "grid": {"rows": 1, "columns": 1}, "tiles": [{"kind": "kpi", "row": 0, "col": 0, "rowspan": 2}]}')
    out = run("layout", "check", str(bad))
    assert out.returncode == 2 and "tiles[0].rowspan" in out.stderr


def test_bad_arguments_are_refused_clearly():
    out = run("--city", "atlantis")
    assert out.returncode == 2 and "invalid choice" in out.stderr
    out = run("--demo", "--speed", "0", "--screenshot", "/tmp/x.png")
    assert out.returncode == 2 and "--speed must be positive" in out.stderr
