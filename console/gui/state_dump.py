"""The wall's state as data (``--dump-state FILE``): what every screen shows, as JSON.

Taken at the moment of ``--screenshot``; support reads it ("what did the wall show at
03:12") and the tests check the wall's consistency on it.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontInfo
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractItemView, QComboBox, QGraphicsSimpleTextItem, QGraphicsTextItem, QGraphicsView, QHeaderView,
    QLabel, QLineEdit, QMenuBar, QWidget,
)

from console.alarms.listing import alarm_counts
from console.city_time import city_time


def _px(font) -> int:
    return QFontInfo(font).pixelSize()


def _view_px(view: QAbstractItemView) -> list[int]:
    """A table's or tree's text: its font and its first row's, no larger than the row is high
    (rows shorter than their text overprint each other: the font scaled, the row height not)."""
    px = [_px(view.font())]
    model = view.model()
    if model is not None and model.rowCount() > 0 and not isinstance(view, QHeaderView):
        for col in range(min(model.columnCount(), 8)):
            index = model.index(0, col)
            font = model.data(index, Qt.ItemDataRole.FontRole)
            if isinstance(font, QFont):
                px.append(_px(font))
            row_h = view.visualRect(index).height()
            if row_h > 0:
                px.append(min(max(px), row_h))
    return px


def _scene_px(view: QGraphicsView) -> list[int]:
    """Text drawn in a graphics scene (pyqtgraph's axes, labels, legends): outside widget fonts."""
    import pyqtgraph as pg

    scene = view.scene()
    if scene is None:
        return []
    px = []
    for item in scene.items():
        if not item.isVisible():
            continue
        if isinstance(item, pg.AxisItem):
            px.append(_px(item.style["tickFont"] or view.font()))  # ticks drawn with the view's font unless set
        elif isinstance(item, (QGraphicsTextItem, QGraphicsSimpleTextItem)) and (
            item.toPlainText() if isinstance(item, QGraphicsTextItem) else item.text()
        ):
            px.append(_px(item.font()))
    return px


def visible_texts(root: QWidget) -> tuple[list[str], list[str], int | None]:
    """The texts of ``root``'s visible labels, its controls' texts, and the smallest text pixel size.

    The size is read from the real fonts: widgets', table rows' (capped by the row
    height), the chart scenes' axes and labels, and what a painted widget says it paints
    with (a ``painted_fonts()`` method).
    """
    texts: list[str] = []
    controls: list[str] = []
    px: list[int] = []
    for w in root.findChildren(QWidget):
        if not w.isVisibleTo(root.window()):
            continue
        if isinstance(w, QLabel) and w.text():
            texts.append(w.text())
        elif isinstance(w, QAbstractButton) and w.text():
            controls.append(w.text())
        elif isinstance(w, QComboBox):
            controls.append(w.currentText())
        elif isinstance(w, QLineEdit):
            controls.append(w.text() or w.placeholderText())
        elif isinstance(w, QAbstractItemView):
            px.extend(_view_px(w))
            continue
        elif isinstance(w, QGraphicsView):
            px.extend(_scene_px(w))
            continue
        elif callable(getattr(w, "painted_fonts", None)):
            px.extend(_px(f) for f in w.painted_fonts())
            continue
        else:
            continue
        px.append(_px(w.font()))
    return texts, controls, min(px) if px else None


def tile_state(tile) -> dict[str, Any]:
    """A tile's state: its own ``state()`` if it has one, else what its labels show."""
    texts, controls, px = visible_texts(tile)
    state = {
        "kind": tile.kind, "title": tile.title_label.text(),
        "freshness": tile.status_label.property("freshness"), "age_s": getattr(tile, "_freshness_age_s", None),
        "filter": tile.title_filter() or None, "texts": texts, "controls": controls, "text_px_min": px,
    }
    own = getattr(tile, "state", None)
    if callable(own):
        state.update(own())
    return state


def _screen(name: str, window, grid, header: str | None = None) -> dict[str, Any]:
    from widgets.tile import Tile

    tiles = []
    for t in window.findChildren(Tile):
        if t.isVisibleTo(window):
            top_left = t.mapTo(window, t.rect().topLeft())
            tiles.append(tile_state(t) | {"rect": [top_left.x(), top_left.y(), t.width(), t.height()]})
    _texts, controls, px = visible_texts(window)
    layout = getattr(getattr(grid, "layout_model", None), "name", None)
    out = {"name": name, "width": window.width(), "height": window.height(), "layout": layout,
           "min_text_px": px, "controls": controls, "chrome": chrome_texts(window), "tiles": tiles}
    if header is not None:
        out["header"] = header
    return out


def _source(hub, h, now: float) -> dict[str, Any]:
    state = hub.source_state(h.name)
    backlog = None
    if state == "catching_up":
        behind, done = h.catch_up(now)
        backlog = {"behind_s": behind, "progress": done}
    return {"name": h.name, "state": state, "last_error": h.last_error, "backlog": backlog}


def chrome_texts(window) -> list[str]:
    """What a window shows outside its tiles: its title, the header, menus, the status bar."""
    from widgets.tile import Tile

    def in_tile(w) -> bool:
        while w is not None and w is not window:
            if isinstance(w, Tile):
                return True
            w = w.parentWidget()
        return False

    own = [w for w in window.findChildren(QWidget)
           if isinstance(w, (QLabel, QAbstractButton)) and w.isVisibleTo(window) and not in_tile(w)]
    menus = [a.text() for bar in window.findChildren(QMenuBar) for a in bar.actions()]
    return [t for t in [window.windowTitle()] + [w.text() for w in own] + menus if t]


def wall_state(window, runtime) -> dict[str, Any]:
    """The JSON ``--dump-state`` writes (see issue 16 for its shape)."""
    now = runtime.clock.now()
    ct = city_time()
    # the desk only when it is on a screen (a wall that spans every screen leaves it closed)
    screens = [_screen("desk", window, window.wall)] if window.isVisible() else []
    if screens:  # the status bar's figures (alarm totals ...) beside the tiles', so a test can see they agree
        screens[0]["status_bar"] = visible_texts(window.statusBar())[0]
    walls = window.desk.windows.windows if getattr(window, "desk", None) is not None and window.desk.windows else {}
    for sid, w in walls.items():
        if w.isVisible():
            screens.append(_screen(str(sid), w, w.grid, w.header.text()))
    sources = [_source(runtime.hub, h, now) for h in runtime.hub.sources.values()]
    alarms = runtime.alarms.open_alarms()
    counts = alarm_counts(alarms)
    driver = getattr(window, "tour_driver", None)
    remote = getattr(getattr(window, "desk", None), "remote_walls", None)
    if remote is not None:
        remote.refresh()
    return {
        "tour": driver.state() if driver is not None else None,
        "time": {"text": window.clock_label.text(), "tz": ct.name, "epoch": now},
        "lang": runtime.options.lang,
        "screens": screens,
        "sources": sources,
        "alarms": {
            "open": counts.open, "unacked": counts.unacked,
            "new_10min": runtime.alarms.new_alarms_in_window(), "flood": runtime.alarms.in_flood(),
            "by_rule": dict(Counter(a.rule for a in alarms)),
        },
        "centre_walls": remote.state() if remote is not None else None,  # the centre's other walls, as the desk shows them
    }


def dump_state(path: Path, window, runtime, first_frame_at: float | None = None) -> None:
    """``first_frame_at``: when the first frame was painted (epoch s; console.gui.first_paint), for start-up timing."""
    state = wall_state(window, runtime)
    if first_frame_at is not None:
        state["first_frame_at"] = first_frame_at
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(json.dumps(state, ensure_ascii=False, indent=1), encoding="utf-8")
