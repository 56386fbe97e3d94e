"""What every simulated camera frame shares: the NVR's burned-in time, name and channel, and JPEG encoding.

QImage and QPainter only (no QPixmap), so it runs on any thread once a QGuiApplication
exists (fonts need one). Used by the plugins' renderers and the generic site renderer.
"""

from __future__ import annotations

import random
import time
import zlib

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF
from PySide6.QtGui import QColor, QFont, QImage, QPainter

_WEEKDAYS = "一二三四五六日"
_FONT_FAMILIES = ["Noto Sans Mono CJK SC", "Noto Sans CJK SC", "DejaVu Sans Mono", "Monospace"]


def start_frame(camera_id: str, variant: int, w: int, h: int) -> tuple[QImage, QPainter, random.Random]:
    """A blank frame, its antialiased painter, and the camera's own random look (the same every frame)."""
    img = QImage(w, h, QImage.Format.Format_RGB32)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    return img, p, random.Random(zlib.crc32(f"{camera_id}/{variant}".encode()))


def is_night(t: float, utc_offset_h: float) -> bool:
    hour = ((t / 3600.0) + utc_offset_h) % 24
    return hour < 5.5 or hour >= 19.0


def burn_in(img: QImage, title: str, channel: int, t: float, utc_offset_h: float) -> None:
    """Time top left, name bottom right, white with a dark outline: what NVR overlays look like."""
    p = QPainter(img)
    font = QFont()
    font.setFamilies(_FONT_FAMILIES)
    font.setPixelSize(max(11, img.height() // 22))
    p.setFont(font)
    lt = time.gmtime(t + utc_offset_h * 3600)
    stamp = time.strftime("%Y-%m-%d ", lt) + f"星期{_WEEKDAYS[lt.tm_wday]}" + time.strftime(" %H:%M:%S", lt)
    margin = img.height() // 30
    fm = p.fontMetrics()
    for text, pos in (
        (stamp, QPointF(margin, margin + fm.ascent())),
        (title, QPointF(img.width() - margin - fm.horizontalAdvance(title), img.height() - margin - fm.descent())),
        (f"CH{channel:03d}", QPointF(margin, img.height() - margin - fm.descent())),
    ):
        p.setPen(QColor(0, 0, 0, 200))
        for dx, dy in ((-1, 0), (1, 0), (0, -1), (0, 1)):
            p.drawText(pos + QPointF(dx, dy), text)
        p.setPen(QColor(250, 250, 250))
        p.drawText(pos, text)
    p.end()


def encode_jpeg(img: QImage, quality: int = 70) -> bytes:
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    if not img.save(buf, "JPEG", quality):
        raise RuntimeError("JPEG encoding failed")
    buf.close()
    return bytes(data.data())
