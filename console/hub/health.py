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
    catching_up: bool = False  # back-filling history: its streams are old on purpose
    listening_since: float | None = None  # clock time it was registered: silence counts from here
    detail: str = ""
    refused: Counter = field(default_factory=Counter)  # readings refused at the door, by reason

    def __setattr__(self, key: str, value: Any) -> None:
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

    def guard_with(self, lock, changed) -> None:
        """Make every later field assignment take ``lock`` and call ``changed(name)`` under it."""
        object.__setattr__(self, "_guard", (lock, changed))

    def copy(self) -> "SourceHealth":
        """An unguarded copy (callers hold the lock, or accept a torn read)."""
        values = {f.name: self.__dict__[f.name] for f in fields(self)}
        values["refused"] = Counter(values["refused"])
        return SourceHealth(**values)


_MISSING = object()
