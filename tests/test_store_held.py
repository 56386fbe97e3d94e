"""``Store.held()``: while the GUI takes one picture and its state dump, the event thread runs no
rules, so both show the same alarms (the status bar said 50 while the dump, a moment later,
said 51). Real Store on a real SQLite file."""

from __future__ import annotations

import threading
import time

from console.model import Reading
from console.store.store import Store


def test_no_rules_run_while_held_and_they_run_after(tmp_path):
    store = Store(tmp_path / "cache.sqlite3", retention_days=None)
    seen: list[int] = []
    arrived = threading.Event()

    def rules(batch):
        seen.append(len(batch))
        arrived.set()

    store.on_accepted = rules
    try:
        with store.held() as held:
            assert held
            store.enqueue([Reading("flood.g1.level", time.time(), 1.0, 0)])
            assert not arrived.wait(0.6), "a batch's rules ran while the event thread was held"
        assert arrived.wait(5), "the batch's rules did not run once released"
        assert seen == [1]
    finally:
        store.close()


def test_a_closed_store_is_not_waited_for_long(tmp_path):
    store = Store(tmp_path / "cache.sqlite3", retention_days=None)
    store.close()
    t0 = time.monotonic()
    with store.held(timeout=0.3) as held:
        assert not held
    assert time.monotonic() - t0 < 2
