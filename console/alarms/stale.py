"""When each stream's stale-data rule is due, so the once-a-second check looks only at those.

A stale rule fires when a stream has said nothing for ``after_intervals`` of its expected
interval while its source listens. That moment is known in advance (its due time: the
stream's last reading, or when its source began listening if later, plus the limit), so
each pair (stream, rule) has a slot and its due time sits in one array: a check finds the
due slots in one vectorised comparison and looks only at those: raised, or moved on to its
real due time (a reading came since; nothing is touched per reading). The Python work
follows what changes, not how many streams there are (a heap did the same work but its
pops, a cache miss each at 100k streams, cost five times more).

What can bring a due time forward is watched instead of scanned: a new stream is planned
when it first has a value; a changed spec (a shorter interval) or source, a new source, or
a source's ``listening_since`` moving plans every stream again; the streams of a source
that is catching up wait aside and are looked at again once it is not (one test per
source a second); a stream with an open stale alarm waits for the alarm to close.
Event thread only (the store's ticker), like the rest of the engine.
"""

from __future__ import annotations

import logging
import math
import threading
from collections.abc import Callable, Mapping

import numpy as np

from console.alarms.rules import Rule
from console.hub.hub import Hub

log = logging.getLogger(__name__)

_UNSEEN = object()


class StaleWatch:
    """The stale rules' due times. ``opened`` holds the open alarms by (rule id, stream)
    (the engine's own dict, read here); ``fire(rule, stream, now)`` raises one."""

    def __init__(self, hub: Hub, rules_for: Callable[[str], list[Rule]], opened: Mapping[tuple[str, str], object],
                 fire: Callable[[Rule, str, float], None]) -> None:
        self.hub = hub
        self._rules_for = rules_for
        self._opened = opened
        self._fire = fire
        self._wiring: int | None = None
        self._listening: dict[str, float | None] = {}
        # the ticker checks on the event thread; a test or a tool may call check_stale from its own
        self._lock = threading.RLock()
        self._reset()

    def _reset(self) -> None:
        # one slot per (stream, stale rule): what it watches, and in _at when it is due
        # (inf: waiting on something else: its source catching up, or its open alarm)
        self._stream: list[str] = []
        self._rule: list[Rule] = []
        self._limit: list[float] = []  # after_intervals x the stream's expected interval
        self._source: list[str | None] = []
        self._slot: dict[tuple[str, str], int] = {}  # (stream, rule id) -> slot
        self._at = np.empty(0)
        self._parked: dict[str | None, list[int]] = {}  # by source (None: no source feeds it)
        self._seen = 0  # streams planned, in the hub's order

    def __len__(self) -> int:
        return len(self._stream)

    def waiting(self) -> int:
        """Slots that a check will look at when due (not parked with their source, no open alarm)."""
        return int((self._at[: len(self._stream)] < math.inf).sum())

    def check(self, now: float) -> None:
        """Raise what has fallen silent by ``now``, looking only at the slots due."""
        with self._lock:
            self._check(now)

    def _check(self, now: float) -> None:
        hub = self.hub
        sources = dict(hub.sources)
        if hub.wiring != self._wiring:
            self._replan(sources)
        else:
            self._follow_listening(sources)
            if hub.stream_count() != self._seen:
                self._plan(hub.streams(self._seen))
        self._unpark()
        n = len(self._stream)
        if not n:
            return
        at = self._at
        due = np.flatnonzero(at[:n] <= now)
        if not len(due):
            return
        streams, rules, limits, of_source = self._stream, self._rule, self._limit, self._source
        latest, opened, parked = hub.latest, self._opened, self._parked
        state: dict[str | None, tuple[bool, float | None]] = {}  # per source: (silence counts, listening since)
        nxt: list[float] = []
        for i in due.tolist():
            name = of_source[i]
            st = state.get(name)
            if st is None:
                health = sources.get(name) if name is not None else None
                st = state[name] = (health is not None and not hub.source_catching_up(name),
                                    health.listening_since if health is not None else None)
            if not st[0]:
                parked.setdefault(name, []).append(i)
                nxt.append(math.inf)
                continue
            stream = streams[i]
            last = latest(stream)
            if last is None:  # planned only once it has a value: not reached
                nxt.append(math.inf)
                continue
            since = last[1] if st[1] is None or last[1] > st[1] else st[1]
            limit = limits[i]
            if now - since <= limit:  # as hub.silent_for says it
                nxt.append(since + limit)
                continue
            rule = rules[i]
            nxt.append(math.inf)  # its alarm is open: recheck() when it closes
            if (rule.id, stream) not in opened:
                try:
                    self._fire(rule, stream, now)
                except Exception:  # logged; tried again at the next check, as the full scan did
                    log.exception("stale rule %s on stream %s failed", rule.id, stream)
                    nxt[-1] = now
        at[due] = nxt

    def recheck(self, stream: str, rule_id: str) -> None:
        """Look at the pair again at the next check (its alarm closed)."""
        with self._lock:
            i = self._slot.get((stream, rule_id))
            if i is not None:
                self._at[i] = -math.inf

    # -- planning ----------------------------------------------------------------------
    def _replan(self, sources: Mapping) -> None:
        """Every stream again (a spec, a source changed): due at once, the check sorts them out."""
        self._wiring = self.hub.wiring
        self._listening = {name: h.listening_since for name, h in sources.items()}
        self._reset()
        self._plan(self.hub.streams())

    def _plan(self, streams: list[str]) -> None:
        """New streams' slots, due at once: the next look works out their real times."""
        self._seen += len(streams)
        hub, start = self.hub, len(self._stream)
        for stream in streams:
            for rule in self._rules_for(stream):
                if rule.type == "stale":
                    self._slot[(stream, rule.id)] = len(self._stream)
                    self._stream.append(stream)
                    self._rule.append(rule)
                    self._limit.append(rule.after_intervals * hub.expected_interval(stream))
                    self._source.append(hub.source_of(stream))
        added = len(self._stream) - start
        if added:
            if len(self._at) < len(self._stream):  # room for twice as many: appends stay cheap
                grown = np.full(max(2 * len(self._stream), 64), math.inf)
                grown[:start] = self._at[:start]
                self._at = grown
            self._at[start:len(self._stream)] = -math.inf

    def _follow_listening(self, sources: Mapping) -> None:
        """A source that listens from another time: its streams' silence counts from then."""
        for name, h in sources.items():
            if self._listening.get(name, _UNSEEN) != h.listening_since:
                self._listening[name] = h.listening_since
                for i, src in enumerate(self._source):
                    if src == name and self._at[i] != math.inf:
                        self._at[i] = -math.inf

    def _unpark(self) -> None:
        for name in [n for n in self._parked if n is not None and not self.hub.source_catching_up(n)]:
            self._at[self._parked.pop(name)] = -math.inf
