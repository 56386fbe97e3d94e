"""Printing: a tile (or the layout) drawn on one page, fitted to it; through Qt's print dialog
on the desk (Ctrl+P) or the tile's menu, here straight to PDF, rendered back with pdftoppm.
(Qt draws CJK CFF fonts as outlines, so pdftotext has no text to read: the test looks.)"""

import re
import shutil
import subprocess

import pytest
from PySide6.QtGui import QImage

from console.layouts.layout import TileSpec
from widgets.printing import print_to_pdf
from widgets.text_tile import TextTile
from widgets.tile import TileContext


def _ink(png, below: int = 128) -> tuple[int, tuple[int, int, int, int]]:
    """Pixels darker than ``below`` on the page, and their bounding box."""
    img = QImage(str(png))
    n, xs, ys = 0, [], []
    for y in range(0, img.height(), 2):
        for x in range(0, img.width(), 2):
            if img.pixelColor(x, y).lightness() < below:
                n += 1
                xs.append(x)
                ys.append(y)
    return n, (min(xs), min(ys), max(xs), max(ys)) if xs else (0, 0, 0, 0)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler-utils")
def test_a_tile_prints_on_one_page_fitted_to_it(qtbot, hub, tmp_path):
    from console.gui.history_loader import HistoryLoader
    from console.gui.hub_signals import HubSignals

    signals, history = HubSignals(hub), HistoryLoader(hub.store)
    tile = TextTile(TileContext(hub, signals, history), TileSpec("text", 0, 0, title="防汛值班 Flood duty",
                                                                  options={"text": "弥河1号站 4.35 m " * 4}))
    qtbot.addWidget(tile)
    tile.resize(800, 300)
    tile.show()
    out = tmp_path / "duty.pdf"
    assert print_to_pdf(tile, out, "Flood duty")
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.M) and "842 x 595" in info  # one page, A4 landscape
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-singlefile", str(out), str(tmp_path / "page")], check=True)
    page = QImage(str(tmp_path / "page.png"))
    n, _ = _ink(tmp_path / "page.png")
    assert n > 150  # the tile's text is on the page
    _, (x0, y0, x1, y1) = _ink(tmp_path / "page.png", below=250)  # the tile's background
    # fitted: the drawing spans most of the page's width, in the tile's proportions (800:300)
    assert (x1 - x0) > 0.95 * page.width() - 20
    assert abs((y1 - y0) / (x1 - x0) - 300 / 800) < 0.03
    tile.teardown()
    history.shutdown()
