import threading
import time

from console.model import Entity, Reading, StreamSpec
from console.freshness import Freshness


def test_submit_from_many_threads_under_load_loses_nothing(hub, store):
    n_threads, batches, per_batch = 8, 200, 50
    t0 = time.time() - 10_000
    start = threading.Barrier(n_threads)

    def source(k):
        start.wait()
        for b in range(batches):
            hub.submit([Reading(f"load/{k}/{i}", t0 + b, float(b)) for i in range(per_batch)])

    threads = [threading.Thread(target=source, args=(k,)) for k in range(n_threads)]
    for t in threads:
        t.start()
    seen = 0
    while any(t.is_alive() for t in threads):  # drain while they submit, as the GUI does
        seen += sum(len(v) for v in hub.take_updates().readings.values())
    for t in threads:
        t.join()
    assert store.flush(60)
    seen += sum(len(v) for v in hub.take_updates().readings.values())
    total = n_threads * batches * per_batch
    assert seen == total
    assert store.stats()["readings"] == total
    assert hub.latest("load/3/7") == Reading("load/3/7", t0 + batches - 1, float(batches - 1), 0)


def test_submit_does_not_block_on_a_slow_store(hub, store):
    store.call_soon(lambda: time.sleep(0.5))  # the writer is busy
    began = time.perf_counter()
    for i in range(100):
        hub.submit([Reading("s", float(i), 0.0)])
    assert time.perf_counter() - began < 0.1
    assert store.flush(10)


def test_updates_are_coalesced_per_drain(hub, store):
    now = time.time()
    for i in range(5):
        hub.submit([Reading("a", now + i, float(i))])
    store.flush()
    up = hub.take_updates()
    assert [r.value for r in up.readings["a"]] == [0, 1, 2, 3, 4]
    assert not hub.take_updates()  # nothing new: an empty update


def test_freshness_follows_expected_interval_and_source(hub, store):
    hub.add_entities([Entity("E", "k", "e", streams=(StreamSpec("e/v", "v", "", 10.0),))])
    hub.register_source("sim", ["e/v"]).live = True
    now = time.time()
    hub.submit([Reading("e/v", now - 5, 1.0)])
    store.flush()
    assert hub.freshness("e/v", now)[0] == Freshness.FRESH
    assert hub.freshness("e/v", now + 15)[0] == Freshness.LATE
    assert hub.freshness("e/v", now + 60)[0] == Freshness.STALE
    assert hub.freshness("e/v", now + 1000)[0] == Freshness.OFFLINE
    hub.sources["sim"].live = False
    assert hub.freshness("e/v", now)[0] == Freshness.STALE  # last known, not current
    assert hub.freshness("nothing")[0] == Freshness.OFFLINE


def test_seed_from_cache_restores_entities_and_last_values(tmp_path):
    from console.hub.hub import Hub
    from console.store.store import Store

    s = Store(tmp_path / "c.sqlite3", retention_days=None)
    h = Hub(s)
    h.add_entities([Entity("E", "gauge", "站", 36.8, 118.8, {"warning_level": 2.0}, (StreamSpec("g/E/level", "lvl", "m", 60),))])
    h.submit([Reading("g/E/level", 100.0, 1.0), Reading("g/E/level", 160.0, 1.5)])
    s.flush()
    s.close()
    s2 = Store(tmp_path / "c.sqlite3", retention_days=None)
    h2 = Hub(s2)
    assert h2.seed_from_cache() == 1
    assert h2.latest("g/E/level").value == 1.5
    assert h2.entity_of("g/E/level").attrs["warning_level"] == 2.0
    s2.close()


def test_entities_and_health_change_under_the_lock_while_the_gui_reads(hub, store):
    """Source threads add entities and set health while the GUI side iterates snapshots:
    no reader ever sees a dict change under it, and every change reaches the events."""
    n_threads, per_thread = 6, 300
    start = threading.Barrier(n_threads + 1)
    errors: list[BaseException] = []

    def source(k):
        health = hub.register_source(f"src{k}")
        start.wait()
        for i in range(per_thread):
            hub.add_entities([Entity(f"E{k}-{i}", "k", f"e{i}", streams=(StreamSpec(f"e/{k}/{i}", "v", "", 10.0),))],
                             persist=False)
            health.detail = f"{i} entities"
            health.live = i % 2 == 0

    threads = [threading.Thread(target=source, args=(k,)) for k in range(n_threads)]
    for t in threads:
        t.start()
    start.wait()
    added: set[str] = set()
    health_events: set[str] = set()
    while any(t.is_alive() for t in threads):
        try:
            sum(1 for e in hub.entities.values() if e.kind == "k")  # what a tile used to do each second
            for h in hub.health_snapshot().values():
                assert h.name.startswith("src")
        except RuntimeError as exc:  # "dictionary changed size during iteration"
            errors.append(exc)
        up = hub.take_updates()
        added.update(up.entities.added)
        health_events |= up.health_changed
    for t in threads:
        t.join()
    up = hub.take_updates()
    added.update(up.entities.added)
    health_events |= up.health_changed
    assert not errors
    assert len(hub.entities) == len(added) == n_threads * per_thread
    assert health_events == {f"src{k}" for k in range(n_threads)}
    assert {h.detail for h in hub.health_snapshot().values()} == {f"{per_thread - 1} entities"}


def test_entity_events_say_added_then_changed(hub, store):
    e = Entity("G1", "gauge", "one")
    hub.add_entities([e], persist=False)
    assert hub.take_updates().entities.added == ("G1",)
    hub.add_entities([e], persist=False)  # the same again is no event
    assert not hub.take_updates()
    hub.add_entities([Entity("G1", "gauge", "renamed")], persist=False)
    up = hub.take_updates()
    assert up.entities.changed == ("G1",) and up.entities.added == ()
    assert hub.entities["G1"].name == "renamed"


def test_hub_signals_deliver_entity_health_alarm_events_and_let_go(qtbot, hub, store):
    from console.gui.hub_signals import HubSignals

    signals = HubSignals(hub)
    owner = object()
    heard: dict[str, list] = {"entities": [], "health": [], "alarms": []}
    for event in heard:
        signals.listen(owner, event, heard[event].append)
    hub.add_entities([Entity("G2", "gauge", "two")], persist=False)
    hub.register_source("sim").live = True
    hub.mark_alarms_changed(7)
    signals.drain()
    assert heard["entities"][0].added == ("G2",)
    assert heard["health"] == [frozenset({"sim"})]
    assert heard["alarms"] == [frozenset({7})]
    assert signals.subscriber_count() == 1
    signals.unsubscribe(owner)
    assert signals.subscriber_count() == 0
    hub.add_entities([Entity("G3", "gauge", "three")], persist=False)
    signals.drain()
    assert len(heard["entities"]) == 1  # nothing after the owner let go


def test_entities_of_a_kind_are_worked_out_once_per_change_of_the_entities(hub):
    from console.model import Entity

    hub.add_entities([Entity("W2", "weather", "二号站"), Entity("G1", "gauge", "一号站"), Entity("W1", "weather", "一号站")],
                     persist=False)
    first = hub.entities_of_kind("weather")
    assert [e.id for e in first] == ["W1", "W2"]
    assert hub.entities_of_kind("weather") is first  # asked every second: not a scan each time
    hub.add_entities([Entity("W0", "weather", "零号站")], persist=False)
    assert [e.id for e in hub.entities_of_kind("weather")] == ["W0", "W1", "W2"]
