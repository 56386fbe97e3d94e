"""Draws the city-console icon with QPainter: an SVG, PNGs 16..256 and a Windows .ico.

    QT_QPA_PLATFORM=offscreen python packaging/make_icons.py   # writes resources/icons/

The outputs are committed; run this again only when the drawing changes. The drawing:
a dark rounded tile (the wall), three towers (the city) and a water line (the river
gauges the first plugin watches), in the console's own colours.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QByteArray, QBuffer, QIODevice, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen
from PySide6.QtSvg import QSvgGenerator

OUT = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)
BG, BG2 = QColor("#12202f"), QColor("#1b3147")
TOWER = QColor("#e8eef5")
ACCENT = QColor("#2ec4b6")


def paint(p: QPainter, s: float) -> None:
    """Draw on a square of side ``s`` (the drawing is defined on a 256 grid)."""
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(s / 256, s / 256)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(BG)
    p.drawRoundedRect(QRectF(8, 8, 240, 240), 44, 44)
    p.setBrush(BG2)
    p.drawRoundedRect(QRectF(8, 128, 240, 120), 44, 44)
    p.drawRect(QRectF(8, 128, 240, 60))
    # three towers, the middle one tallest
    p.setBrush(TOWER)
    for x, top, w in ((56, 100, 40), (108, 52, 44), (164, 84, 36)):
        p.drawRoundedRect(QRectF(x, top, w, 172 - top), 6, 6)
    # a lit window on the tall tower
    p.setBrush(ACCENT)
    p.drawRoundedRect(QRectF(122, 72, 16, 16), 3, 3)
    # the river: a wave across the foot of the city
    wave = QPainterPath(QPointF(36, 196))
    for i in range(4):
        x0 = 36 + i * 46
        wave.cubicTo(QPointF(x0 + 15, 180), QPointF(x0 + 31, 212), QPointF(x0 + 46, 196))
    pen = QPen(ACCENT, 16, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPath(wave)


def render_png(size: int) -> QImage:
    img = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    paint(p, size)
    p.end()
    return img


def png_bytes(img: QImage) -> bytes:
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    img.save(buf, "PNG")
    buf.close()
    return bytes(data)


def ico_bytes(images: dict[int, QImage]) -> bytes:
    """A multi-size .ico with PNG-compressed entries (Windows Vista and later read them).

    Qt's own ICO writer stores a single uncompressed image, so the file is built here:
    ICONDIR, one ICONDIRENTRY per size, then the PNG data.
    """
    import struct

    pngs = [(size, png_bytes(img)) for size, img in sorted(images.items())]
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, blobs = b"", b""
    for size, data in pngs:
        dim = 0 if size >= 256 else size  # 0 means 256
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        blobs += data
        offset += len(data)
    return header + entries + blobs


def write_svg(path: Path) -> None:
    gen = QSvgGenerator()
    gen.setFileName(str(path))
    gen.setSize(QSize(256, 256))
    gen.setViewBox(QRectF(0, 0, 256, 256))
    gen.setTitle("city-console")
    gen.setDescription("city-console icon")
    p = QPainter(gen)
    paint(p, 256)
    p.end()


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (fonts/painting need it)
    OUT.mkdir(parents=True, exist_ok=True)
    write_svg(OUT / "city-console.svg")
    images = {}
    for size in SIZES:
        images[size] = render_png(size)
        if not images[size].save(str(OUT / f"city-console-{size}.png")):
            print(f"could not write {size}px", file=sys.stderr)
            return 1
    (OUT / "city-console.ico").write_bytes(ico_bytes(images))
    print(f"icons written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
