"""The readings writer: one supervised thread that only writes to disk.

Readings reach the hub and the alarm rules when they are accepted (the store's event
thread); this thread makes them durable and then tells each source (``on_durable``).
It never dies silently and never holds unbounded memory:

- an exception anywhere in it is logged and the writer restarts on a fresh
  connection with its backlog intact;
- a write that fails (full disk, corrupt page, locked file) keeps the batches in a
  bounded backlog, reports ``on_error(message)`` (the alarm engine turns it into a red
  system alarm) and retries; readings beyond the bound are dropped, counted and shown,
  and their sources are never told they are durable (MQTT brings them again);
- a full cache frees space for real: the oldest readings go in steps (never the last
  hour), the WAL is checkpointed and the file truncated; when nothing may go, new
  history is refused and the message says so.
"""

from __future__ import annotations

import logging
import queue
import sqlite3
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from console.languages import Text

if TYPE_CHECKING:
    from console.store.store import Store

log = logging.getLogger(__name__)

RETRY_AFTER_S = 2.0
PRIORITY_WAIT_S = 2.0  # the longest the readings wait for an operator action's write
MAX_ROWS_PER_TX = 50_000
_PRUNE_EVERY_S = 600.0
_KEEP_NEWEST_S = 3600.0  # making room never deletes the last hour
_LOG_REPEAT_S = 30.0


class Batch(list):
    """A batch of readings, and whom to tell when it is durable."""

    __slots__ = ("on_durable",)


class ReadingsWriter:
    """The writer thread of one store, its backlog and its supervision."""

    def __init__(self, store: Store, connect: Callable[[], sqlite3.Connection]) -> None:
        self.store = store
        self._connect = connect
        self.inbox: queue.SimpleQueue[Batch | None] = queue.SimpleQueue()
        self.backlog: list[Batch] = []  # accepted, not yet written (survives a restart)
        self.backlog_rows = 0
        self.failing = False
        self._next_retry = 0.0
        self._last_logged = ("", 0.0)
        self._last_prune = 0.0
        self._size_dirty = True
        self.conn: sqlite3.Connection | None = None
        self._stopping = False
        self._stopping_asked = False  # the stop marker was taken: a bounded close may cut the backlog
        self._thread = self._start()

    def _start(self) -> threading.Thread:
        t = threading.Thread(target=self._supervise, name="store-writer", daemon=True)
        t.start()
        return t

    def ensure_alive(self) -> None:
        """Restart the thread if it is gone (called on every enqueue)."""
        if not self._thread.is_alive() and not self._stopping:
            log.error("%s: the cache writer thread was gone; restarted", self.store.path)
            self.store.health.writer_restarts += 1
            self._thread = self._start()

    def stop(self, timeout: float = 30.0) -> None:
        self.inbox.put(None)
        self._thread.join(timeout=timeout)

    def alive(self) -> bool:
        """The thread still runs (a stop that timed out, or one never asked)."""
        return self._thread.is_alive()

    def size_changed(self) -> None:
        self._size_dirty = True
        self.inbox.put(Batch())  # wake the thread

    # -- the thread ----------------------------------------------------------------
    def _supervise(self) -> None:
        while True:
            try:
                self._loop()
                return
            except BaseException as exc:  # anything: the writer must not die silently
                log.exception("%s: cache writer failed; restarting it", self.store.path)
                self.store.health.writer_restarts += 1
                self._report(f"writer crashed ({type(exc).__name__}: {exc})")
                if self.conn is not None:
                    try:
                        self.conn.close()
                    except sqlite3.Error:
                        pass
                    self.conn = None
                time.sleep(0.2)

    def _loop(self) -> None:
        self.conn = self._connect()
        stopping = False
        while not stopping:
            stopping = self._take()
            self._stopping_asked = stopping
            if self._size_dirty:
                self._size_dirty = False
                self.store._apply_max_size(self.conn)
            if self.backlog and (not self.failing or time.monotonic() >= self._next_retry or stopping):
                self._write_backlog()
            now = time.time()
            if now - self._last_prune > _PRUNE_EVERY_S and not self.failing:
                self._last_prune = now
                self.store._prune(self.conn, self.store.retention_now())
        if self.backlog and self.store._past_stop() and not self.failing:
            log.warning("%s: stopped within its deadline with %d readings not written (a source re-sends"
                        " or back-fills them at the next start)", self.store.path, self.backlog_rows)
        elif self.backlog:
            log.error("%s: shutting down with %d readings that could not be written: %s",
                      self.store.path, self.backlog_rows, self.store.health.last_error)
        self.conn.close()
        self.conn = None
        self._stopping = True

    def _take(self) -> bool:
        """Move what is queued into the backlog; True once asked to stop."""
        if self.backlog:
            timeout = max(0.0, self._next_retry - time.monotonic()) if self.failing else 0.0
        else:
            timeout = 1.0
        try:
            batch = self.inbox.get(timeout=timeout) if timeout else self.inbox.get_nowait()
        except queue.Empty:
            return False
        stopping = False
        while True:
            if batch is None:
                stopping = True
            elif batch:
                self.backlog.append(batch)
                self.backlog_rows += len(batch)
            if self.backlog_rows >= MAX_ROWS_PER_TX and not self.failing:
                break
            try:
                batch = self.inbox.get_nowait()
            except queue.Empty:
                break
        self._bound_backlog()
        return stopping

    def _bound_backlog(self) -> None:
        limit = self.store.max_backlog_rows
        dropped = 0
        while self.backlog_rows > limit and len(self.backlog) > 1:
            old = self.backlog.pop(0)
            self.backlog_rows -= len(old)
            dropped += len(old)
            self.store._done(1)
        if dropped:
            h = self.store.health
            h.overflow_rows += dropped
            log.error("%s: backlog over its bound of %d readings: the %d oldest dropped (%d since start)",
                      self.store.path, limit, dropped, h.overflow_rows)
        self.store.health.pending_rows = self.backlog_rows

    def _write_backlog(self) -> None:
        while self.backlog and not (self._stopping_asked and self.store._past_stop()):
            # an operator's action is being made durable: its commit goes before our next one
            # (SQLite has one writer at a time; a busy writer would win the lock again and again)
            self.store.wait_priority(PRIORITY_WAIT_S)
            chunk, rows = [], 0
            while self.backlog and (not chunk or rows + len(self.backlog[0]) <= MAX_ROWS_PER_TX):
                chunk.append(self.backlog.pop(0))
                rows += len(chunk[-1])
            try:
                self.store._write(self.conn, chunk)
            except sqlite3.Error as exc:
                self.backlog[:0] = chunk
                if _is_full(exc) and self._make_room():
                    continue
                self._failed(exc)
                return
            self.backlog_rows -= rows
            self.store.health.pending_rows = self.backlog_rows
            self.store._committed(chunk)
            self.store._done(len(chunk))
        if self.failing:
            self.failing = False
            self.store.health.last_error = self.store.health.failing_since = None
            log.warning("%s: cache writes work again; backlog written", self.store.path)
            if self.store.on_recovered:
                self.store._guard(self.store.on_recovered)

    def _failed(self, exc: sqlite3.Error) -> None:
        if not self.failing:
            self.store.health.failing_since = time.time()
        self.failing = True
        self._next_retry = time.monotonic() + RETRY_AFTER_S
        reason = "disk full" if _is_full(exc) else str(exc)
        if not isinstance(exc, sqlite3.OperationalError) and self.conn is not None:
            self.conn.close()  # a broken connection: start the next attempt on a fresh one
            self.conn = self._connect()
        self._report(reason)

    def _report(self, reason: str) -> None:
        h = self.store.health
        msg = Text("Cache", "缓存写入失败：{reason}；{held} 条读数暂存在内存中").format(reason=reason, held=self.backlog_rows)
        if h.overflow_rows:
            msg = Text("Cache", "{message}；{n} 条超出暂存上限，已丢弃").format(message=msg, n=h.overflow_rows)
        if self.store.refusing:
            msg = Text("Cache", "{message}；腾出空间前不再接收新的历史数据").format(message=msg)
        h.last_error, h.last_error_ts = msg, time.time()
        h.pending_rows = self.backlog_rows
        last_reason, last_ts = self._last_logged
        if reason != last_reason or time.monotonic() - last_ts > _LOG_REPEAT_S:
            self._last_logged = (reason, time.monotonic())
            log.error("%s: %s", self.store.path, msg)
        if self.store.on_error:
            self.store._guard(self.store.on_error, msg)

    def _make_room(self) -> bool:
        """The cache is full: free space for real. True if the next write may succeed."""
        conn = self.conn
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            first, newest = self.store._span(conn)
            if newest is None:
                return self._refuse()
            # the oldest tenth of the time held (no timestamp index: by time, not by row count)
            cut = min(first + max((newest - first) / 10, 1.0), newest - _KEEP_NEWEST_S)
            k = self.store._delete_before(conn, cut) if cut > first else 0
            if not k:
                conn.rollback()
                return self._refuse()
            conn.commit()
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.execute("PRAGMA incremental_vacuum")
            conn.commit()
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error as exc:
            conn.rollback()
            if not self.store.refusing:  # said once, not at every retry
                log.error("%s: cache full and making room failed (%s)", self.store.path, exc)
            return self._refuse()
        log.warning("%s: cache full: pruned %d readings older than %s to make room", self.store.path, k, iso_time(cut))
        self.store.refusing = False
        return True

    def _refuse(self) -> bool:
        if not self.store.refusing:
            log.error("%s: cache full and no history old enough to delete: new history refused", self.store.path)
        self.store.refusing = True
        return False


def _is_full(exc: sqlite3.Error) -> bool:
    return getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL or "full" in str(exc)


def iso_time(ts: float | None) -> str | None:
    if ts is None:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ts))
