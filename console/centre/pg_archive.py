"""The centre's audit archive in PostgreSQL too, for a site that has one (``[centre] archive =
"postgresql://user@host/db"``, a password as a reference: ``${env:NAME}`` or ``keyring:...``).

The engine's cache stays the archive of record (its own rows and every console's, see
``console.centre.audit_link``). ``PostgresArchive`` copies its audit rows, in id order, into
the table ``city_console_audit`` (made if missing), one row per (centre, console, id): a row
copied twice is kept once. Its mark (the last id copied, in the cache's meta table) moves only
after PostgreSQL committed, so an outage or a restart loses nothing: the rows wait in the cache
and go when the server is back. What went wrong is logged once per kind and kept in
``problem`` (the engine's status), never silently dropped.
"""

from __future__ import annotations

import logging
import threading

from console.alarms.engine import AlarmEngine
from console.alarms.rules import Rule
from console.languages import QT_TRANSLATE_NOOP, Text
from console.sources import secret_refs
from console.store.store import Store

log = logging.getLogger(__name__)
EVERY_S = 2.0
BATCH = 1000
MARK = "pg_archive_copied"
ARCHIVE_STREAM = "system/archive"
# PostgreSQL does not take the audit rows: raised by the engine, on every console of the centre
ARCHIVE_RULE = Rule(
    id="system.archive", type="system", streams="", severity=3, message="{detail}",
    title=QT_TRANSLATE_NOOP("Rule", "审计归档写入失败"),
    guidance=(
        QT_TRANSLATE_NOOP("Rule", "检查 PostgreSQL 服务器与网络，以及归档账户的权限"),
        QT_TRANSLATE_NOOP("Rule", "审计记录保存在引擎缓存中，恢复后自动补写"),
    ),
)
TABLE_SQL = (
    "CREATE TABLE IF NOT EXISTS city_console_audit ("
    " centre TEXT NOT NULL, console TEXT NOT NULL, row_id BIGINT NOT NULL, ts DOUBLE PRECISION,"
    " \"user\" TEXT, action TEXT, target TEXT, detail TEXT, outcome TEXT,"
    " PRIMARY KEY (centre, console, row_id))"
)
INSERT_SQL = (
    "INSERT INTO city_console_audit (centre, console, row_id, ts, \"user\", action, target, detail, outcome)"
    " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT DO NOTHING"
)


class PostgresArchive:
    def __init__(self, store: Store, dsn: str, centre: str, engine_id: str, engine: AlarmEngine | None = None) -> None:
        self.store = store
        self.engine = engine
        self._dsn = dsn  # may hold a reference; resolved at connect, never logged
        self.centre = centre
        self.engine_id = engine_id
        self.copied = int(store.meta(MARK) or 0)
        self.problem: str | None = None
        self._said: set[str] = set()
        self._conn = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="centre-pg-archive", daemon=True)

    def start(self) -> PostgresArchive:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(10)
        if self._conn is not None:
            self._conn.close()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                while not self._stop.is_set() and self.copy_once():
                    pass
                if self.problem is not None:
                    log.warning("centre archive: PostgreSQL is back; the audit rows are copied again")
                    self._said.clear()
                    if self.engine is not None:
                        self.store.call_soon(lambda: self.engine.clear_system(ARCHIVE_RULE, ARCHIVE_STREAM))
                self.problem = None
            except Exception as exc:  # the server away, a refused login, a full disk: said, retried
                self._fail(exc)
            self._stop.wait(EVERY_S)

    def copy_once(self) -> int:
        """Copy the next batch; how many rows were committed in PostgreSQL."""
        rows = self.store.query(
            "SELECT id, origin, origin_id, ts, user, action, target, detail, outcome FROM audit"
            " WHERE id > ? ORDER BY id LIMIT ?", (self.copied, BATCH))
        if not rows:
            return 0
        conn = self._connection()
        with conn.cursor() as cur:
            cur.executemany(INSERT_SQL, [
                (self.centre, origin or self.engine_id, origin_id if origin else rid, ts, user, action, target, detail, outcome)
                for rid, origin, origin_id, ts, user, action, target, detail, outcome in rows])
        conn.commit()
        self.copied = int(rows[-1][0])
        self.store.set_meta(MARK, str(self.copied))
        return len(rows)

    def _connection(self):
        import psycopg

        if self._conn is None or self._conn.closed:
            self._conn = psycopg.connect(secret_refs.resolve(self._dsn), connect_timeout=5)
            with self._conn.cursor() as cur:
                cur.execute(TABLE_SQL)
            self._conn.commit()
        return self._conn

    def _fail(self, exc: Exception) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            except Exception:  # already broken
                pass
            self._conn = None
        text = secret_refs.redact(f"{type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc).strip() else ''}")
        self.problem = f"PostgreSQL archive unreachable, audit rows wait in the cache: {text}"
        if self.engine is not None:
            shown = Text("Rule", "审计归档 PostgreSQL 不可达，记录暂存于引擎缓存：{error}").format(error=text)
            self.store.call_soon(lambda: self.engine.raise_system(ARCHIVE_RULE, ARCHIVE_STREAM, shown))
        kind = type(exc).__name__
        if kind not in self._said:
            self._said.add(kind)
            log.error("centre archive: %s", self.problem)
