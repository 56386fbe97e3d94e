"""The cache's schema is plain SQL now; a file made by the first release (sqlite-utils' DDL,
schema 1: no shelving columns, no audit outcome) still opens, keeps its rows and gains the columns."""

import sqlite3

from console.model import Reading
from console.store.store import SCHEMA_VERSION, Store

# what sqlite-utils 4.2 wrote for schema 1 (copied from a cache of the first release)
_SCHEMA_1 = [
    'CREATE TABLE "meta" (\n   "key" TEXT PRIMARY KEY,\n   "value" TEXT\n)',
    'CREATE TABLE "streams" (\n   "key" INTEGER PRIMARY KEY,\n   "id" TEXT,\n   "entity_id" TEXT,\n'
    '   "name" TEXT,\n   "unit" TEXT,\n   "expected_interval_s" REAL\n)',
    'CREATE UNIQUE INDEX "idx_streams_id"\n    ON "streams" ("id")',
    "CREATE TABLE readings (stream INTEGER NOT NULL, ts REAL NOT NULL, value REAL,"
    " quality INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (stream, ts)) WITHOUT ROWID",
    "CREATE INDEX readings_ts ON readings (ts)",
    'CREATE TABLE "entities" (\n   "id" TEXT PRIMARY KEY,\n   "kind" TEXT,\n   "name" TEXT,\n'
    '   "lat" REAL,\n   "lon" REAL,\n   "attrs" TEXT,\n   "streams" TEXT\n)',
    'CREATE TABLE "alarms" (\n   "id" INTEGER PRIMARY KEY,\n   "key" TEXT,\n   "rule" TEXT,\n'
    '   "entity_id" TEXT,\n   "stream" TEXT,\n   "severity" INTEGER,\n   "state" TEXT,\n   "message" TEXT,\n'
    '   "value" REAL,\n   "raised_ts" REAL,\n   "acked_ts" REAL,\n   "acked_by" TEXT,\n   "cleared_ts" REAL,\n'
    '   "shelved_until" REAL\n)',
    'CREATE TABLE "audit" (\n   "id" INTEGER PRIMARY KEY,\n   "ts" REAL,\n   "user" TEXT,\n'
    '   "action" TEXT,\n   "target" TEXT,\n   "detail" TEXT\n)',
]


def _old_file(path, version):
    """A cache file as an older release left it (its tables; rows are the caller's)."""
    conn = sqlite3.connect(path)
    for statement in _SCHEMA_1:
        conn.execute(statement)
    conn.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(version),))
    return conn


def _columns(conn, table):
    return {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}


def test_a_schema_1_file_opens_keeps_its_rows_and_gains_the_new_columns(tmp_path):
    path = tmp_path / "old.sqlite3"
    conn = _old_file(path, 1)
    conn.execute("INSERT INTO streams (key, id) VALUES (1, 'flood/gauge/MH-01/level')")
    conn.execute("INSERT INTO readings VALUES (1, 100.0, 2.5, 0)")
    conn.execute("INSERT INTO audit (ts, user, action) VALUES (1.0, 'li', 'alarm.ack')")
    conn.commit()
    conn.close()

    store = Store(path, retention_days=None)
    store.enqueue([Reading("flood/gauge/MH-01/level", 200.0, 2.75), Reading("flood/gauge/MH-02/level", 200.0, 1.0)])
    assert store.flush()
    assert store.history("flood/gauge/MH-01/level", 0) == [(100.0, 2.5, 0), (200.0, 2.75, 0)]
    store.close()

    conn = sqlite3.connect(path)
    assert {"shelve_mode", "shelve_reason", "shelved_by"} <= _columns(conn, "alarms")
    assert "outcome" in _columns(conn, "audit")
    assert conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == (str(SCHEMA_VERSION),)
    assert conn.execute("SELECT user, action FROM audit").fetchall() == [("li", "alarm.ack")]
    # the new stream got a key of its own, not the old one's
    keys = dict(conn.execute("SELECT id, key FROM streams"))
    assert keys["flood/gauge/MH-01/level"] == 1 and keys["flood/gauge/MH-02/level"] != 1
    conn.close()


def test_a_new_file_has_every_table_and_index(tmp_path):
    store = Store(tmp_path / "new.sqlite3", retention_days=None)
    store.close()
    conn = sqlite3.connect(tmp_path / "new.sqlite3")
    names = {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}
    assert {"meta", "streams", "readings", "entities", "alarms", "audit"} <= names
    assert {"idx_streams_id", "idx_alarms_state", "idx_audit_ts"} <= names
    assert "readings_ts" not in names  # readings are keyed (stream, ts) and nothing else (schema 3)
    conn.close()


def test_a_schema_2_file_loses_its_timestamp_index_and_keeps_its_readings(tmp_path, caplog):
    """Schema 2 had an index on readings (ts) for retention alone: opening drops it (said in
    the log), the readings stay, retention and history still work."""
    path = tmp_path / "v2.sqlite3"
    conn = _old_file(path, 2)  # schema 2 had schema 1's readings table and index, and more columns elsewhere
    conn.execute("INSERT INTO streams (key, id) VALUES (1, 'a/x'), (2, 'b/y')")
    conn.executemany("INSERT INTO readings VALUES (?, ?, ?, 0)",
                     [(k, 1000.0 + 60 * i, float(i)) for k in (1, 2) for i in range(2000)])
    conn.commit()
    conn.close()

    with caplog.at_level("WARNING", logger="console.store.store"):
        store = Store(path, retention_days=None)
    assert any("readings_ts" in r.getMessage() and "kept" in r.getMessage() for r in caplog.records)
    assert len(store.history("a/x", 0)) == 2000 and store.history("b/y", 1000.0, 1060.0) == [(1000.0, 0.0, 0), (1060.0, 1.0, 0)]
    stats = store.stats()
    assert (stats["readings"], stats["first_ts"], stats["last_ts"]) == (4000, 1000.0, 1000.0 + 60 * 1999)
    store.retention_days = 1
    # a day before an hour after the last reading: the first 619 of each stream's 2,000 go
    assert store._prune(store._durable, 1000.0 + 60 * 1999 + 3600) == 2 * 619
    assert store.history("a/x", 0)[0][0] == 1000.0 + 60 * 619
    store.close()
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'readings_ts'").fetchall() == []
    assert conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == (str(SCHEMA_VERSION),)
    conn.close()
