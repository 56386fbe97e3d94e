"""Every console's audit trail in one archive, the active engine's cache, through a real
mosquitto: each row once, with its console named; rows written while the broker was away
arrive when it is back; a standby engine archives nothing; the CSV export lists them."""

from __future__ import annotations

import csv
import threading

import pytest

from console.audit.trail import export_csv
from console.centre.audit_link import AuditArchive, AuditShipper, MARK
from console.centre.broker import Broker
from console.store.store import Store
from tests.source_servers import Mosquitto, wait_until


@pytest.fixture
def centre(tmp_path):
    (tmp_path / "broker").mkdir()
    broker = Mosquitto(tmp_path / "broker").start()
    address = Broker.parse(f"mqtt://127.0.0.1:{broker.port}")
    engine = Store(tmp_path / "engine.sqlite3", retention_days=None)
    active = threading.Event()
    active.set()
    archive = AuditArchive(engine, address, "寿光", "engine-a", active).start()
    yield broker, address, engine, active, archive
    archive.stop()
    engine.close()
    broker.stop()


def _archived(engine, origin):
    return engine.query("SELECT origin_id, user, action, target, outcome FROM audit WHERE origin = ? ORDER BY origin_id", (origin,))


def test_every_consoles_rows_reach_the_engines_archive_once_with_the_console_named(centre, tmp_path):
    broker, address, engine, _active, archive = centre
    desks = {}
    for name in ("desk-a", "wall-1"):
        store = Store(tmp_path / f"{name}.sqlite3", retention_days=None)
        for k in range(3):
            store.audit("王工", "layout.open", f"layout-{k}", {"screen": name})
        store.audit("访客", "alarm.ack", "flood.warn:g/G1/level@1.000", outcome="denied: role viewer may not alarm.ack")
        desks[name] = (store, AuditShipper(store, address, "寿光", name).start())
    try:
        for name in desks:
            wait_until(lambda n=name: len(_archived(engine, n)) == 4, 15, 0.05, f"{name}'s rows in the archive")
        rows = _archived(engine, "wall-1")
        assert rows[-1][1:] == ("访客", "alarm.ack", "flood.warn:g/G1/level@1.000", "denied: role viewer may not alarm.ack")
        assert [r[0] for r in rows] == [1, 2, 3, 4], "each row once, with its own id on its console"
        store, shipper = desks["desk-a"]
        assert store.meta(MARK) == "4"
        shipper.stop()  # the console restarts; its mark says what is archived: nothing is sent twice
        store.audit("王工", "auth.logout", "王工")
        again = AuditShipper(store, address, "寿光", "desk-a").start()
        desks["desk-a"] = (store, again)
        wait_until(lambda: len(_archived(engine, "desk-a")) == 5, 15, 0.05, "the row written after the restart")
        out = tmp_path / "audit.csv"
        assert export_csv(engine.path, out) == 9
        with open(out, encoding="utf-8-sig") as f:
            table = list(csv.reader(f))
        assert table[0][-1] == "console" and {r[-1] for r in table[1:]} == {"desk-a", "wall-1"}
        assert archive.archived == 9
    finally:
        for store, shipper in desks.values():
            shipper.stop()
            store.close()


def test_rows_written_while_the_broker_is_away_arrive_when_it_is_back(centre, tmp_path):
    broker, address, engine, _active, _archive = centre
    store = Store(tmp_path / "desk.sqlite3", retention_days=None)
    shipper = AuditShipper(store, address, "寿光", "desk-a").start()
    try:
        store.audit("王工", "auth.login", "王工")
        wait_until(lambda: len(_archived(engine, "desk-a")) == 1, 15, 0.05, "the first row")
        broker.stop()
        store.audit("王工", "alarm.shelve", "k1", {"seconds": 600})
        store.audit("王工", "auth.logout", "王工")
        assert len(_archived(engine, "desk-a")) == 1
        broker.start()
        wait_until(lambda: len(_archived(engine, "desk-a")) == 3, 30, 0.1, "the rows of the outage")
    finally:
        shipper.stop()
        store.close()


def test_a_standby_engine_archives_nothing_and_the_rows_wait_for_the_active_one(centre, tmp_path):
    broker, address, engine, active, archive = centre
    active.clear()  # this engine stands by: no engine holds the lease
    wait_until(lambda: not archive._subscribed.is_set(), 5, 0.05, "the archive's unsubscribe")
    store = Store(tmp_path / "desk.sqlite3", retention_days=None)
    shipper = AuditShipper(store, address, "寿光", "desk-a").start()
    try:
        store.audit("王工", "layout.open", "flood-overview")
        assert shipper.connected.wait(10)
        import time

        time.sleep(2.5)
        assert _archived(engine, "desk-a") == [] and store.meta(MARK) is None
        active.set()  # the lease is this engine's again
        wait_until(lambda: len(_archived(engine, "desk-a")) == 1, 20, 0.1, "the row, once an engine is active")
    finally:
        shipper.stop()
        store.close()
