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


def _columns(conn, table):
    return {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}


def test_a_schema_1_file_opens_keeps_its_rows_and_gains_the_new_columns(tmp_path):
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path)
    for statement in _SCHEMA_1:
        conn.execute(statement)
    conn.execute("INSERT INTO meta VALUES ('schema_version', '1')")
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
    assert {"idx_streams_id", "readings_ts", "idx_alarms_state", "idx_audit_ts"} <= names
    conn.close()
