"""Loads history from the cache off the GUI thread; one request in flight per owner.

A newer request from the same owner supersedes the older (its result is dropped),
as Orange's one-task-per-widget does. Results come back on the GUI thread.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QObject, Signal

from console.store.store import Store


class HistoryLoader(QObject):
    sig_loaded = Signal(int, object)
    """(token, {stream: [(ts, value, quality), ...]}) on the GUI thread."""

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="history")
        self._tokens = itertools.count(1)
        self._current: dict[int, tuple[int, Callable]] = {}  # id(owner) -> (token, callback)
        self.sig_loaded.connect(self._deliver)

    def request(self, owner: object, streams: list[str], since: float, callback: Callable[[dict], None]) -> int:
        token = next(self._tokens)
        self._current[id(owner)] = (token, callback)
        self._pool.submit(self._load, token, list(streams), since)
        return token

    def cancel(self, owner: object) -> None:
        self._current.pop(id(owner), None)

    def _load(self, token: int, streams: list[str], since: float) -> None:
        try:
            result = {s: self.store.history(s, since) for s in streams}
        except Exception as exc:  # reported to the tile, never raised into the pool
            result = exc
        self.sig_loaded.emit(token, result)

    def _deliver(self, token: int, result: object) -> None:
        for key, (tok, callback) in list(self._current.items()):
            if tok == token:
                del self._current[key]
                callback(result)
                return

    def shutdown(self) -> None:
        self._current.clear()
        self._pool.shutdown(wait=True, cancel_futures=True)
