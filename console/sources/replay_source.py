"""Replay: a recorded period of a cache file played back as a source, N times faster.

The recording is opened read-only (``mode=ro``, ``immutable`` when it has no write-ahead
log): it is never modified. Its readings are
read in time order, a chunk at a time, on the source's own thread, and handed to the
hub when the console's clock (a SimClock started at the period's start, at speed N)
reaches their time; the replayed data goes into the console's own (separate) cache.
The entities come from the recording too.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from console.languages import Text
from console.city_time import city_time
from console.clock import Clock
from console.hub.hub import Hub
from console.model import Entity, Reading, StreamSpec
from console.store.store import READINGS_SPAN_SQL, reading_columns_sql
from console.sources.thread_source import ThreadSource

log = logging.getLogger(__name__)

_CHUNK = 5000


class ReplayError(ValueError):
    pass


def open_recording(path: Path) -> sqlite3.Connection:
    """The recording, read-only. ReplayError if it is not a console cache."""
    path = Path(path)
    if not path.is_file():
        raise ReplayError(f"{path}: no such recording")
    # a checkpointed file opens immutable: not even -wal/-shm files appear beside it; one
    # with a write-ahead log (copied from a running console) must read that log, read-only
    has_wal = path.with_name(path.name + "-wal").exists()
    mode = "mode=ro" if has_wal else "mode=ro&immutable=1"
    conn = sqlite3.connect(f"file:{path}?{mode}", uri=True, check_same_thread=False)
    try:
        conn.execute("SELECT stream, ts, value, quality FROM readings LIMIT 1").fetchall()
        conn.execute("SELECT key, id FROM streams LIMIT 1").fetchall()
    except sqlite3.Error as exc:
        conn.close()
        raise ReplayError(f"{path}: not a city-console cache ({exc})") from None
    return conn


@dataclass(frozen=True)
class ReplayPeriod:
    start: float
    end: float

    def badge(self) -> str:
        """The wall's mark: 回放 REPLAY 2026-07-21 14:00–18:00 (the city's time)."""
        ct = city_time()
        day = ct.format(self.start, "%Y-%m-%d")
        end = ct.format(self.end, "%H:%M" if ct.format(self.end, "%Y-%m-%d") == day else "%Y-%m-%d %H:%M")
        return Text("Replay", "回放 {start}–{end}").format(start=f"{day} {ct.format(self.start, '%H:%M')}", end=end)


def replay_period(path: Path, start: float | None = None, end: float | None = None) -> ReplayPeriod:
    """The period to play: the given bounds, else the recording's first and last reading."""
    conn = open_recording(path)
    try:
        first, last = conn.execute(READINGS_SPAN_SQL).fetchone()
    finally:
        conn.close()
    if first is None:
        raise ReplayError(f"{path}: the recording holds no readings")
    p = ReplayPeriod(first if start is None else start, last if end is None else end)
    if p.end < p.start:
        raise ReplayError(f"{path}: --to is before --from")
    return p


def recorded_entities(path: Path) -> list[Entity]:
    conn = open_recording(path)
    try:
        rows = conn.execute("SELECT id, kind, name, lat, lon, attrs, streams FROM entities").fetchall()
    except sqlite3.Error:
        rows = []
    finally:
        conn.close()
    return [
        Entity(eid, kind, name, lat, lon, json.loads(attrs or "{}"), tuple(StreamSpec(**s) for s in json.loads(streams or "[]")))
        for eid, kind, name, lat, lon, attrs, streams in rows
    ]


def parse_time(text: str) -> float:
    """``2026-07-21T14:00``, ``2026-07-21 14:00[:ss]`` (the city's time) or seconds since the epoch."""
    try:
        return float(text)
    except ValueError:
        pass
    for fmt in ("%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, fmt).replace(tzinfo=city_time().zone).timestamp()
        except ValueError:
            continue
    raise ReplayError(f"{text!r} is not a time (use 2026-07-21T14:00 or seconds since the epoch)")


class ReplaySource(ThreadSource):
    """Feeds the hub from a recording, as the clock reaches each reading's time."""

    def __init__(self, path: Path, period: ReplayPeriod, hub: Hub, clock: Clock, name: str = "replay", tick_s: float = 0.1) -> None:
        self.path = Path(path)
        self.period = period
        self.hub = hub
        self.clock = clock
        self.name = name
        self.tick_s = tick_s
        self.sent = 0
        self.finished = threading.Event()
        super().__init__()
        self.entities = recorded_entities(self.path)
        self.health = hub.register_source(name, (s.id for e in self.entities for s in e.streams))
        self.health.detail = f"replay of {self.path.name}"

    def chunks(self):
        """Readings of the period in (ts, stream) order, about ``_CHUNK`` at a time: a window of
        time read stream by stream along the (stream, ts) key (the cache has no timestamp index,
        schema 3), each window sized from the last one's rate, within 1/4x..4x."""
        conn = open_recording(self.path)
        try:
            lo, end, span = self.period.start, self.period.end, 60.0
            value, quality = reading_columns_sql(conn)  # a recording of any schema, read as it is
            while lo <= end and not self._stop.is_set():
                hi = lo + span
                last = hi >= end  # the last window holds the period's end
                rows = conn.execute(
                    f"SELECT r.ts, s.id, {value}, {quality} FROM streams s CROSS JOIN readings r ON r.stream = s.key"
                    f" AND r.ts >= ? AND r.ts {'<=' if last else '<'} ? ORDER BY r.ts, r.stream",
                    (lo, end if last else hi),
                ).fetchall()
                if rows:
                    yield [Reading(sid, ts, value, quality) for ts, sid, value, quality in rows]
                if last:
                    return
                lo, span = hi, span * min(4.0, max(0.25, _CHUNK / max(len(rows), 1)))
        finally:
            conn.close()

    def _run(self) -> None:
        try:
            for chunk in self.chunks():
                i = 0
                while i < len(chunk):
                    now = self.clock.now()
                    j = i
                    while j < len(chunk) and chunk[j].ts <= now:
                        j += 1
                    if j > i:
                        self.hub.submit(chunk[i:j], source=self.name)
                        self.sent += j - i
                        i = j
                        continue
                    wait = (chunk[i].ts - now) / max(self.clock.speed, 1e-9)
                    if self._stop.wait(min(max(wait, 0.0), self.tick_s)):
                        return
        except Exception as exc:  # a broken recording must not take the console down
            log.exception("replay of %s failed", self.path)
            self.health.last_error = f"{type(exc).__name__}: {exc}"
        finally:
            self.finished.set()
