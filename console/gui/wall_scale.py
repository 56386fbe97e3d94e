"""Scaling a built wall's text for reading from far away, after the tiles exist.

Tiles size their fonts from their own font at construction, before they are on a
wall window, so the window's font alone does not reach everything: fonts a widget
set explicitly, fixed heights measured from a font (the chart legend, a gauge),
table rows (their height does not follow their font: scaled text overprints the next
row), table items' own fonts, and pyqtgraph axes and curves (they live in a graphics
scene, outside widget font inheritance) are scaled here too.

``min_px`` is the floor for every text: on a wall nothing may be smaller than 1.5 %
of the screen's height (32 px at 2160 lines), whatever a tile chose for its fine print.
"""

from __future__ import annotations

import math
import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontInfo, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QApplication, QTableView, QTableWidget, QTreeWidget, QWidget

_SCALED = "_wall_scale"
MIN_TEXT_SHARE = 0.015  # of the screen's height: the smallest text a wall shows
_ROW_PAD = 1.25  # a table row's height against its font's line height
HERO_NAMES = frozenset({"kpiValue"})  # object names of the big numbers tiles show
HERO_GROWTH = 1.4


def min_text_px(screen_height: int) -> int:
    """The smallest text a wall screen ``screen_height`` pixels high may show."""
    return math.ceil(screen_height * MIN_TEXT_SHARE)


def scaled_font(base: QFont, factor: float, min_px: int = 0) -> QFont:
    f = QFont(base)
    if f.pointSizeF() > 0:
        f.setPointSizeF(f.pointSizeF() * factor)
    elif f.pixelSize() > 0:
        f.setPixelSize(round(f.pixelSize() * factor))
    if min_px and QFontInfo(f).pixelSize() < min_px:
        f.setPixelSize(min_px)
    return f


def _scale_items(view: QAbstractItemView, step: float, min_px: int) -> None:
    """Items with a font of their own (bold unacknowledged rows) keep it, scaled."""
    if isinstance(view, QTableWidget):
        items = (view.item(r, c) for r in range(view.rowCount()) for c in range(view.columnCount()))
    elif isinstance(view, QTreeWidget):
        root = view.invisibleRootItem()
        items = ((root.child(i), c) for i in range(root.childCount()) for c in range(view.columnCount()))
        for item, col in items:
            if item.data(col, Qt.ItemDataRole.FontRole) is not None:
                item.setFont(col, scaled_font(item.font(col), step, min_px))
        return
    else:
        return
    for item in items:
        if item is not None and item.data(Qt.ItemDataRole.FontRole) is not None:
            item.setFont(scaled_font(item.font(), step, min_px))


def _fit_rows(view: QTableView, font: QFont) -> None:
    rows = view.verticalHeader()
    height = math.ceil(QFontMetrics(font).height() * _ROW_PAD)
    rows.setMinimumSectionSize(min(rows.minimumSectionSize(), height))
    rows.setDefaultSectionSize(height)
    for r in range(view.model().rowCount() if view.model() else 0):
        if view.rowHeight(r) < height:
            view.setRowHeight(r, height)


def _scale_plot(w, factor: float, step: float, min_px: int) -> None:
    import pyqtgraph as pg

    item = w.getPlotItem()
    tick = scaled_font(QApplication.font(), factor * 0.9, min_px)
    for axis in item.axes.values():
        ax = axis["item"]
        ax.setStyle(tickFont=tick, tickLength=-round(5 * factor), tickTextOffset=round(3 * factor))
        ax.setPen(pg.mkPen(ax.pen().color(), width=max(1.0, factor / 1.5)))
        ax.label.setFont(tick)
    # the labels drawn in the plot (a threshold line's gauge) are text on the wall too
    for label in item.items:
        if isinstance(label, pg.TextItem):
            label.setFont(scaled_font(label.textItem.font(), factor, min_px))
    # 1 px curves and threshold lines vanish on an LED wall read from across the room
    for curve in item.items:
        if isinstance(curve, (pg.PlotDataItem, pg.PlotCurveItem)):
            pen = pg.mkPen(curve.opts["pen"])
            pen.setWidthF(max(1.0, pen.widthF()) * step)
            curve.setPen(pen)


def scale_widget_tree(root: QWidget, factor: float, min_px: int = 0) -> None:
    """Scale the text of ``root`` and everything in it by ``factor`` (once per widget), none below ``min_px``.

    Every widget gets an explicit font: under an application style sheet a parent's
    font does not reliably reach children built before they had that parent. Fonts
    are read first and set after, so no widget sees a half-scaled parent.
    """
    from PySide6.QtWebEngineWidgets import QWebEngineView

    pg = sys.modules.get("pyqtgraph")  # not imported yet: no plot to scale (widgets.plotting)

    # widgets new since the last call must read the unscaled font, whether or not
    # the root's font reaches them: reset it first, scale it last
    root.setFont(QApplication.font())
    todo = []
    for w in root.findChildren(QWidget):
        step = factor / (w.property(_SCALED) or 1.0)
        if step != 1.0 or (min_px and QFontInfo(w.font()).pixelSize() < min_px):
            todo.append((w, step, QFont(w.font())))
    for w, step, font in todo:
        first = w.property(_SCALED) is None
        w.setProperty(_SCALED, factor)
        # a wall's hero numbers (KPI values) grow more than its text: they are read first, from farthest
        hero = HERO_GROWTH if first and factor > 1 and w.objectName() in HERO_NAMES else 1.0
        scaled = scaled_font(font, step * hero, min_px)
        w.setFont(scaled)
        if w.minimumHeight() == w.maximumHeight() > 0 and step != 1.0:
            w.setFixedHeight(round(w.maximumHeight() * step))
        if isinstance(w, QAbstractItemView):
            _scale_items(w, step, min_px)
            if isinstance(w, QTableView):
                _fit_rows(w, scaled)
        if pg is not None and isinstance(w, pg.PlotWidget):
            _scale_plot(w, factor, step, min_px)
        if isinstance(w, QWebEngineView) and step != 1.0:
            # the map page's labels, legend and markers: CSS pixels scaled like the widgets' text
            w.setZoomFactor(min(5.0, w.zoomFactor() * step))
    root.setFont(scaled_font(QApplication.font(), factor, min_px))
