"""The task board service's Qt face: its notices re-emitted on the GUI thread.

Tiles and the task editor hold this, never the service's worker or its TaskStore;
edits go in as requests and come back as a new BoardState (or an error text).
"""

from __future__ import annotations

from concurrent.futures import Future
from datetime import date
from typing import Any, Mapping

from PySide6.QtCore import QObject, Signal

from plugins.taskboard.board_service import BoardService, BoardState


class TaskBoardSignals(QObject):
    sig_board_changed = Signal(object)
    """A new BoardState (book loaded, edited or re-summarised), on the GUI thread."""
    sig_edit_failed = Signal(str, str)
    """(task key, why) when an edit was refused or could not be saved, on the GUI thread."""

    def __init__(self, service: BoardService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        # called on the service's worker: a cross-thread emit is queued to the GUI thread
        self._listener = self.sig_board_changed.emit
        service.add_listener(self._listener)
        self._refreshing_for: date | None = None

    @property
    def state(self) -> BoardState:
        """The latest state (read on the GUI thread; replaced whole, never mutated)."""
        return self.service.state

    def update_task(self, key: str, changes: Mapping[str, Any], who: str) -> Future:
        future = self.service.update_task(key, changes, who)
        future.add_done_callback(lambda f: self._report(key, f))
        return future

    def refresh_if_new_day(self) -> None:
        """Days left and overdue change at midnight: re-summarise once when the date turns."""
        summary = self.state.summary
        today = self.service.today()
        if summary is not None and summary.as_of != today and self._refreshing_for != today:
            self._refreshing_for = today
            self.service.refresh()

    def _report(self, key: str, future: Future) -> None:
        exc = future.exception()
        if exc is not None:
            self.sig_edit_failed.emit(key, str(exc))

    def close(self) -> None:
        self.service.remove_listener(self._listener)


SERVICE = "taskboard.board"  # the name the manifest gives the board service


def board_signals(ctx) -> TaskBoardSignals | None:
    """The one Qt face of this console's board service (made on first use, on the GUI thread;
    let go when the application quits), or None where the plugin's service did not start."""
    service = ctx.services.get(SERVICE) if ctx.services else None
    if service is None:
        return None
    signals = getattr(service, "qt_signals", None)
    if signals is None:
        from PySide6.QtCore import QCoreApplication

        signals = TaskBoardSignals(service)
        service.qt_signals = signals
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(signals.close)
    return signals
