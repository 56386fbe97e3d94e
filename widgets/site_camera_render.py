"""Paints a simulated site camera frame (an entrance, a yard, a lobby) as JPEG.

A high-mounted view over a paved forecourt in front of a building: the busier the
site (``busy``), the more cars or people stand on it, so a full car park looks full
on the wall. Infra-red grey at night; time, channel and name burned in.
"""

from __future__ import annotations


from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter

from console.cameras.site_cameras import SiteScene
from widgets.camera_frame import burn_in, encode_jpeg, is_night, start_frame

_CAR_COLOURS = ((210, 210, 215), (40, 40, 45), (150, 20, 25), (30, 60, 120), (180, 180, 170), (90, 90, 95))


def render_image(scene: SiteScene) -> QImage:
    w, h = scene.width, scene.height
    img, p, rnd = start_frame(scene.camera_id, scene.variant, w, h)
    p.setPen(Qt.PenStyle.NoPen)
    roof = h * (0.18 + 0.08 * rnd.random())
    sky = QLinearGradient(0, 0, 0, roof)
    sky.setColorAt(0.0, QColor(150, 170, 190))
    sky.setColorAt(1.0, QColor(200, 208, 214))
    p.fillRect(QRectF(0, 0, w, roof), sky)
    # the building: a wall with rows of windows and a door
    base = h * 0.48
    p.fillRect(QRectF(0, roof, w, base - roof), QColor(rnd.randint(170, 205), rnd.randint(160, 190), rnd.randint(140, 170)))
    p.setBrush(QColor(70, 90, 110))
    for row in range(2):
        y = roof + (base - roof) * (0.15 + 0.42 * row)
        x = w * 0.04
        while x < w * 0.95:
            p.drawRect(QRectF(x, y, w * 0.05, (base - roof) * 0.25))
            x += w * 0.09
    p.setBrush(QColor(45, 50, 55))
    door = w * (0.35 + 0.3 * rnd.random())
    p.drawRect(QRectF(door, base - (base - roof) * 0.4, w * 0.08, (base - roof) * 0.4))
    # the forecourt, with its bay lines
    p.fillRect(QRectF(0, base, w, h - base), QColor(105, 108, 110))
    p.setBrush(QColor(225, 225, 215))
    bays, rows = 10, 3
    for r in range(rows):
        y = base + (h - base) * (0.12 + 0.3 * r)
        for b in range(bays + 1):
            p.drawRect(QRectF(w * (0.03 + 0.094 * b), y, 2, (h - base) * 0.22))
    # what stands on it: one car (or group of people) per taken bay
    taken = sorted(range(bays * rows), key=lambda _: rnd.random())[: round(scene.busy * bays * rows)]
    for k in taken:
        r, b = divmod(k, bays)
        y = base + (h - base) * (0.13 + 0.3 * r)
        p.setBrush(QColor(*_CAR_COLOURS[rnd.randrange(len(_CAR_COLOURS))]))
        p.drawRoundedRect(QRectF(w * (0.04 + 0.094 * b), y, w * 0.072, (h - base) * 0.2), 4, 4)
    p.end()
    if is_night(scene.t, scene.utc_offset_h):
        img = img.convertToFormat(QImage.Format.Format_Grayscale8).convertToFormat(QImage.Format.Format_RGB32)
    burn_in(img, scene.title, scene.channel, scene.t, scene.utc_offset_h)
    return img


def render_jpeg(scene: SiteScene) -> bytes:
    """The renderer a site camera set names by reference."""
    return encode_jpeg(render_image(scene), scene.quality)
