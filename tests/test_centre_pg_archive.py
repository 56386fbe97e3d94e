"""The centre's audit archive copied into a real PostgreSQL (Debian's server, a throwaway
cluster): every row of the engine's cache once, its own and every console's, with the console
named; rows written while the server is down wait in the cache, a system alarm says so, and
they arrive when it is back; a password in the settings must be a reference."""

from __future__ import annotations

import pytest

from console.centre.pg_archive import ARCHIVE_RULE, MARK, PostgresArchive
from console.store.store import Store
from tests.source_servers import Postgres, wait_until

psycopg = pytest.importorskip("psycopg")  # the test extra brings it


@pytest.fixture
def server():
    pg = Postgres().start()
    yield pg
    try:
        pg.stop()
    finally:
        pg.remove()


def _rows(dsn):
    with psycopg.connect(dsn) as conn:
        try:
            return conn.execute("SELECT console, row_id, \"user\", action, outcome FROM city_console_audit"
                                " ORDER BY console, row_id").fetchall()
        except psycopg.errors.UndefinedTable:
            return []


def test_the_engines_archive_reaches_postgresql_once_and_waits_out_an_outage(tmp_path, server):
    from console.alarms.engine import AlarmEngine
    from console.hub.hub import Hub

    store = Store(tmp_path / "engine.sqlite3", retention_days=None)
    engine = AlarmEngine(Hub(store), [])
    store.audit("王工", "alarm.ack", "flood.warn:g/G1/level@1.000")
    store.archive_audit("desk-3", [(7, 1700000000.0, "李四", "auth.login", "李四", "", "ok"),
                                   (8, 1700000001.0, "访客", "alarm.ack", "k", "", "denied: role viewer may not alarm.ack")])
    copy = PostgresArchive(store, server.dsn, "寿光", "engine-a", engine).start()
    try:
        wait_until(lambda: len(_rows(server.dsn)) == 3, 20, 0.1, "the archive in PostgreSQL")
        assert _rows(server.dsn) == [("desk-3", 7, "李四", "auth.login", "ok"),
                                     ("desk-3", 8, "访客", "alarm.ack", "denied: role viewer may not alarm.ack"),
                                     ("engine-a", 1, "王工", "alarm.ack", "ok")]
        server.stop()
        store.audit("王工", "alarm.shelve", "k2", {"seconds": 600})
        store.audit("王工", "auth.logout", "王工")
        wait_until(lambda: copy.problem is not None, 20, 0.1, "the outage noticed")
        assert "PostgreSQL" in copy.problem and "wait in the cache" in copy.problem
        wait_until(lambda: any(a.rule == ARCHIVE_RULE.id for a in engine.open_alarms()), 10, 0.05, "the archive's system alarm")
        server.start()
        wait_until(lambda: len(_rows(server.dsn)) == 5, 40, 0.2, "the rows of the outage, once the server is back")
        assert copy.problem is None and store.meta(MARK) == str(copy.copied)
        wait_until(lambda: not any(a.rule == ARCHIVE_RULE.id and a.active for a in engine.open_alarms()), 10, 0.05,
                   "the system alarm cleared")
    finally:
        copy.stop()
    again = PostgresArchive(store, server.dsn, "寿光", "engine-a", engine)  # a restart: nothing is copied twice
    assert again.copy_once() == 0 and len(_rows(server.dsn)) == 5
    store.close()


def test_a_password_written_in_the_archive_address_is_refused(tmp_path):
    from console.settings.console_keys import read_console_keys

    settings = tmp_path / "s.toml"
    settings.write_text('[centre]\nbroker = "mqtt://127.0.0.1:1883"\narchive = "postgresql://city:hunter2@db/audit"\n')
    keys = read_console_keys(settings)
    assert keys.problem and "centre.archive" in keys.problem and "hunter2" not in keys.problem
    settings.write_text('[centre]\nbroker = "mqtt://127.0.0.1:1883"\narchive = "postgresql://city:${env:PGPASS}@db/audit"\n')
    assert read_console_keys(settings).centre_archive == "postgresql://city:${env:PGPASS}@db/audit"
