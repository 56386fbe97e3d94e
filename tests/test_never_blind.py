"""The console never goes blind: a full disk, a bad rule, a rolled-back write, a dead
connection, readings from the future. Real faults on real files, a real Hub and AlarmEngine."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

from console.alarms.engine import CACHE_WRITE_RULE, AlarmEngine
from console.alarms.rules import compile_rule
from console.freshness import Freshness
from console.hub.hub import Hub
from console.model import Entity, Reading, StreamSpec
from console.store.store import Store
from tests.source_servers import wait_until

GAUGE = "flood/gauge/G1/level"
RULE = {"id": "flood.high", "type": "threshold", "streams": "flood/gauge/*/level", "severity": 3,
        "limit": "attr:warning_level", "message": "{name} {value:.2f} m"}


def gauge(attrs: dict | None = None, gid: str = "G1") -> Entity:
    return Entity(gid, "gauge", f"gauge {gid}", 36.8, 118.7, {"warning_level": 3.0} if attrs is None else attrs,
                  (StreamSpec(f"flood/gauge/{gid}/level", "level", "m", 5),))


@pytest.fixture
def tiny_disk(tmp_path):
    """A 2 MB tmpfs: a disk that really fills up."""
    mnt = tmp_path / "disk"
    mnt.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mnt)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {done.stderr.decode(errors='replace').strip()}")
    yield mnt
    subprocess.run(["umount", "-l", str(mnt)], check=False)


def test_a_full_disk_raises_a_red_alarm_while_values_and_rules_stay_live(tiny_disk):
    store = Store(tiny_disk / "cache.sqlite3", retention_days=None, max_backlog_rows=60_000)
    hub = Hub(store)
    hub.add_entities([gauge()])
    hub.register_source("sim", [GAUGE]).live = True
    engine = AlarmEngine(hub, [compile_rule(RULE)])
    try:
        now = time.time()
        # fill the disk with history (2 MB of readings of other streams)
        k = 0
        while not store.health.last_error and k < 200:
            hub.submit([Reading(f"fill/s{i}", now - 3000 + k * 10 + i * 1e-3, float(i)) for i in range(2000)])
            store.flush(2)
            k += 1
        assert store.health.last_error, "the tmpfs never filled up"
        wait_until(lambda: any(a.rule == CACHE_WRITE_RULE.id for a in engine.open_alarms()), 10, what="the system alarm")
        (sys_alarm,) = [a for a in engine.open_alarms() if a.rule == CACHE_WRITE_RULE.id]
        assert sys_alarm.severity == 4 and sys_alarm.state == "unack"
        assert sys_alarm.message.startswith("缓存写入失败：disk full；")
        assert "条读数暂存在内存中" in sys_alarm.message
        # a gauge goes above its warning level while nothing can be written: the alarm is raised all the same
        hub.submit([Reading(GAUGE, time.time(), 3.5)])
        wait_until(lambda: any(a.rule == "flood.high" for a in engine.open_alarms()), 10, what="the threshold alarm")
        assert hub.freshness(GAUGE)[0] is Freshness.FRESH  # the tile shows the value, not OFFLINE
        # the backlog has a bound; what goes over it is counted, and the alarm says so
        for j in range(40):
            hub.submit([Reading(f"more/s{i}", time.time() - 60 + j * 0.5 + i * 1e-4, 1.0) for i in range(2000)])
        wait_until(lambda: store.health.overflow_rows > 0, 10, what="the overflow count")
        assert store.health.pending_rows <= 60_000 + 2000
        wait_until(lambda: "条超出暂存上限" in engine.open_alarms()[0].message
                   or any("dropped" in a.message for a in engine.open_alarms()), 10, what="the overflow in the alarm text")
    finally:
        store.close()


def test_room_is_made_for_real_on_a_size_bound_and_the_prune_is_logged(tmp_path, caplog):
    store = Store(tmp_path / "c.sqlite3", retention_days=None, max_size_mb=0.5)
    now = time.time()
    for k in range(30):
        store.enqueue([Reading(f"s/{i}", now - 86400 + k * 1000 + j, 1.0) for i in range(10) for j in range(100)])
        store.flush(10)
    stats = store.stats()
    store.close()
    assert stats["last_ts"] == now - 86400 + 29 * 1000 + 99
    assert stats["readings"] < 30_000
    assert any("pruned" in r.getMessage() and "to make room" in r.getMessage() for r in caplog.records)


def test_a_bad_placeholder_and_an_attribute_of_the_wrong_type_do_not_stop_the_writer(tmp_path, caplog):
    store = Store(tmp_path / "c.sqlite3", retention_days=None)
    hub = Hub(store)
    # remote data brought a guarantee level of "n/a"; a rule's message names a {level} nobody provides
    hub.add_entities([gauge({"warning_level": 3.0, "guarantee_level": "n/a"}), gauge(gid="G2")])
    rules = [
        compile_rule({**RULE, "id": "flood.bad_text", "message": "{name} at {level}"}),
        compile_rule({**RULE, "id": "flood.guarantee", "limit": "attr:guarantee_level", "severity": 4}),
        compile_rule(RULE),
    ]
    engine = AlarmEngine(hub, rules)
    try:
        now = time.time()
        for n in range(5):
            hub.submit([Reading(GAUGE, now - 50 + n, 3.5 + n), Reading("flood/gauge/G2/level", now - 50 + n, 1.0)])
        assert store.flush()
        assert [r[1] for r in store.history(GAUGE, 0)] == [3.5, 4.5, 5.5, 6.5, 7.5]
        assert len(store.history("flood/gauge/G2/level", 0)) == 5
        rules_open = sorted(a.rule for a in engine.open_alarms())
        assert rules_open == ["flood.bad_text", "flood.high"]  # the bad text still raises, with a plain message
        bad = next(a for a in engine.open_alarms() if a.rule == "flood.bad_text")
        assert "gauge G1" in bad.message
        logged = " ".join(r.getMessage() for r in caplog.records)
        assert "flood.guarantee" in logged and GAUGE in logged and "n/a" in logged
        assert "flood.bad_text" in logged and "level" in logged
    finally:
        store.close()


def test_a_rolled_back_new_stream_does_not_lend_its_key_to_the_next(tmp_path):
    store = Store(tmp_path / "c.sqlite3", retention_days=None, max_size_mb=0.07)
    too_big = [Reading("a/first", float(i), 1.0) for i in range(20_000)]
    store.enqueue(too_big)
    assert not store.flush(1.5)  # the file is full: rolled back, kept in memory
    store.set_max_size(None)
    assert store.flush(10)
    store.enqueue([Reading("b/second", 1.0, 2.0)])
    assert store.flush()
    assert len(store.history("a/first", 0)) == 20_000
    assert store.history("b/second", 0) == [(1.0, 2.0, 0)]
    store.close()


def test_a_writer_whose_connection_breaks_reconnects_and_keeps_its_backlog(tmp_path):
    store = Store(tmp_path / "c.sqlite3", retention_days=None)
    store.enqueue([Reading("x", 1.0, 1.0)])
    assert store.flush()
    store._writer.conn.close()  # as if the file handle went away under it
    store.enqueue([Reading("x", 2.0, 2.0)])
    assert store.flush(15)
    assert [r[0] for r in store.history("x", 0)] == [1.0, 2.0]
    assert store.health.last_error is None
    store.close()


def test_a_reading_from_the_future_is_refused_and_counted(tmp_path):
    store = Store(tmp_path / "c.sqlite3", retention_days=None)
    hub = Hub(store)
    health = hub.register_source("http", [GAUGE])
    now = time.time()
    accepted = hub.submit([Reading(GAUGE, now - 5, 1.0), Reading(GAUGE, now + 6 * 3600, 9.0),
                           Reading(GAUGE, now - 4, float("nan"))], source="http")
    assert accepted == 1
    assert hub.latest(GAUGE).value == 1.0
    assert health.refused == {"time in the future": 1, "value not a finite number": 1}
    assert "time in the future 1" in health.detail
    assert hub.submit([Reading(GAUGE, now + 120, 2.0)], source="http") == 1  # within the 5 minutes of skew
    store.close()


def test_a_retention_prune_is_logged_with_what_it_removed(tmp_path, caplog):
    import logging
    import sqlite3

    caplog.set_level(logging.INFO)
    store = Store(tmp_path / "r.sqlite3", retention_days=None)
    now = time.time()
    store.enqueue([Reading("x", now - 401 * 86400, 1.0), Reading("x", now - 399 * 86400, 2.0)])
    store.flush()
    store.retention_days = 400
    conn = sqlite3.connect(store.path)
    assert store._prune(conn, now) == 1
    conn.close()
    assert [r[1] for r in store.history("x", 0)] == [2.0]
    assert any("retention 400 days: pruned 1 readings" in r.getMessage() for r in caplog.records)
    store.close()


def test_a_read_only_file_is_not_the_only_place_to_run(tmp_path):
    from console.store.cache_file import open_store

    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "c.sqlite3").write_bytes(b"")
    os.chmod(folder, 0o555)
    try:
        if os.access(folder, os.W_OK) and os.geteuid() == 0:
            # root writes anywhere: make it read-only for real with a read-only bind mount
            done = subprocess.run(["mount", "--bind", "-o", "ro", str(folder), str(folder)], capture_output=True)
            if done.returncode != 0:
                pytest.skip("cannot make a read-only folder here")
            subprocess.run(["mount", "-o", "remount,ro,bind", str(folder)], check=False)
        store, notices = open_store(folder / "c.sqlite3", lambda p: Store(p, retention_days=None))
        try:
            assert notices and "缓存不可写" in notices[0] and "临时缓存" in notices[0]
            store.enqueue([Reading("x", 1.0, 1.0)])
            assert store.flush() and store.history("x", 0) == [(1.0, 1.0, 0)]
            assert Path(store.path).parent != folder
        finally:
            store.close()
    finally:
        subprocess.run(["umount", str(folder)], capture_output=True)
        os.chmod(folder, 0o755)
