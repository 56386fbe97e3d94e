"""The wall's state as data (``--dump-state FILE``): what every screen shows, as JSON.

Taken at the moment of ``--screenshot``; support reads it ("what did the wall show at
03:12") and the tests check the wall's consistency on it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QLineEdit, QWidget

from console.alarms.listing import alarm_counts
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
        "filter": tile.title_filter() or None, "texts": texts, "controls": controls, "text_px_min": px,
    }
    own = getattr(tile, "state", None)
    if callable(own):
        state.update(own())
    return state


def _screen(name: str, window, grid) -> dict[str, Any]:
    from widgets.tile import Tile

    tiles = [tile_state(t) for t in window.findChildren(Tile) if t.isVisibleTo(window)]
    _texts, _controls, px = visible_texts(window)
    layout = getattr(getattr(grid, "layout_model", None), "name", None)
    return {"name": name, "width": window.width(), "height": window.height(), "layout": layout,
            "min_text_px": px, "tiles": tiles}


def _source(hub, h, now: float) -> dict[str, Any]:
    state = hub.source_state(h.name)
    backlog = None
    if state == "catching_up":
        behind, done = h.catch_up(now)
        backlog = {"behind_s": behind, "progress": done}
    return {"name": h.name, "state": state, "last_error": h.last_error, "backlog": backlog}


def wall_state(window, runtime) -> dict[str, Any]:
    """The JSON ``--dump-state`` writes (see issue 16 for its shape)."""
    now = runtime.clock.now()
    ct = city_time()
    screens = [_screen("desk", window, window.wall)]
    # the status bar's figures (alarm totals ...) beside the tiles', so a test can see they agree
    screens[0]["status_bar"] = visible_texts(window.statusBar())[0]
    walls = window.desk.windows.windows if getattr(window, "desk", None) is not None and window.desk.windows else {}
    for sid, w in walls.items():
        if w.isVisible():
            screens.append(_screen(str(sid), w, getattr(w, "wall", None)))
    sources = [_source(runtime.hub, h, now) for h in runtime.hub.sources.values()]
    counts = alarm_counts(runtime.alarms.open_alarms())
    return {
        "time": {"text": window.clock_label.text(), "tz": ct.name, "epoch": now},
        "lang": runtime.options.lang,
        "screens": screens,
        "sources": sources,
        "alarms": {"open": counts.open, "unacked": counts.unacked},
    }


def dump_state(path: Path, window, runtime) -> None:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(json.dumps(wall_state(window, runtime), ensure_ascii=False, indent=1), encoding="utf-8")
