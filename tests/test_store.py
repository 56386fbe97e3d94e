import sqlite3
import threading

from console.model import Entity, Reading, StreamSpec
from console.store.store import Store


def test_readings_round_trip_and_latest(store):
    store.enqueue([Reading("a/x", 1.0, 1.5), Reading("a/x", 2.0, 2.5), Reading("b/y", 1.0, 9.0, 2)])
    assert store.flush()
    assert store.history("a/x", 0) == [(1.0, 1.5, 0), (2.0, 2.5, 0)]
    assert sorted(store.latest_all()) == [Reading("a/x", 2.0, 2.5, 0), Reading("b/y", 1.0, 9.0, 2)]
    stats = store.stats()
    assert stats["streams"] == 2 and stats["readings"] == 3
    assert stats["first_ts"] == 1.0 and stats["last_ts"] == 2.0 and stats["file_size_bytes"] > 0


def test_same_stream_and_time_is_not_duplicated(store):
    store.enqueue([Reading("a/x", 1.0, 1.0)])
    store.enqueue([Reading("a/x", 1.0, 1.25)])
    store.flush()
    assert store.history("a/x", 0) == [(1.0, 1.25, 0)]


def test_on_committed_sees_every_batch_after_it_is_durable(tmp_path):
    seen = []
    path = tmp_path / "c.sqlite3"

    def committed(batch):
        # durable means another connection can read it already
        conn = sqlite3.connect(path)
        n = conn.execute("SELECT count(*) FROM readings").fetchone()[0]
        conn.close()
        seen.append((len(batch), n))

    s = Store(path, on_committed=committed, retention_days=None)
    s.enqueue([Reading("s", float(i), 0.0) for i in range(10)])
    s.flush()
    s.close()
    assert seen and sum(b for b, _ in seen) == 10 and seen[-1][1] == 10


def test_full_cache_keeps_readings_in_memory_until_there_is_room(tmp_path):
    """A write that fails because the file is full loses nothing: the batch waits and is written later."""
    errors = []
    s = Store(tmp_path / "full.sqlite3", on_error=errors.append, max_size_mb=0.07, retention_days=None)
    rows = [Reading(f"s/{i % 50}", float(i), float(i)) for i in range(20000)]
    s.enqueue(rows)
    assert not s.flush(timeout=1.5)  # cannot be written: too big for the bound, nothing older to drop
    assert errors and "full" in errors[-1]
    assert s.health.pending_rows == len(rows)
    s.set_max_size(None)  # the operator frees space
    assert s.flush(timeout=10)
    assert s.stats()["readings"] == len(rows)
    assert s.health.last_error is None
    s.close()


def test_size_bound_drops_oldest_readings_first(tmp_path):
    s = Store(tmp_path / "bound.sqlite3", max_size_mb=0.5, retention_days=None)
    # 60,000 readings: about 1 MB keyed (stream, ts) alone (30,000 fitted in 0.5 MB once the timestamp index went)
    for k in range(30):
        s.enqueue([Reading(f"s/{i}", float(k * 1000 + j), 1.0) for i in range(20) for j in range(100)])
        s.flush(10)
    stats = s.stats()
    s.close()
    assert stats["last_ts"] == 29 * 1000 + 99  # the newest is always there
    assert stats["first_ts"] > 0  # the oldest went
    assert stats["readings"] < 30 * 2000
    assert (tmp_path / "bound.sqlite3").stat().st_size <= 0.5e6 + 8192


def test_concurrent_enqueue_from_threads_loses_nothing(store):
    def worker(k):
        for j in range(50):
            store.enqueue([Reading(f"t{k}/s{i}", float(j), float(j)) for i in range(20)])

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert store.flush(30)
    assert store.stats()["readings"] == 8 * 50 * 20


def test_entities_persist(tmp_path):
    s = Store(tmp_path / "e.sqlite3")
    e = Entity("G1", "gauge", "一号站", 36.8, 118.7, {"warning_level": 3.2}, (StreamSpec("flood/gauge/G1/level", "lvl", "m", 60),))
    s.save_entities([e])
    s.close()
    s = Store(tmp_path / "e.sqlite3")
    assert s.load_entities() == [e]
    s.close()


def test_retention_prunes_old_readings(tmp_path):
    import time

    s = Store(tmp_path / "r.sqlite3", retention_days=1)
    now = time.time()
    s.enqueue([Reading("x", now - 3 * 86400, 1.0), Reading("x", now - 10, 2.0)])
    s.flush()
    s._queue.put(lambda: None)
    import sqlite3 as sq

    conn = sq.connect(s.path)
    s._prune(conn, now)
    conn.close()
    assert [r[0] for r in s.history("x", 0)] == [now - 10]
    s.close()


def test_retention_counts_from_the_data_clock_when_it_runs_ahead_of_the_wall(tmp_path):
    """A demo at speed 600 stamps readings days ahead of the wall clock: its retention follows
    the simulated clock (by the wall clock nothing would ever be old enough)."""
    import time

    path = tmp_path / "demo.sqlite3"
    sim_now = time.time() + 30 * 86400  # a month of demo time ahead of the wall
    s = Store(path, retention_days=None)
    s.enqueue([Reading("x", sim_now - 3 * 86400, 1.0), Reading("y", sim_now - 2 * 86400, 1.0),
               Reading("x", sim_now - 10, 2.0), Reading("y", sim_now - 10, 2.0)])
    assert s.flush()
    s.close()

    s = Store(path, retention_days=1, clock=lambda: sim_now)
    assert s.retention_now() == sim_now
    # the writer's first pass prunes: wait for it (no time is asserted)
    deadline = time.monotonic() + 30
    while len(s.history("x", 0)) > 1 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [r[0] for r in s.history("x", 0)] == [sim_now - 10]
    assert [r[0] for r in s.history("y", 0)] == [sim_now - 10]
    s.close()


def test_retention_calls_a_registered_pruner_with_the_cut(tmp_path):
    s = Store(tmp_path / "h.sqlite3", retention_days=2)
    cuts = []
    s.add_retention(lambda cut: cuts.append(cut) or 0)
    s.add_retention(lambda cut: 1 / 0)  # a failing pruner is logged, the others still run
    s.add_retention(lambda cut: cuts.append(cut) or 5)
    s._prune(s._durable, 10 * 86400.0)
    assert cuts == [8 * 86400.0, 8 * 86400.0]
    s.close()


def test_on_durable_is_called_after_commit_only(tmp_path):
    import sqlite3 as sq

    s = Store(tmp_path / "d.sqlite3", retention_days=None, max_size_mb=0.07)
    seen = []

    def durable():
        conn = sq.connect(s.path)
        seen.append(conn.execute("SELECT count(*) FROM readings").fetchone()[0])
        conn.close()

    s.enqueue([Reading("x", float(i), 0.0) for i in range(20000)], on_durable=durable)
    assert not s.flush(timeout=1.0) and seen == []  # not durable: not acknowledged
    s.set_max_size(None)
    assert s.flush(10) and seen == [20000]
    s.close()


def test_a_bounded_stop_closes_the_file_and_only_at_close(tmp_path):
    """``stop_within`` only sets the bound: durable writes still work until ``close``, which
    closes the file for real (its WAL checkpointed into the main file)."""
    from console.model import Reading
    from console.store.store import Store

    path = tmp_path / "c.sqlite3"
    s = Store(path, retention_days=None)
    s.enqueue([Reading(f"s/{i % 5}", float(i), float(i)) for i in range(2000)])
    assert s.flush()
    s.stop_within(5.0)
    s.audit("王工", "alarm.ack", "alarm:1")  # the file is still open
    s.close()
    assert not (tmp_path / "c.sqlite3-wal").exists() or (tmp_path / "c.sqlite3-wal").stat().st_size == 0
    import sqlite3
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM readings").fetchone() == (2000,)
        assert db.execute("SELECT user FROM audit").fetchall() == [("王工",)]


def test_small_batches_overtake_a_large_batchs_rules_but_never_a_streams_own_readings(store):
    """A burst of thousands of readings runs its rules in slices; a live batch that arrives meanwhile
    has its rules run between the slices, unless one of its streams is still to come in the burst."""
    from console.store.store import DISPATCH_SLICE

    big = [Reading(f"b/{i}", 1_000.0, 1.0) for i in range(4 * DISPATCH_SLICE)]
    seen: list[tuple[str, int]] = []

    def rules(batch):
        seen.append((batch[0][0], len(batch)))
        if len(seen) == 1:  # while the burst's first slice runs, two small batches arrive
            store.enqueue([Reading("live/1", 1_000.0, 1.0)])
            store.enqueue([Reading(f"b/{4 * DISPATCH_SLICE - 1}", 1_001.0, 2.0)])  # the burst's last stream

    store.on_accepted = rules
    store.enqueue(big)
    assert store.flush()
    assert seen == [("b/0", DISPATCH_SLICE), ("live/1", 1), (f"b/{DISPATCH_SLICE}", DISPATCH_SLICE),
                    (f"b/{2 * DISPATCH_SLICE}", DISPATCH_SLICE), (f"b/{3 * DISPATCH_SLICE}", DISPATCH_SLICE),
                    (f"b/{4 * DISPATCH_SLICE - 1}", 1)]
    assert store.undispatched() == 0 and store.backlog() == 0


def test_retention_prunes_closed_alarms_and_incidents_but_not_what_is_open_or_the_audit(tmp_path):
    import sqlite3 as sq
    import time

    s = Store(tmp_path / "r.sqlite3", retention_days=1)
    now, old = time.time(), time.time() - 3 * 86400
    alarm = "INSERT INTO alarms (id, state, raised_ts, cleared_ts) VALUES (?, ?, ?, ?)"
    s.durable(alarm, [(1, "closed", old - 60, old), (2, "closed", now - 60, now - 10), (3, "unack", old, None),
                      (4, "acked", old, old)], many=True)
    incident = "INSERT INTO incidents (id, state, opened_ts, closed_ts) VALUES (?, ?, ?, ?)"
    s.durable(incident, [(1, "closed", old - 100, old), (2, "closed", now - 100, now - 50)], many=True)
    s.audit("op", "alarm.ack", "alarm:1", ts=old)
    conn = sq.connect(s.path)
    s._prune(conn, now)
    assert [r[0] for r in conn.execute("SELECT id FROM alarms ORDER BY id")] == [2, 3, 4]
    assert [r[0] for r in conn.execute("SELECT id FROM incidents ORDER BY id")] == [2]
    assert conn.execute("SELECT count(*) FROM audit WHERE ts < ?", (now - 86400,)).fetchone()[0] == 1
    # an open incident from before an old closed alarm may still name it: the alarm is kept
    s.durable(alarm, (5, "closed", old - 30, old))
    s.durable(incident, (3, "dispatched", old - 200, None))
    s._prune(conn, now)
    assert [r[0] for r in conn.execute("SELECT id FROM alarms ORDER BY id")] == [2, 3, 4, 5]
    conn.close()
    s.close()
