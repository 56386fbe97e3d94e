"""Camera snapshots in the SQLite cache, bounded by age and by total bytes.

Frames are written on the Store's writer thread (``call_soon``), many per
transaction, through a connection of our own with ``synchronous=NORMAL``: a frame a
second old may be lost in a power cut, an operator's acknowledgement may not (those
go through ``Store.durable``). A source puts the frame before it submits the
camera's status reading; both travel the writer's one queue, so when a view hears
"camera X is ok" the frame is already readable.

Retention runs after each write: frames older than ``max_age_s`` go, then the
oldest frames go until the total is under ``max_bytes``. Each camera's newest
frame is the last to go, so the wall still shows something after a restart.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from console.store.store import Store

log = logging.getLogger(__name__)

DEFAULT_MAX_AGE_S = 24 * 3600.0
DEFAULT_MAX_BYTES = 512 * 1024 * 1024

# pruning goes down to this share of max_bytes, so it runs now and then, not every write
_PRUNE_TO = 0.9
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS snapshots (id INTEGER PRIMARY KEY, camera TEXT NOT NULL,"
    # ts: the camera's image time (or when it was received)
    " ts REAL NOT NULL, received REAL NOT NULL, size INTEGER NOT NULL, format TEXT NOT NULL, data BLOB NOT NULL)",
    "CREATE INDEX IF NOT EXISTS snapshots_camera_ts ON snapshots (camera, ts)",
    "CREATE INDEX IF NOT EXISTS snapshots_received ON snapshots (received)",
)


@dataclass(frozen=True)
class StoredFrame:
    camera: str
    ts: float
    received: float
    format: str
    data: bytes


class SnapshotStore:
    """The snapshot table. Give it the console's Store (or a path, for tools and tests)."""

    def __init__(
        self,
        store: Store | Path | str,
        *,
        max_age_s: float = DEFAULT_MAX_AGE_S,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None:
        self._owns_store = not isinstance(store, Store)
        self.store = Store(store, retention_days=None) if self._owns_store else store
        self.max_age_s = max_age_s
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._pending: list[tuple[str, float, float, int, str, bytes]] = []
        self._flush_queued = False
        self._conn: sqlite3.Connection | None = None  # the writer thread's
        for sql in _SCHEMA:
            self.store.durable(sql)
        (total,) = self.store.query("SELECT coalesce(sum(size), 0) FROM snapshots")[0]
        self.total_bytes = int(total)
        self.written = 0
        self.pruned = 0
        self.dropped = 0

    # -- writing (any thread) ----------------------------------------------------
    def put(self, camera: str, ts: float, data: bytes, *, received: float | None = None, format: str = "jpeg") -> None:
        """Queue a frame for the cache. Never blocks; frames queued together share a transaction."""
        row = (camera, ts, time.time() if received is None else received, len(data), format, data)
        with self._lock:
            self._pending.append(row)
            if self._flush_queued:
                return
            self._flush_queued = True
        self.store.call_soon(self._flush)

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until every frame put so far is in the file."""
        return self.store.flush(timeout)

    def close(self) -> None:
        if self._owns_store:
            self.store.close()

    # -- the writer thread ---------------------------------------------------------
    def _flush(self) -> None:
        with self._lock:
            rows, self._pending = self._pending, []
            self._flush_queued = False
        if not rows:
            return
        if self._conn is None:
            self._conn = sqlite3.connect(str(self.store.path), check_same_thread=False, timeout=30.0)
            self._conn.execute("PRAGMA synchronous=NORMAL")
        conn = self._conn
        now = max(r[2] for r in rows)
        if self.max_age_s:  # a recorder's backlog may bring frames already past retention
            fresh = [r for r in rows if r[2] >= now - self.max_age_s]
            self.pruned += len(rows) - len(fresh)
            rows = fresh
        incoming = sum(r[3] for r in rows)
        if incoming > self.max_bytes:  # a burst larger than the whole budget: its newest frames only
            rows.sort(key=lambda r: r[2], reverse=True)
            kept, incoming = [], 0
            for r in rows:
                if incoming + r[3] <= self.max_bytes * _PRUNE_TO:
                    kept.append(r)
                    incoming += r[3]
            self.pruned += len(rows) - len(kept)
            rows = kept
        try:
            # make room first, in the same transaction: the table never exceeds its bound
            freed = self._prune(conn, now, incoming)
            conn.executemany(
                "INSERT INTO snapshots (camera, ts, received, size, format, data) VALUES (?, ?, ?, ?, ?, ?)", rows
            )
            conn.commit()
            self.total_bytes += incoming - freed
            self.written += len(rows)
        except sqlite3.Error as exc:
            # frames are replaced by the next refresh: drop them, say so, keep going
            conn.rollback()
            self.dropped += len(rows)
            log.warning("%d camera frames not cached: %s", len(rows), exc)

    def _prune(self, conn: sqlite3.Connection, now: float, incoming: int) -> int:
        """Delete what is too old, then the oldest until ``incoming`` bytes fit. Returns bytes freed."""
        freed = 0
        if self.max_age_s:
            cut = now - self.max_age_s
            size, count = conn.execute("SELECT coalesce(sum(size), 0), count(*) FROM snapshots WHERE received < ?", (cut,)).fetchone()
            if count:
                conn.execute("DELETE FROM snapshots WHERE received < ?", (cut,))
                freed += size
                self.pruned += count
        if self.total_bytes - freed + incoming <= self.max_bytes:
            return freed
        excess = self.total_bytes - freed + incoming - int(self.max_bytes * _PRUNE_TO)
        # each camera's newest frame goes last: first everything else, oldest first
        victims: list[int] = []
        got = 0
        for query in (
            "SELECT id, size FROM snapshots WHERE id NOT IN (SELECT max(id) FROM snapshots GROUP BY camera) ORDER BY received, id",
            "SELECT id, size FROM snapshots ORDER BY received, id",
        ):
            taken = set(victims)
            for fid, size in conn.execute(query):
                if got >= excess:
                    break
                if fid not in taken:
                    victims.append(fid)
                    got += size
        conn.executemany("DELETE FROM snapshots WHERE id = ?", [(v,) for v in victims])
        self.pruned += len(victims)
        return freed + got

    # -- reading (any thread, off the GUI thread please) ------------------------------
    def latest(self, camera: str) -> StoredFrame | None:
        rows = self.store.query(
            "SELECT camera, ts, received, format, data FROM snapshots WHERE camera = ? ORDER BY ts DESC, id DESC LIMIT 1",
            (camera,),
        )
        return StoredFrame(*rows[0]) if rows else None

    def latest_times(self, cameras: Iterable[str] | None = None) -> dict[str, float]:
        """The newest image time of each camera that has a frame."""
        rows = self.store.query("SELECT camera, max(ts) FROM snapshots GROUP BY camera")
        wanted = None if cameras is None else set(cameras)
        return {c: ts for c, ts in rows if wanted is None or c in wanted}

    def times(self, camera: str, limit: int = 50) -> list[float]:
        """Image times of a camera's recent frames, newest first."""
        rows = self.store.query("SELECT ts FROM snapshots WHERE camera = ? ORDER BY ts DESC LIMIT ?", (camera, limit))
        return [r[0] for r in rows]

    def frame(self, camera: str, ts: float) -> StoredFrame | None:
        rows = self.store.query(
            "SELECT camera, ts, received, format, data FROM snapshots WHERE camera = ? AND ts = ? ORDER BY id DESC LIMIT 1",
            (camera, ts),
        )
        return StoredFrame(*rows[0]) if rows else None

    def stats(self) -> dict[str, float]:
        count, size, cams = self.store.query("SELECT count(*), coalesce(sum(size), 0), count(DISTINCT camera) FROM snapshots")[0]
        return {"frames": count, "bytes": size, "cameras": cams, "max_bytes": self.max_bytes, "max_age_s": self.max_age_s}
