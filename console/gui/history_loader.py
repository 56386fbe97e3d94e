"""Loads history (and the alarm-load figures) from the cache off the GUI thread; one request
in flight per owner and kind.

A newer request from the same owner supersedes the older (its result is dropped),
as Orange's one-task-per-widget does. Results come back on the GUI thread.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QObject, Signal

from console.alarms.metrics import alarm_load
from console.history_view import load_envelope
from console.store.store import Store


class HistoryLoader(QObject):
    sig_loaded = Signal(int, object)
    """(token, {stream: [(ts, value, quality), ...]}) on the GUI thread."""

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="history")
        self._tokens = itertools.count(1)
        self._current: dict[tuple[int, str], tuple[int, Callable]] = {}  # (id(owner), slot) -> (token, callback)
        self.sig_loaded.connect(self._deliver)

    def request(self, owner: object, streams: list[str], since: float, callback: Callable[[dict], None]) -> int:
        streams = list(streams)
        return self._run(owner, "history", lambda: {s: self.store.history(s, since) for s in streams}, callback)

    def request_range(self, owner: object, streams: list[str], since: float, until: float, pixels: float,
                      callback: Callable[[dict], None], interval_s: float | None = None) -> int:
        """History over [since, until] at one bucket per pixel column (reading by reading where the
        span holds few readings of ``interval_s``): {stream: Envelope}, queried and converted to
        arrays on the worker (the GUI thread only sets the data). Supersedes the owner's
        ``request`` in flight, and the other way round: a chart has one history task."""
        streams = list(streams)
        return self._run(owner, "history", lambda: {
            s: load_envelope(self.store, s, since, until, pixels, interval_s) for s in streams}, callback)

    def alarm_load(self, owner: object, now: float, period_s: float, callback: Callable[[object], None]) -> int:
        """The alarm-load figures (console.alarms.metrics.AlarmLoad, or the exception) for ``period_s`` to ``now``."""
        return self._run(owner, "alarm_load", lambda: alarm_load(self.store, now, period_s), callback)

    def cancel(self, owner: object) -> None:
        """Drop every request of ``owner`` still in flight (its result is never delivered)."""
        for key in [k for k in self._current if k[0] == id(owner)]:
            del self._current[key]

    def _run(self, owner: object, slot: str, fn: Callable[[], object], callback: Callable) -> int:
        token = next(self._tokens)
        self._current[(id(owner), slot)] = (token, callback)  # supersedes the owner's older one
        self._pool.submit(self._work, token, fn)
        return token

    def _work(self, token: int, fn: Callable[[], object]) -> None:
        try:
            result = fn()
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
