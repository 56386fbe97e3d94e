"""Scaling a built wall's text for reading from far away, after the tiles exist.

Tiles size their fonts from their own font at construction, before they are on a
wall window, so the window's font alone does not reach everything: fonts a widget
set explicitly, fixed heights measured from a font (the chart legend), and
pyqtgraph axes (their text lives in a graphics scene, outside widget font
inheritance) are scaled here too.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
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
    """Scale the text of ``root`` and everything in it by ``factor`` (once per widget)."""
    root.setFont(scaled_font(QApplication.font(), factor))
    if factor == 1.0:
        return
    import pyqtgraph as pg

    for w in root.findChildren(QWidget):
        done = w.property(_SCALED) or 1.0
        step = factor / done
        if step == 1.0:
            continue
        w.setProperty(_SCALED, factor)
        if w.testAttribute(Qt.WidgetAttribute.WA_SetFont) and w is not root:
            w.setFont(scaled_font(w.font(), step))
        if isinstance(w, QLabel) and w.minimumHeight() == w.maximumHeight() > 0:
            w.setFixedHeight(round(w.maximumHeight() * step))
        if isinstance(w, pg.PlotWidget):
            tick = scaled_font(QApplication.font(), factor * 0.9)
            for axis in w.getPlotItem().axes.values():
                axis["item"].setStyle(tickFont=tick)
