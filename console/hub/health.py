"""One source's health, guarded by the hub's lock so the GUI's snapshot never sees it half-written.

Sources set fields on their ``SourceHealth`` from their own threads (``health.live = True``);
once the hub registers it, each assignment takes the hub's lock and records that the
source's health changed, which ``HubSignals`` turns into one coalesced event.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, fields
from typing import Any


@dataclass
class SourceHealth:
    """One source's state, as the status bar and the sources panel show it."""

    name: str
    live: bool = False
    last_success: float | None = None
    last_error: str | None = None
    last_error_ts: float | None = None
    readings: int = 0
    latency_s: float | None = None
    catching_up: bool = False  # back-filling history: its streams are old on purpose (never offline)
    backlog_from: float | None = None  # while catching up: the data time the back-fill started from
    backlog_newest: float | None = None  # and the newest data time it has brought so far
    backlog_progress: float | None = None  # 0..1 when the source knows better than the times (cameras polled)
    listening_since: float | None = None  # clock time it was registered: silence counts from here
    detail: str = ""
    refused: Counter = field(default_factory=Counter)  # readings refused at the door, by reason

    def __setattr__(self, key: str, value: Any) -> None:
        if key == "live" and not value and self.__dict__.get("catching_up"):
            self.catching_up = False  # a source that is down is not catching up: its values go offline
        guard = self.__dict__.get("_guard")
        if guard is None or key.startswith("_"):
            object.__setattr__(self, key, value)
            return
        lock, changed = guard
        with lock:
            if self.__dict__.get(key, _MISSING) == value:
                return  # a source repeating itself is no event
            object.__setattr__(self, key, value)
            changed(self.name)

    def catch_up(self, now: float) -> tuple[float | None, float | None]:
        """While catching up: how far behind the clock its data is (s) and how much of the
        backlog is done (0..1); (None, None) when it is not catching up."""
        if not self.catching_up:
            return None, None
        behind = None if self.backlog_newest is None else max(now - self.backlog_newest, 0.0)
        done = self.backlog_progress
        if done is None and self.backlog_from is not None and self.backlog_newest is not None:
            span = now - self.backlog_from
            done = (self.backlog_newest - self.backlog_from) / span if span > 0 else 1.0
        return behind, None if done is None else min(max(done, 0.0), 1.0)

    def guard_with(self, lock, changed) -> None:
        """Make every later field assignment take ``lock`` and call ``changed(name)`` under it."""
        object.__setattr__(self, "_guard", (lock, changed))

    def copy(self) -> "SourceHealth":
        """An unguarded copy (callers hold the lock, or accept a torn read)."""
        values = {f.name: self.__dict__[f.name] for f in fields(self)}
        values["refused"] = Counter(values["refused"])
        return SourceHealth(**values)


_MISSING = object()
