"""The wall's state as data (``--dump-state FILE``): what every screen shows, as JSON.

Taken at the moment of ``--screenshot``; support reads it ("what did the wall show at
03:12") and the tests check the wall's consistency on it.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QLineEdit, QWidget

from console.city_time import city_time


def visible_texts(root: QWidget) -> tuple[list[str], list[str], int | None]:
    """The texts of ``root``'s visible labels, its controls' texts, and the smallest text pixel size."""
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
        else:
            continue
        px.append(QFontInfo(w.font()).pixelSize())
    return texts, controls, min(px) if px else None


def tile_state(tile) -> dict[str, Any]:
    """A tile's state: its own ``state()`` if it has one, else what its labels show."""
    texts, controls, px = visible_texts(tile)
    state = {
        "kind": tile.kind, "title": tile.title_label.text(),
        "freshness": tile.status_label.property("freshness"), "age_s": getattr(tile, "_freshness_age_s", None),
        "filter": None, "texts": texts, "controls": controls, "text_px_min": px,
    }
    own = getattr(tile, "state", None)
    if callable(own):
        state.update(own())
    return state


def _screen(name: str, window, grid) -> dict[str, Any]:
    from widgets.tile import Tile

    tiles = []
    for t in window.findChildren(Tile):
        if t.isVisibleTo(window):
            top_left = t.mapTo(window, t.rect().topLeft())
            tiles.append(tile_state(t) | {"rect": [top_left.x(), top_left.y(), t.width(), t.height()]})
    _texts, _controls, px = visible_texts(window)
    layout = getattr(getattr(grid, "layout_model", None), "name", None)
    return {"name": name, "width": window.width(), "height": window.height(), "layout": layout,
            "min_text_px": px, "tiles": tiles}


def wall_state(window, runtime) -> dict[str, Any]:
    """The JSON ``--dump-state`` writes (see issue 16 for its shape)."""
    now = runtime.clock.now()
    ct = city_time()
    screens = [_screen("desk", window, window.wall)]
    walls = window.desk.windows.windows if getattr(window, "desk", None) is not None and window.desk.windows else {}
    for sid, w in walls.items():
        if w.isVisible():
            screens.append(_screen(str(sid), w, getattr(w, "wall", None)))
    sources = [
        {"name": h.name, "state": "catching_up" if h.catching_up else ("live" if h.live else "down"),
         "last_error": h.last_error, "backlog": None}
        for h in runtime.hub.sources.values()
    ]
    alarms = runtime.alarms.open_alarms()
    driver = getattr(window, "tour_driver", None)
    return {
        "tour": driver.state() if driver is not None else None,
        "time": {"text": window.clock_label.text(), "tz": ct.name, "epoch": now},
        "lang": runtime.options.lang,
        "screens": screens,
        "sources": sources,
        "alarms": {
            "open": len(alarms), "unacked": sum(a.state in ("unack", "rtn_unack") for a in alarms),
            "new_10min": runtime.alarms.new_alarms_in_window(), "flood": runtime.alarms.in_flood(),
            "by_rule": dict(Counter(a.rule for a in alarms)),
        },
    }


def dump_state(path: Path, window, runtime) -> None:
    Path(path).write_text(json.dumps(wall_state(window, runtime), ensure_ascii=False, indent=1), encoding="utf-8")
