"""Paints a simulated river-bank camera frame the way an NVR snapshot looks, as JPEG.

QImage and QPainter only (no QPixmap), so it runs on any thread once a
QGuiApplication exists (fonts need one). The scene: a far bank with a tree line
and greenhouses (Shouguang grows vegetables under plastic), the river, the near
concrete revetment with a staff gauge (水尺) that the water climbs, rain streaks,
infra-red grey at night; the time and the camera's name burned in.
"""

from __future__ import annotations

import random

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter, QPen, QPolygonF

from plugins.flood.camera_scene import Scene
from widgets.camera_frame import burn_in, encode_jpeg, is_night, start_frame


def render_image(scene: Scene) -> QImage:
    w, h = scene.width, scene.height
    img, p, rnd = start_frame(scene.camera_id, scene.variant, w, h)
    rain = min(scene.rain_mm_h / 30.0, 1.0)

    # sky: overcast grey-blue, greyer in rain
    horizon = h * (0.26 + 0.1 * rnd.random())
    sky = QLinearGradient(0, 0, 0, horizon)
    sky.setColorAt(0.0, QColor.fromHsvF(0.58, 0.18 * (1 - rain), 0.80 - 0.15 * rain))
    sky.setColorAt(1.0, QColor.fromHsvF(0.58, 0.08, 0.88 - 0.12 * rain))
    p.fillRect(QRectF(0, 0, w, horizon + 2), sky)

    # far bank: a green strip, a tree line, the long white arcs of greenhouses
    far_edge = horizon + h * 0.09
    p.fillRect(QRectF(0, horizon, w, far_edge - horizon + 1), QColor(88, 104, 70))
    p.setPen(Qt.PenStyle.NoPen)
    x = -10.0
    while x < w:
        r = h * (0.025 + 0.03 * rnd.random())
        p.setBrush(QColor(52 + rnd.randint(0, 18), 70 + rnd.randint(0, 20), 44))
        p.drawEllipse(QPointF(x, horizon + r * 0.3), r * 1.2, r)
        x += r * (1.2 + rnd.random())
    for _ in range(rnd.randint(1, 3)):
        gx, gw = rnd.uniform(0, w * 0.8), rnd.uniform(w * 0.12, w * 0.3)
        p.setBrush(QColor(205, 210, 212))
        p.drawChord(QRectF(gx, horizon + h * 0.03, gw, h * 0.07), 0, 180 * 16)
    if rnd.random() < 0.5:  # a pylon or a village roof beyond
        bx = rnd.uniform(w * 0.5, w * 0.9)
        p.setBrush(QColor(120, 92, 80))
        p.drawRect(QRectF(bx, horizon - h * 0.04, w * 0.06, h * 0.05))

    # the river: muddy when high, ripples drifting with time
    water_top = far_edge
    high = max(0.0, min(scene.water, 1.2))
    water = QLinearGradient(0, water_top, 0, h)
    water.setColorAt(0.0, QColor.fromHsvF(0.10, 0.20 + 0.25 * high, 0.58 - 0.1 * rain))
    water.setColorAt(1.0, QColor.fromHsvF(0.11, 0.28 + 0.25 * high, 0.42 - 0.08 * rain))
    p.fillRect(QRectF(0, water_top, w, h - water_top), water)
    phase = (scene.t % 60) / 60.0
    p.setPen(QPen(QColor(255, 255, 255, 38), 1))
    for k in range(28):
        y = water_top + (h - water_top) * ((k / 28 + phase / 28) % 1.0)
        x0 = rnd.uniform(-w * 0.2, w)
        p.drawLine(QPointF(x0, y), QPointF(x0 + rnd.uniform(20, 90) * (1 + y / h), y))

    # the near bank: a concrete revetment in the lower left, its top a road with a railing
    top_y = h * (0.50 + 0.06 * rnd.random())
    toe = QPointF(w * (0.62 + 0.1 * rnd.random()), h)
    slope = QPolygonF([QPointF(0, top_y), QPointF(w * 0.10, top_y), toe, QPointF(0, h)])
    # the waterline is level: the water covers the slope below it
    wl_y = h - (h - top_y) * max(0.0, min(scene.water, 1.0))
    p.save()
    p.setClipRect(QRectF(0, 0, w, wl_y))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(150, 148, 140))
    p.drawPolygon(slope)
    p.setPen(QPen(QColor(120, 118, 112), 1))
    for k in range(1, 9):  # revetment block joints
        f = k / 9
        p.drawLine(QPointF(0, top_y + (h - top_y) * f), QPointF(w * 0.10 + (toe.x() - w * 0.10) * f, top_y + (h - top_y) * f))
    p.restore()
    p.fillRect(QRectF(0, top_y - h * 0.035, w * 0.11, h * 0.035), QColor(96, 96, 92))
    p.setPen(QPen(QColor(200, 200, 196), 2))
    p.drawLine(QPointF(0, top_y - h * 0.06), QPointF(w * 0.11, top_y - h * 0.06))
    for k in range(4):
        px = w * 0.11 * k / 3
        p.drawLine(QPointF(px, top_y - h * 0.06), QPointF(px, top_y - h * 0.035))

    # the staff gauge: red and white decimetre blocks, numbered; water hides its foot
    gx, gw = w * 0.16, w * 0.022
    g_top, g_bot = top_y + (h - top_y) * 0.05, h
    p.save()
    p.setClipRect(QRectF(0, 0, w, wl_y))
    p.setPen(Qt.PenStyle.NoPen)
    blocks = 20
    for k in range(blocks):
        y0 = g_bot - (g_bot - g_top) * (k + 1) / blocks
        p.setBrush(QColor(196, 48, 40) if k % 2 == 0 else QColor(236, 236, 230))
        p.drawRect(QRectF(gx, y0, gw, (g_bot - g_top) / blocks))
    if scene.warning is not None:
        wy = g_bot - (g_bot - g_top) * max(0.0, min(scene.warning, 1.0))
        p.setPen(QPen(QColor(230, 200, 40), 2))
        p.drawLine(QPointF(gx - gw * 0.6, wy), QPointF(gx + gw * 1.6, wy))
    p.restore()
    p.setPen(QPen(QColor(255, 255, 255, 70), 1))
    p.drawLine(QPointF(0, wl_y), QPointF(w * 0.10 + (toe.x() - w * 0.10) * (wl_y - top_y) / (h - top_y), wl_y))

    # rain: short streaks, more and longer in a downpour
    if scene.rain_mm_h > 0.2:
        n = int(80 + 700 * rain)
        p.setPen(QPen(QColor(225, 230, 235, 70), 1))
        rr = random.Random(int(scene.t))
        for _ in range(n):
            x, y = rr.uniform(0, w), rr.uniform(0, h)
            length = 6 + 14 * rain
            p.drawLine(QPointF(x, y), QPointF(x - length * 0.25, y + length))
    p.end()

    if is_night(scene.t, scene.utc_offset_h):  # infra-red: grey, flat, a little brighter in the middle
        img = img.convertToFormat(QImage.Format.Format_Grayscale8).convertToFormat(QImage.Format.Format_RGB32)
    burn_in(img, scene.title, scene.channel, scene.t, scene.utc_offset_h)
    return img


def render_jpeg(scene: Scene) -> bytes:
    """The renderer the simulated camera source names by reference."""
    return encode_jpeg(render_image(scene), scene.quality)
