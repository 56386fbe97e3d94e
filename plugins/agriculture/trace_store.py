"""The traceability records' home in the cache file, and the service views use to read them.

Records live in the plugin's own table ``agri_trace`` of the SQLite cache, one row per
record (batch, seq, ts, type, the record as JSON), pruned with the console's retention
(whole batches, by their newest record's time). Writes run on the store's writer
thread (``Store.call_soon``) over the service's own connection; reads use one
connection per reading thread, so a viewer reads from a worker, never the GUI
thread. Qt-free.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plugins.agriculture.trace_chain import Verification, verify_chain

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS agri_trace (batch TEXT NOT NULL, seq INTEGER NOT NULL, ts REAL NOT NULL,"
    " type TEXT NOT NULL, record TEXT NOT NULL, PRIMARY KEY (batch, seq))",
    "CREATE INDEX IF NOT EXISTS agri_trace_type_ts ON agri_trace (type, ts)",
)


@dataclass(frozen=True)
class TraceLookup:
    """One batch as the viewer shows it: its records in chain order and their verification."""

    batch: str
    records: list[dict[str, Any]]
    verification: Verification

    @property
    def found(self) -> bool:
        return bool(self.records)


class TraceService:
    """Reads and writes a batch's records; remembers the last code scanned (tours scan too).

    Give it the console's Store (writes go to its writer thread) or a path (writes are
    synchronous, for tools and tests).
    """

    def __init__(self, store_or_path: Any) -> None:
        if isinstance(store_or_path, (str, Path)):
            self._store, self.path = None, Path(store_or_path)
        else:
            self._store, self.path = store_or_path, Path(store_or_path.path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(self.path), timeout=30.0)
        try:
            for sql in _SCHEMA:
                conn.execute(sql)
            conn.commit()
        finally:
            conn.close()
        self._write_conn: sqlite3.Connection | None = None
        self._write_lock = threading.Lock()
        self._local = threading.local()
        self._readers: list[sqlite3.Connection] = []
        self._scan_lock = threading.Lock()
        self._scan: tuple[int, str] = (0, "")
        self._closed = False
        if self._store is not None:  # the console's retention reaches this table too
            self._store.add_retention(self.prune)

    # -- writing ----------------------------------------------------------------
    def put(self, records: Iterable[Mapping[str, Any]]) -> None:
        """Add records; one already cached (same batch and seq) is kept as it is."""
        rows = [_row(r) for r in records]
        if rows:
            self._submit(lambda c: c.executemany("INSERT OR IGNORE INTO agri_trace VALUES (?, ?, ?, ?, ?)", rows))

    def overwrite(self, record: Mapping[str, Any], seq: int | None = None) -> None:
        """Replace the cached record at its (batch, seq): how a tampered copy gets in."""
        row = _row(record, seq)
        self._submit(lambda c: c.execute("INSERT OR REPLACE INTO agri_trace VALUES (?, ?, ?, ?, ?)", row))

    def _submit(self, fn: Callable[[sqlite3.Connection], Any]) -> None:
        if self._store is not None:
            self._store.call_soon(lambda: self._run(fn))
        else:
            self._run(fn)

    def _run(self, fn: Callable[[sqlite3.Connection], Any]) -> None:
        with self._write_lock:
            if self._write_conn is None:
                self._write_conn = sqlite3.connect(str(self.path), timeout=30.0, check_same_thread=False)
                self._write_conn.execute("PRAGMA journal_mode=WAL")
                self._write_conn.execute("PRAGMA synchronous=NORMAL")
            fn(self._write_conn)
            self._write_conn.commit()

    def prune(self, cut: float) -> int:
        """Delete the batches whose newest record is older than ``cut``, each chain whole (half a
        chain would verify as tampered). The store's retention calls it; returns the rows deleted."""
        deleted: list[int] = [0]
        if self._closed:  # the store outlived the service: nothing of ours to open again
            return 0

        def delete(c: sqlite3.Connection) -> None:
            before = c.total_changes
            c.execute("DELETE FROM agri_trace WHERE batch IN"
                      " (SELECT batch FROM agri_trace GROUP BY batch HAVING max(ts) < ?)", (cut,))
            deleted[0] = c.total_changes - before

        self._run(delete)
        return deleted[0]

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until every write queued so far is in the file."""
        return self._store.flush(timeout) if self._store is not None else True

    def close(self) -> None:
        self._closed = True
        with self._write_lock:
            if self._write_conn is not None:
                self._write_conn.close()
                self._write_conn = None
        for conn in self._readers:
            conn.close()
        self._readers.clear()

    # -- reading (any thread but the GUI's) ----------------------------------------
    def _reader(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=30.0, check_same_thread=False)
            self._local.conn = conn
            self._readers.append(conn)
        return conn

    def records(self, batch: str) -> list[dict[str, Any]]:
        rows = self._reader().execute("SELECT record FROM agri_trace WHERE batch = ? ORDER BY seq", (batch,)).fetchall()
        return [json.loads(r[0]) for r in rows]

    def lookup(self, batch: str) -> TraceLookup:
        """A batch's records and whether their chain holds. ``latest`` means the newest certified batch."""
        code = batch.strip()
        if code.lower() == "latest":
            code = self.latest_batch() or code
        records = self.records(code)
        return TraceLookup(code, records, verify_chain(records))

    def latest_batch(self) -> str | None:
        row = self._reader().execute(
            "SELECT batch FROM agri_trace WHERE type = 'certificate' ORDER BY ts DESC LIMIT 1"
        ).fetchone()
        return row[0] if row else None

    def count(self) -> int:
        return self._reader().execute("SELECT count(*) FROM agri_trace").fetchone()[0]

    # -- the last code scanned (an operator's scanner or a tour step) ------------------
    def scan(self, batch: str) -> None:
        with self._scan_lock:
            self._scan = (self._scan[0] + 1, batch)

    def last_scan(self) -> tuple[int, str]:
        """(how many scans so far, the last code): a viewer looks up a code when the count moves."""
        with self._scan_lock:
            return self._scan


def _row(record: Mapping[str, Any], seq: int | None = None) -> tuple:
    return (
        str(record["batch"]), int(record["seq"] if seq is None else seq), float(record["ts"]), str(record["type"]),
        json.dumps(record, ensure_ascii=False, sort_keys=True),
    )


def make_trace_service(runtime: Any) -> TraceService:
    """The runtime's factory: the service over the console's cache."""
    return TraceService(runtime.store)
