"""The SQLite cache: the console's memory of readings, entities, alarms and audit.

Writes go through one writer thread. The hot path (readings) is a raw
``executemany`` per batch in one transaction (sqlite-utils' ``insert_all`` measured
about 5x slower; the schema is five tables of plain SQL, so that library is gone). WAL lets the GUI and
workers read while the writer writes. Alarms and audit are written through a
second connection with ``synchronous=FULL``: an operator's acknowledgement must
survive a power cut; a reading a few ms old may not need to.

A failed write (full disk, locked file) keeps its batch in memory and retries:
nothing received is dropped, and the error is reported through ``on_error``.
"""

from __future__ import annotations

import json
import logging
import queue
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from console.model import Entity, Reading

log = logging.getLogger(__name__)

SCHEMA_VERSION = 2
_RETRY_AFTER_S = 2.0
_MAX_ROWS_PER_TX = 50_000


class _Batch(list):
    """A batch of readings, and whom to tell when it is durable."""

    __slots__ = ("on_durable",)


@dataclass
class StoreHealth:
    """What the status bar shows about the cache."""

    last_error: str | None = None
    last_error_ts: float | None = None
    pending_rows: int = 0
    written_rows: int = 0


def _connect(path: Path, *, synchronous: str) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), check_same_thread=False, timeout=30.0)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(f"PRAGMA synchronous={synchronous}")
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute("PRAGMA cache_size=-32000")  # 32 MB page cache
    return conn


#: the cache's tables, in plain SQL (the same shapes sqlite-utils made, so older files match):
#: five tables do not need a library that brings click, tabulate, pluggy, dateutil and pip
_SCHEMA = (
    'CREATE TABLE IF NOT EXISTS "meta" ("key" TEXT PRIMARY KEY, "value" TEXT)',
    # readings refer to a stream by an integer key: an int per row, not a path
    'CREATE TABLE IF NOT EXISTS "streams" ("key" INTEGER PRIMARY KEY, "id" TEXT, "entity_id" TEXT,'
    ' "name" TEXT, "unit" TEXT, "expected_interval_s" REAL)',
    'CREATE UNIQUE INDEX IF NOT EXISTS "idx_streams_id" ON "streams" ("id")',
    "CREATE TABLE IF NOT EXISTS readings (stream INTEGER NOT NULL, ts REAL NOT NULL, value REAL,"
    " quality INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (stream, ts)) WITHOUT ROWID",
    # retention deletes by age across all streams
    "CREATE INDEX IF NOT EXISTS readings_ts ON readings (ts)",
    'CREATE TABLE IF NOT EXISTS "entities" ("id" TEXT PRIMARY KEY, "kind" TEXT, "name" TEXT,'
    ' "lat" REAL, "lon" REAL, "attrs" TEXT, "streams" TEXT)',
    'CREATE TABLE IF NOT EXISTS "alarms" ("id" INTEGER PRIMARY KEY, "key" TEXT, "rule" TEXT,'
    ' "entity_id" TEXT, "stream" TEXT, "severity" INTEGER, "state" TEXT, "message" TEXT, "value" REAL,'
    ' "raised_ts" REAL, "acked_ts" REAL, "acked_by" TEXT, "cleared_ts" REAL, "shelved_until" REAL,'
    ' "shelve_mode" TEXT, "shelve_reason" TEXT, "shelved_by" TEXT)',
    'CREATE INDEX IF NOT EXISTS "idx_alarms_state" ON "alarms" ("state")',
    'CREATE TABLE IF NOT EXISTS "audit" ("id" INTEGER PRIMARY KEY, "ts" REAL, "user" TEXT,'
    ' "action" TEXT, "target" TEXT, "detail" TEXT, "outcome" TEXT)',
    'CREATE INDEX IF NOT EXISTS "idx_audit_ts" ON "audit" ("ts")',
)


def create_schema(conn: sqlite3.Connection) -> None:
    """Create the cache's tables if missing. Safe to call on an existing file."""
    for statement in _SCHEMA:
        conn.execute(statement)
    # files written by schema 1 lack these columns: add them, keep every row
    _add_missing_columns(conn, "alarms", {"shelve_mode": "TEXT", "shelve_reason": "TEXT", "shelved_by": "TEXT"})
    _add_missing_columns(conn, "audit", {"outcome": "TEXT"})
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    if row is None or row[0] != str(SCHEMA_VERSION):  # an unchanged file is not written to
        conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
    conn.commit()


def _add_missing_columns(conn: sqlite3.Connection, table: str, columns: dict[str, str]) -> None:
    have = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
    for name, sql_type in columns.items():
        if name not in have:
            conn.execute(f"ALTER TABLE {table} ADD COLUMN {name} {sql_type}")


class Store:
    """The cache file and its writer thread.

    ``enqueue`` never blocks; ``on_committed`` is called on the writer thread with
    each batch once it is durable in the file (the hub listens there).
    """

    def __init__(
        self,
        path: Path | str,
        *,
        on_committed: Callable[[list[Reading]], None] | None = None,
        on_error: Callable[[str], None] | None = None,
        retention_days: float | None = 30.0,
        max_size_mb: float | None = None,
    ) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.on_committed = on_committed
        self.on_error = on_error
        self.retention_days = retention_days
        self.max_size_mb = max_size_mb
        self.health = StoreHealth()
        self._durable = _connect(self.path, synchronous="FULL")
        create_schema(self._durable)
        self._durable_lock = threading.Lock()
        self._stream_keys: dict[str, int] = dict(
            (sid, key) for key, sid in self._durable.execute("SELECT key, id FROM streams")
        )
        # readings batches, callables to run on the writer thread, or None to stop
        self._queue: queue.SimpleQueue[list[Reading] | Callable[[], None] | None] = queue.SimpleQueue()
        self._tickers: list[Callable[[float], None]] = []
        self._idle = threading.Condition()
        self._outstanding = 0  # batches enqueued and not yet committed
        self._local = threading.local()
        self._closed = False
        self._writer = threading.Thread(target=self._write_loop, name="store-writer", daemon=True)
        self._writer.start()

    # -- writing ---------------------------------------------------------------
    def enqueue(self, readings: Sequence[Reading], on_durable: Callable[[], None] | None = None) -> None:
        """Queue a batch for the writer. Thread-safe, never blocks.

        ``on_durable`` is called on the writer thread once the batch is committed: a
        source acknowledges upstream only then (MQTT QoS 1), so nothing is lost.
        """
        if not readings:
            if on_durable:
                on_durable()
            return
        batch = _Batch(readings)
        batch.on_durable = on_durable
        with self._idle:
            self._outstanding += 1
        self._queue.put(batch)

    def call_soon(self, fn: Callable[[], None]) -> None:
        """Run ``fn`` on the writer thread (alarm actions, audit: off the GUI thread)."""
        with self._idle:
            self._outstanding += 1
        self._queue.put(fn)

    def add_ticker(self, fn: Callable[[float], None]) -> None:
        """Call ``fn(now)`` on the writer thread about once a second (stale-data rules)."""
        self._tickers.append(fn)

    def backlog(self) -> int:
        """Batches and tasks queued and not yet done: the cache is catching up while > 0."""
        with self._idle:
            return self._outstanding

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until every batch enqueued so far is committed. True if it was."""
        deadline = time.monotonic() + timeout
        with self._idle:
            while self._outstanding:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._idle.wait(left)
        return True

    def close(self) -> None:
        """Write what is queued, stop the writer, close the file."""
        if self._closed:
            return
        self._closed = True
        self._queue.put(None)
        self._writer.join(timeout=30)
        self._durable.close()

    def set_max_size(self, mb: float | None) -> None:
        """Change the cache's size bound (applied on the writer thread)."""
        self.max_size_mb = mb
        self.call_soon(lambda: self._apply_max_size(self._conn))

    def _apply_max_size(self, conn: sqlite3.Connection) -> None:
        page = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = int(self.max_size_mb * 1e6 / page) if self.max_size_mb else 0x7FFFFFFE
        conn.execute(f"PRAGMA max_page_count={max(pages, 16)}")

    def _write_loop(self) -> None:
        conn = self._conn = _connect(self.path, synchronous="NORMAL")
        self._apply_max_size(conn)
        pending: list[list[Reading]] = []
        last_prune = 0.0
        last_tick = 0.0
        stopping = False
        while not stopping:
            try:
                batch = self._queue.get(timeout=0.0 if pending else 1.0)
            except queue.Empty:
                batch = []
            if batch is None:
                stopping = True
            elif callable(batch):
                self._run_task(batch)
            elif batch:
                pending.append(batch)
            # take whatever else is already queued: one transaction for all of it
            rows = sum(len(b) for b in pending)
            while rows < _MAX_ROWS_PER_TX:
                try:
                    more = self._queue.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    stopping = True
                    break
                if callable(more):
                    self._run_task(more)
                    continue
                pending.append(more)
                rows += len(more)
            if pending:
                if self._write(conn, pending):
                    done = len(pending)
                    pending = []
                    with self._idle:
                        self._outstanding -= done
                        self._idle.notify_all()
                elif not stopping:
                    time.sleep(_RETRY_AFTER_S)
            now = time.time()
            if now - last_tick >= 1.0:
                last_tick = now
                for fn in self._tickers:
                    self._guard(fn, now)
            if now - last_prune > 600:
                last_prune = now
                self._prune(conn, now)
        if pending:
            rows = sum(len(b) for b in pending)
            log.error("%s: shutting down with %d readings that could not be written: %s", self.path, rows, self.health.last_error)
        conn.close()

    def _run_task(self, fn: Callable[[], None]) -> None:
        self._guard(fn)
        with self._idle:
            self._outstanding -= 1
            self._idle.notify_all()

    @staticmethod
    def _guard(fn: Callable, *args: object) -> None:
        try:
            fn(*args)
        except Exception:  # a failing task must not kill the writer
            log.exception("task on the store's writer thread failed")

    def _write(self, conn: sqlite3.Connection, batches: list[list[Reading]]) -> bool:
        keys = self._stream_keys
        try:
            for batch in batches:
                for r in batch:
                    if r[0] not in keys:
                        self._add_stream(conn, r[0])
            conn.executemany(
                "INSERT OR REPLACE INTO readings (stream, ts, value, quality) VALUES (?, ?, ?, ?)",
                [(keys[r[0]], r[1], r[2], r[3]) for batch in batches for r in batch],
            )
            conn.commit()
        except sqlite3.Error as exc:
            conn.rollback()
            if _is_full(exc) and self._make_room(conn):
                return self._write(conn, batches)
            rows = sum(len(b) for b in batches)
            msg = f"cache write failed ({exc}); {rows} readings kept in memory, retrying"
            self.health.last_error, self.health.last_error_ts = msg, time.time()
            self.health.pending_rows = rows
            log.error("%s: %s", self.path, msg)
            if self.on_error:
                self.on_error(msg)
            return False
        written = sum(len(b) for b in batches)
        self.health.written_rows += written
        if self.health.pending_rows:
            self.health.pending_rows = 0
            self.health.last_error = None
        for batch in batches:
            if batch.on_durable is not None:
                self._guard(batch.on_durable)
        if self.on_committed:
            for batch in batches:
                self.on_committed(batch)
        return True

    def _make_room(self, conn: sqlite3.Connection) -> bool:
        """The cache is full: drop the oldest tenth of the readings. True if any went."""
        try:
            (n,) = conn.execute("SELECT count(*) FROM readings").fetchone()
            if n < 10:
                return False
            (cut,) = conn.execute("SELECT ts FROM readings ORDER BY ts LIMIT 1 OFFSET ?", (n // 10,)).fetchone()
            conn.execute("DELETE FROM readings WHERE ts < ?", (cut,))
            conn.commit()
            log.warning("%s: cache full, dropped readings older than %s", self.path, _iso(cut))
            return conn.total_changes > 0
        except sqlite3.Error:
            conn.rollback()
            return False

    def _add_stream(self, conn: sqlite3.Connection, sid: str) -> None:
        conn.execute("INSERT OR IGNORE INTO streams (id) VALUES (?)", (sid,))
        (key,) = conn.execute("SELECT key FROM streams WHERE id = ?", (sid,)).fetchone()
        self._stream_keys[sid] = key

    def _prune(self, conn: sqlite3.Connection, now: float) -> None:
        if not self.retention_days:
            return
        try:
            conn.execute("DELETE FROM readings WHERE ts < ?", (now - self.retention_days * 86400,))
            conn.commit()
        except sqlite3.Error as exc:
            log.warning("retention prune failed: %s", exc)

    # -- durable writes: entities, alarms, audit --------------------------------
    def durable(self, sql: str, params: Sequence[Any] | Iterable[Sequence[Any]] = (), *, many: bool = False) -> int:
        """Run one statement on the synchronous=FULL connection and commit.

        Returns lastrowid. Used for the small, precious writes (alarms, audit).
        """
        with self._durable_lock:
            cur = self._durable.executemany(sql, params) if many else self._durable.execute(sql, params)
            self._durable.commit()
            return cur.lastrowid or 0

    def audit(
        self, user: str, action: str, target: str, detail: dict[str, Any] | str = "", *,
        outcome: str = "ok", ts: float | None = None,
    ) -> None:
        """Record an operator action and how it ended (``ok``, ``rejected: why``, ``denied``).

        Every acknowledge, shelve, login or edit goes here, refused ones too.
        """
        text = detail if isinstance(detail, str) else json.dumps(detail, ensure_ascii=False)
        self.durable(
            "INSERT INTO audit (ts, user, action, target, detail, outcome) VALUES (?, ?, ?, ?, ?, ?)",
            (time.time() if ts is None else ts, user, action, target, text, outcome),
        )

    def save_entities(self, entities: Iterable[Entity]) -> None:
        """Upsert entities and their streams, so an offline start knows them."""
        ents = list(entities)
        self.durable(
            "INSERT OR REPLACE INTO entities (id, kind, name, lat, lon, attrs, streams) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    e.id, e.kind, e.name, e.lat, e.lon, json.dumps(e.attrs, ensure_ascii=False),
                    json.dumps([s.__dict__ for s in e.streams], ensure_ascii=False),
                )
                for e in ents
            ],
            many=True,
        )
        specs = [(s.id, e.id, s.name, s.unit, s.expected_interval_s) for e in ents for s in e.streams]
        self.durable(
            "INSERT INTO streams (id, entity_id, name, unit, expected_interval_s) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT(id) DO UPDATE SET entity_id=excluded.entity_id, name=excluded.name,"
            " unit=excluded.unit, expected_interval_s=excluded.expected_interval_s",
            specs,
            many=True,
        )
        with self._durable_lock:
            for key, sid in self._durable.execute("SELECT key, id FROM streams"):
                self._stream_keys.setdefault(sid, key)

    # -- reading (any thread; one connection per thread) -------------------------
    def _reader(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False, timeout=30.0)
            self._local.conn = conn
        return conn

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        return self._reader().execute(sql, params).fetchall()

    def latest_all(self) -> list[Reading]:
        """The last reading of every stream: what an offline start shows first."""
        rows = self.query(
            # CROSS JOIN keeps streams outer: one index seek per stream (13 ms for 10k streams
            # over 700k readings here) instead of a scan of every reading (630 ms)
            "SELECT s.id, r.ts, r.value, r.quality FROM streams s CROSS JOIN readings r ON r.stream = s.key"
            " AND r.ts = (SELECT max(ts) FROM readings WHERE stream = s.key)"
        )
        return [Reading(*row) for row in rows]

    def history(self, stream: str, since: float, until: float | None = None) -> list[tuple[float, float, int]]:
        """(ts, value, quality) rows of one stream in [since, until], oldest first."""
        sql = (
            "SELECT r.ts, r.value, r.quality FROM readings r JOIN streams s ON r.stream = s.key"
            " WHERE s.id = ? AND r.ts >= ?"
        )
        params: list[Any] = [stream, since]
        if until is not None:
            sql += " AND r.ts <= ?"
            params.append(until)
        return self.query(sql + " ORDER BY r.ts", params)

    def load_entities(self) -> list[Entity]:
        from console.model import StreamSpec

        out = []
        for eid, kind, name, lat, lon, attrs, streams in self.query(
            "SELECT id, kind, name, lat, lon, attrs, streams FROM entities"
        ):
            specs = tuple(StreamSpec(**s) for s in json.loads(streams or "[]"))
            out.append(Entity(eid, kind, name, lat, lon, json.loads(attrs or "{}"), specs))
        return out

    def stats(self) -> dict[str, Any]:
        """What ``city-console cache stats`` prints."""
        (streams,) = self.query("SELECT count(*) FROM streams WHERE key IN (SELECT DISTINCT stream FROM readings)")[0]
        readings, first, last = self.query("SELECT count(*), min(ts), max(ts) FROM readings")[0]
        size = sum(p.stat().st_size for p in self.path.parent.glob(self.path.name + "*") if p.is_file())
        return {
            "path": str(self.path),
            "streams": streams,
            "readings": readings,
            "first_ts": first,
            "last_ts": last,
            "first": _iso(first),
            "last": _iso(last),
            "file_size_bytes": size,
            "entities": self.query("SELECT count(*) FROM entities")[0][0],
            "alarms_active": self.query("SELECT count(*) FROM alarms WHERE state != 'closed'")[0][0],
        }


def _is_full(exc: sqlite3.Error) -> bool:
    return getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL or "full" in str(exc)


def _iso(ts: float | None) -> str | None:
    if ts is None:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ts))
