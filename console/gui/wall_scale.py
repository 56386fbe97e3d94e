"""Scaling a built wall's text for reading from far away, after the tiles exist.

Tiles size their fonts from their own font at construction, before they are on a
wall window, so the window's font alone does not reach everything: fonts a widget
set explicitly, fixed heights measured from a font (the chart legend), and
pyqtgraph axes (their text lives in a graphics scene, outside widget font
inheritance) are scaled here too.
"""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel, QWidget

_SCALED = "_wall_scale"


def scaled_font(base: QFont, factor: float) -> QFont:
    f = QFont(base)
    if f.pointSizeF() > 0:
        f.setPointSizeF(f.pointSizeF() * factor)
    elif f.pixelSize() > 0:
        f.setPixelSize(round(f.pixelSize() * factor))
    return f


def scale_widget_tree(root: QWidget, factor: float) -> None:
    """Scale the text of ``root`` and everything in it by ``factor`` (once per widget).

    Every widget gets an explicit font: under an application style sheet a parent's
    font does not reliably reach children built before they had that parent. Fonts
    are read first and set after, so no widget sees a half-scaled parent.
    """
    import pyqtgraph as pg

    # widgets new since the last call must read the unscaled font, whether or not
    # the root's font reaches them: reset it first, scale it last
    root.setFont(QApplication.font())
    todo = []
    for w in root.findChildren(QWidget):
        step = factor / (w.property(_SCALED) or 1.0)
        if step != 1.0:
            todo.append((w, step, QFont(w.font())))
    for w, step, font in todo:
        w.setProperty(_SCALED, factor)
        w.setFont(scaled_font(font, step))
        if isinstance(w, QLabel) and w.minimumHeight() == w.maximumHeight() > 0:
            w.setFixedHeight(round(w.maximumHeight() * step))
        if isinstance(w, pg.PlotWidget):
            item = w.getPlotItem()
            tick = scaled_font(QApplication.font(), factor * 0.9)
            for axis in item.axes.values():
                axis["item"].setStyle(tickFont=tick)
            # 1 px curves vanish on an LED wall read from across the room
            for curve in item.listDataItems():
                pen = pg.mkPen(curve.opts["pen"])
                pen.setWidthF(max(1.0, pen.widthF()) * step)
                curve.setPen(pen)
    root.setFont(scaled_font(QApplication.font(), factor))
