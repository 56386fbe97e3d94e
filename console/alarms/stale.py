"""When each stream's stale-data rule is due, so the once-a-second check looks only at those.

A stale rule fires when a stream has said nothing for ``after_intervals`` of its expected
interval while its source listens. That moment is known in advance (its due time: the
stream's last reading, or when its source began listening if later, plus the limit), so
each pair (stream, rule) has a slot and its due time sits in one array: a check finds the
due slots in one vectorised comparison and looks only at those, their latest times fetched
in one call and compared as arrays: raised, or moved on to the real due time (a reading came
since; nothing is touched per reading). The Python work follows what changes, not how many
streams there are (a heap of (due, stream, rule) did the same work, but its pops and the
per-pair Python, a few cache misses each at 100k streams, cost about ten times more:
tests/bench/bench_stale.py).

What can bring a due time forward is watched instead of scanned: a new stream is planned
when it first has a value; a changed spec (a shorter interval) or source, or a new source,
plans every stream again (``Hub.wiring``); a source's ``listening_since`` moving makes its
streams due at once; the streams of a source
that is catching up wait aside and are looked at again once it is not (one test per
source a second); a stream with an open stale alarm waits for the alarm to close.
The store's ticker checks on the event thread; a lock keeps a check called from another
thread (a test, a tool) from interleaving with it.
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
        self._slot: dict[tuple[str, str], int] = {}  # (stream, rule id) -> slot
        self._at = np.empty(0)
        self._after = np.empty(0)  # the rule's after_intervals
        self._limit = np.empty(0)  # after_intervals x the stream's expected interval
        self._code = np.empty(0, dtype=np.int32)  # the source feeding it, as an index into _names
        self._names: list[str | None] = []
        self._codes: dict[str | None, int] = {}
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
        at = self._at
        due = np.flatnonzero(at[: len(self._stream)] <= now)
        if not len(due):
            return
        # each source once: does its silence count (not catching up), since when it listens
        counts = np.zeros(len(self._names), dtype=bool)
        listening = np.full(len(self._names), -math.inf)
        for c, name in enumerate(self._names):
            health = sources.get(name) if name is not None else None
            if health is not None:
                counts[c] = not hub.source_catching_up(name)
                listening[c] = health.listening_since or -math.inf  # as hub.silent_for reads it
        codes = self._code[due]
        waits = ~counts[codes]
        if waits.any():  # parked with their source until it is current
            for i, c in zip(due[waits].tolist(), codes[waits].tolist()):
                self._parked.setdefault(self._names[c], []).append(i)
            at[due[waits]] = math.inf
            due, codes = due[~waits], codes[~waits]
        streams = self._stream
        since = np.maximum(hub.latest_times([streams[i] for i in due.tolist()]), listening[codes])
        limit = self._limit[due]
        at[due] = since + limit
        silent = (now - since) > limit  # as hub.silent_for says it
        for i in due[silent].tolist():
            at[i] = math.inf  # its alarm is open: recheck() when it closes
            rule, stream = self._rule[i], streams[i]
            if (rule.id, stream) not in self._opened:
                try:
                    self._fire(rule, stream, now)
                except Exception:  # logged; tried again at the next check, as the full scan did
                    log.exception("stale rule %s on stream %s failed", rule.id, stream)
                    at[i] = now

    def recheck(self, stream: str, rule_id: str) -> None:
        """Look at the pair again at the next check (its alarm closed)."""
        with self._lock:
            i = self._slot.get((stream, rule_id))
            if i is not None:
                self._at[i] = -math.inf

    # -- planning ----------------------------------------------------------------------
    def _replan(self, sources: Mapping) -> None:
        """A spec or a source changed: every slot's limit and source again, due at once (the
        slots themselves stay: which rules watch a stream follows from its id alone)."""
        self._wiring = self.hub.wiring
        self._listening = {name: h.listening_since for name, h in sources.items()}
        n = len(self._stream)
        self._wire(0, n)
        self._at[:n] = -math.inf
        self._parked = {}
        if self.hub.stream_count() != self._seen:
            self._plan(self.hub.streams(self._seen))

    def _plan(self, streams: list[str]) -> None:
        """New streams' slots, due at once: the next look works out their real times."""
        self._seen += len(streams)
        start = len(self._stream)
        after = []
        for stream in streams:
            for rule in self._rules_for(stream):
                if rule.type == "stale":
                    self._slot[(stream, rule.id)] = len(self._stream)
                    self._stream.append(stream)
                    self._rule.append(rule)
                    after.append(rule.after_intervals)
        end = len(self._stream)
        if end == start:
            return
        if len(self._at) < end:  # room for twice as many: appends stay cheap
            room = max(2 * end, 64)
            self._at = _grown(self._at, start, room, math.inf)
            self._after = _grown(self._after, start, room, math.inf)
            self._limit = _grown(self._limit, start, room, math.inf)
            self._code = _grown(self._code, start, room, 0)
        self._at[start:end] = -math.inf
        self._after[start:end] = after
        self._wire(start, end)

    def _wire(self, start: int, end: int) -> None:
        """The limits and sources of slots ``start:end`` from the hub's specs and sources now."""
        if end == start:
            return
        streams = self._stream[start:end]
        self._limit[start:end] = self._after[start:end] * np.asarray(self.hub.expected_intervals(streams))
        codes = self._codes
        for name in set(names := self.hub.sources_of(streams)) - codes.keys():
            codes[name] = len(self._names)
            self._names.append(name)
        self._code[start:end] = [codes[name] for name in names]

    def _follow_listening(self, sources: Mapping) -> None:
        """A source that listens from another time: its streams' silence counts from then."""
        for name, h in sources.items():
            if self._listening.get(name, _UNSEEN) != h.listening_since:
                self._listening[name] = h.listening_since
                code = self._codes.get(name)
                if code is not None:
                    n = len(self._stream)
                    self._at[:n][(self._code[:n] == code) & (self._at[:n] < math.inf)] = -math.inf

    def _unpark(self) -> None:
        for name in [n for n in self._parked if n is not None and not self.hub.source_catching_up(n)]:
            self._at[self._parked.pop(name)] = -math.inf


def _grown(a: np.ndarray, keep: int, size: int, fill) -> np.ndarray:
    out = np.full(size, fill, dtype=a.dtype)
    out[:keep] = a[:keep]
    return out
