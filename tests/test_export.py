"""Export from tiles: a chart's CSV round-trips the shown series exactly (UTF-8 with BOM, the
units, the city's time); a PNG has the tile's size times the device pixel ratio; SVG for charts;
a table tile's CSV holds its shown cells with formula-looking cells defused; and the
`city-console export` command does the same from a real cache file, off screen."""

import csv
import io
import math
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from console.layouts.layout import TileSpec
from console.model import Entity, Reading, StreamSpec
from tests.tile_context_helpers import live_tile_context
from widgets.chart_tile import ChartTile
from widgets.export import ExportError, export_tile

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def ctx(tmp_path, qtbot):
    with live_tile_context(tmp_path, [
        Entity("G1", "gauge", "弥河1号站", 36.9, 118.7, streams=(StreamSpec("t/gauge/G1/level", "水位", "m", 60.0),)),
        Entity("G2", "gauge", "=HYPERLINK(1)", 36.9, 118.8, streams=(StreamSpec("t/gauge/G2/level", "水位", "m", 60.0),)),
    ]) as c:
        yield c


def _fill(ctx, n=120):
    now = time.time()
    values = {}
    for sid, base in (("t/gauge/G1/level", 2.0), ("t/gauge/G2/level", 3.0)):
        rows = [Reading(sid, now - 60 * (n - i), base + math.sin(i / 7.0) / 3.0) for i in range(n)]
        values[sid] = [(r.ts, r.value) for r in rows]
        ctx.hub.submit(rows, source="t")
    ctx.hub.store.flush()
    return values


def _chart(qtbot, ctx):
    tile = ChartTile(ctx, TileSpec("chart", 0, 0, title="水位 levels", options={"streams": ["t/gauge/*/level"], "window_h": 6}))
    qtbot.addWidget(tile)
    tile.resize(640, 360)
    tile.show()
    qtbot.waitUntil(lambda: tile.history_done and all(len(b) for b in tile.buffers.values()), timeout=10000)
    return tile


def test_chart_csv_round_trips_the_shown_series_exactly(qtbot, ctx, tmp_path):
    sent = _fill(ctx)
    tile = _chart(qtbot, ctx)
    out = export_tile(tile, tmp_path / "levels.csv")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    got: dict[str, list] = {}
    for r in rows:
        got.setdefault(r["stream"], []).append((float(r["epoch_s"]), float(r["value"])))
        assert r["unit"] == "m"
        assert r["time"].endswith("+08:00")  # the city's time, whatever the PC's zone
    assert got == sent  # every shown reading, every digit
    assert {r["series"] for r in rows} == {"G1 弥河1号站", "G2 =HYPERLINK(1)"}  # inside a cell: no formula
    tile.teardown()


def test_chart_csv_limited_to_a_range(qtbot, ctx, tmp_path):
    sent = _fill(ctx)
    tile = _chart(qtbot, ctx)
    since, until = sent["t/gauge/G1/level"][10][0], sent["t/gauge/G1/level"][19][0]
    rows = list(csv.DictReader(io.StringIO(export_tile(tile, tmp_path / "r.csv", since, until).read_text("utf-8-sig"))))
    assert len(rows) == 20 and all(since <= float(r["epoch_s"]) <= until for r in rows)
    tile.teardown()


def test_png_has_the_tiles_size_times_the_pixel_ratio_and_svg_is_a_chart(qtbot, ctx, tmp_path):
    _fill(ctx)
    tile = _chart(qtbot, ctx)
    img = QImage(str(export_tile(tile, tmp_path / "t.png")))
    dpr = tile.devicePixelRatioF()
    assert (img.width(), img.height()) == (round(tile.width() * dpr), round(tile.height() * dpr))
    svg = export_tile(tile, tmp_path / "t.svg").read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg and "polyline" in svg or "path" in svg
    with pytest.raises(ExportError, match="unknown export format"):
        export_tile(tile, tmp_path / "t.xlsx")
    tile.teardown()


def test_a_table_tile_exports_its_shown_cells_with_formulas_defused(qtbot, ctx, tmp_path):
    from PySide6.QtWidgets import QTableWidget, QTableWidgetItem, QVBoxLayout

    from widgets.text_tile import TextTile

    tile = TextTile(ctx, TileSpec("text", 0, 0, title="t", options={"text": "x"}))
    qtbot.addWidget(tile)
    table = QTableWidget(2, 2)
    table.setHorizontalHeaderLabels(["名称 name", "值 value"])
    for r, (a, b) in enumerate((("弥河1号站", "2.50"), ("=cmd|' /C calc'!A0", "-3"))):
        table.setItem(r, 0, QTableWidgetItem(a))
        table.setItem(r, 1, QTableWidgetItem(b))
    (tile.body.layout() or QVBoxLayout(tile.body)).addWidget(table)
    rows = list(csv.reader(io.StringIO(export_tile(tile, tmp_path / "t.csv").read_text("utf-8-sig"))))
    assert rows == [["名称 name", "值 value"], ["弥河1号站", "2.50"], ["'=cmd|' /C calc'!A0", "'-3"]]
    tile.teardown()


def test_the_export_command_writes_a_chart_from_a_real_cache(tmp_path):
    cache = tmp_path / "cache"
    # a demo run fills a real cache; the export command then reads it offline
    subprocess.run([sys.executable, "-m", "console", "--demo", "--cache", str(cache), "--screenshot",
                    str(tmp_path / "w.png"), "--after", "3"], cwd=ROOT, check=True, timeout=120, capture_output=True)
    out = subprocess.run(
        [sys.executable, "-m", "console", "export", "--layout", "flood-overview", "--tile", "弥河", "--cache", str(cache),
         "-o", str(tmp_path / "mi.csv")], cwd=ROOT, timeout=120, capture_output=True, text=True,
    )
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO((tmp_path / "mi.csv").read_text("utf-8-sig"))))
    assert rows and all(r["stream"].startswith("flood/gauge/MH-") for r in rows)
    assert {r["unit"] for r in rows} == {"m"}
    bad = subprocess.run([sys.executable, "-m", "console", "export", "--layout", "flood-overview", "--tile", "99",
                          "--cache", str(cache), "-o", str(tmp_path / "x.png")], cwd=ROOT, timeout=120,
                         capture_output=True, text=True)
    assert bad.returncode == 2 and "the layout has tiles 0.." in bad.stderr and "Traceback" not in bad.stderr
