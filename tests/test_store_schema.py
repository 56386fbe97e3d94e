"""The cache's schema is plain SQL now; a file made by the first release (sqlite-utils' DDL,
schema 1: no shelving columns, no audit outcome) still opens, keeps its rows and gains the columns."""

import sqlite3

import pytest

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


# -- schema 4: compact values (an exact decimal of <= 3 places stored as its integer mantissa) --------

_VALUES = [3.7, 0.3, 0.7, 0.01, 12345.678, -2.5, 1e-7, 0.1 + 0.2, -0.001, 1e300, 123456789012.345, 5.0, 0.0, -17.0,
           499.99, 2.675, None, float("inf"), float("-inf")]


def test_every_reader_gets_back_the_very_floats_written(tmp_path):
    """history, latest_all, history_buckets' min/max and a replay of the file all decode the coded
    values; each float is the one written (==, not approximately), its quality too."""
    from console.sources.replay_source import open_recording
    from console.store.store import reading_columns_sql

    store = Store(tmp_path / "c.sqlite3", retention_days=None)
    written = [Reading(f"s/{i}", 1000.0 + i, v, i % 4) for i, v in enumerate(_VALUES)]
    store.enqueue(written)
    store.enqueue([Reading("s/0", 2000.0, float("nan"))])  # SQLite keeps a NaN as NULL (schema 3 did the same)
    assert store.flush()
    for r in written:
        assert store.history(r.stream, 0)[:1] == [(r.ts, r.value, r.quality)], r
    latest = {r.stream: r for r in store.latest_all()}
    assert latest["s/0"] == Reading("s/0", 2000.0, None, 0)
    assert [latest[r.stream] for r in written[1:]] == written[1:]
    for r in written:
        if r.value is not None:
            (row,) = store.history_buckets(r.stream, 0, 1500, 10_000)
            assert row[3:] == (r.value, r.value, 1), r
    store.close()

    conn = open_recording(tmp_path / "c.sqlite3")  # what a replay reads, as ReplaySource.chunks does
    value, quality = reading_columns_sql(conn)
    got = conn.execute(f"SELECT s.id, {value}, {quality} FROM readings r JOIN streams s ON s.key = r.stream"
                       " WHERE r.ts < 2000").fetchall()
    conn.close()
    assert sorted(got) == sorted((r.stream, r.value, r.quality) for r in written)


def test_values_in_decimal_steps_are_stored_as_integers(tmp_path):
    """The coding: 3.7 is stored as 37 with scale 1 in the quality column's low bits; a value with no
    short exact decimal (1e-7, 0.1 + 0.2) or a whole number is stored as it came, scale 0."""
    from console.store.store import encode_values

    assert encode_values([3.7, 0.01, 12345.678, -2.5, 1e-7, 0.1 + 0.2, 5.0, None]) == (
        [37.0, 1.0, 12345678.0, -25.0, 1e-7, 0.1 + 0.2, 5.0, None], [1, 2, 3, 1, 0, 0, 0, 0])
    store = Store(tmp_path / "c.sqlite3", retention_days=None)
    store.enqueue([Reading("a", 1.0, 3.7, 2), Reading("a", 2.0, 0.3, 0), Reading("a", 3.0, 2.5e-7, 1)])
    assert store.flush()
    store.close()
    conn = sqlite3.connect(tmp_path / "c.sqlite3")
    assert conn.execute("SELECT value, quality FROM readings ORDER BY ts").fetchall() == [
        (37.0, 2 << 2 | 1), (3.0, 1), (2.5e-7, 1 << 2)]
    conn.close()


@pytest.mark.parametrize("version", [2, 3])
def test_an_older_file_is_migrated_to_schema_4_once_and_keeps_its_readings(tmp_path, caplog, version):
    """A schema 2 or 3 file: its readings' quality is re-coded (``quality << 2``, said in the log), its
    values stay as they are; history reads them unchanged, beside new coded readings; opening it
    again changes nothing (the qualities are not shifted twice)."""
    path = tmp_path / f"v{version}.sqlite3"
    conn = _old_file(path, version)
    if version == 3:
        conn.execute("DROP INDEX readings_ts")
    conn.execute("INSERT INTO streams (key, id) VALUES (1, 'a/x')")
    old = [(100.0 + i, v, i % 4) for i, v in enumerate([2.5, 3.7, 0.01, 7.0, None, -1.25])]
    conn.executemany("INSERT INTO readings VALUES (1, ?, ?, ?)", old)
    conn.commit()
    conn.close()

    with caplog.at_level("WARNING", logger="console.store.store"):
        store = Store(path, retention_days=None)
    assert any(f"schema {version} -> 4" in r.getMessage() and "4 rows" in r.getMessage() for r in caplog.records)
    store.enqueue([Reading("a/x", 200.0, 3.7, 3), Reading("a/x", 201.0, 0.125, 0)])
    assert store.flush()
    want = old + [(200.0, 3.7, 3), (201.0, 0.125, 0)]
    assert store.history("a/x", 0) == want
    store.close()
    caplog.clear()
    with caplog.at_level("WARNING", logger="console.store.store"):
        store = Store(path, retention_days=None)
    assert not any("-> 4" in r.getMessage() for r in caplog.records)
    assert store.history("a/x", 0) == want
    assert store.meta("schema_version") == "4"
    store.close()


def test_a_recording_older_than_schema_4_is_read_as_it_is(tmp_path):
    """A replay opens its recording read-only and never migrates it: a schema 3 file's columns are
    read as they are, not decoded."""
    from console.sources.replay_source import open_recording
    from console.store.store import reading_columns_sql

    path = tmp_path / "v3.sqlite3"
    conn = _old_file(path, 3)
    conn.execute("INSERT INTO streams (key, id) VALUES (1, 'a/x')")
    conn.execute("INSERT INTO readings VALUES (1, 100.0, 37.0, 3)")
    conn.commit()
    conn.close()
    conn = open_recording(path)
    value, quality = reading_columns_sql(conn)
    assert conn.execute(f"SELECT {value}, {quality} FROM readings r").fetchall() == [(37.0, 3)]
    conn.close()
