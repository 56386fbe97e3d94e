"""Where the operator's window (the desk) may go: never onto a screen a wall window covers.

A wall controller spanning its whole desktop leaves no screen for the desk; the desk
window then stays closed (the wall is driven by its configuration, the schedule and
takeovers) and says so in the log, instead of opening over the wall's top-left quarter.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)


def free_screen(walls: Iterable[QWidget], screens: list[QScreen] | None = None) -> QScreen | None:
    """The first screen (the primary one first) no visible wall window overlaps; None if all are walls."""
    taken = [QRect(w.geometry()) for w in walls if w.isVisible()]
    primary = QGuiApplication.primaryScreen()
    candidates = screens if screens is not None else QGuiApplication.screens()
    ordered = sorted(candidates, key=lambda s: s is not primary)
    return next((s for s in ordered if not any(s.geometry().intersects(r) for r in taken)), None)


def place_desk(desk_window: QWidget, walls: list[QWidget], full_screen: bool) -> bool:
    """Show the desk on a screen of its own; False (and the window hidden) when every screen is a wall."""
    if not walls:
        desk_window.showFullScreen() if full_screen else desk_window.show()
        return True
    screen = free_screen(walls)
    if screen is None:
        if desk_window.isVisible() or not desk_window.property("_desk_refused"):
            log.info("every screen is a wall screen: the desk window stays closed")
        desk_window.setProperty("_desk_refused", True)
        desk_window.hide()
        return False
    desk_window.setProperty("_desk_refused", False)
    desk_window.setScreen(screen)
    geo = screen.availableGeometry()
    desk_window.move(geo.topLeft())
    if full_screen:
        desk_window.showFullScreen()
    else:
        desk_window.resize(min(desk_window.width(), geo.width()), min(desk_window.height(), geo.height()))
        desk_window.show()
    return True
