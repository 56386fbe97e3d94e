"""Operator feedback under load: from an acknowledgement (the alarm list's Acknowledge) to the
list showing it acknowledged, and to its row durable on disk (synchronous=FULL, audited),
with the cache's queues full of readings (the demo's back-fill: both the rules and the
writer behind) against the same with an idle writer (the baseline).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.ack_load import build, flood  # noqa: E402
from tests.bench.results import emit, result, spread  # noqa: E402

REPS = 3
QUEUED = 400_000  # readings queued before each ack under load (~13 min of the demo at x60)
SHOWN_WITHIN_S = 60.0  # an ack not shown by then is a failure, not a bench that never ends


def measure(folder: Path, loaded: bool) -> tuple[list[float], list[float], list[float], list[int]]:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from console.audit.auth import Session
    from console.gui.history_loader import HistoryLoader
    from console.gui.hub_signals import HubSignals
    from console.layouts.layout import TileSpec
    from widgets.alarm_list_tile import STATE_TEXT, AlarmListTile

    ACKED = QCoreApplication.translate("AlarmList", STATE_TEXT["acked"])  # what the list says, as it says it
    from widgets.tile import TileContext

    app = QApplication.instance() or QApplication([])
    store, hub, engine, _ = build(folder / ("loaded.sqlite3" if loaded else "idle.sqlite3"), alarms=REPS + 1)
    store.max_backlog_rows = 10 * QUEUED * REPS  # held, never dropped, for the measurement
    session = Session()
    session.login_auto("王工", "operator")
    signals = HubSignals(hub)
    signals.start()
    ctx = TileContext(hub, signals, HistoryLoader(store), engine, session=session)
    tile = AlarmListTile(ctx, TileSpec("alarms", 0, 0, options={"group_by": "none"}))
    tile.resize(900, 500)
    tile.show()
    signals.drain()
    shown, durable, began, queued = [], [], [], []
    try:
        for _ in range(REPS + 1):
            if loaded:
                flood(hub, QUEUED)
            queued.append(store.undispatched())
            row = next(r for r in range(tile.table.rowCount()) if tile.table.item(r, 3).text() != ACKED)
            (alarm_id,) = tile.table.item(row, 0).data(256)  # Qt.UserRole: the row's alarm ids
            tile.table.clearSelection()
            tile.table.selectRow(row)
            done = threading.Event()
            stamp: list[float] = []
            original, run = engine.ack, engine._ack
            started: list[float] = []

            def ack(aid, who, on_durable=None, _orig=original):
                _orig(aid, who, on_durable=lambda: (stamp.append(time.perf_counter()), done.set()))

            def run_ack(*args, _run=run):  # on the event thread: when the action began to run
                started.append(time.perf_counter())
                _run(*args)

            engine.ack, engine._ack = ack, run_ack
            t0 = time.perf_counter()
            tile.acknowledge_selected()
            while not any(tile.table.item(r, 3).text() == ACKED and alarm_id in tile.table.item(r, 0).data(256)
                          for r in range(tile.table.rowCount())):
                if time.perf_counter() - t0 > SHOWN_WITHIN_S:
                    raise RuntimeError(f"the ack of {alarm_id} was not shown within {SHOWN_WITHIN_S:g} s")
                app.processEvents()
            shown.append(time.perf_counter() - t0)
            engine.ack = original
            assert done.wait(300), "the ack never became durable"
            engine._ack = run
            durable.append(stamp[0] - t0)
            began.append(started[0] - t0)
            state = store.query("SELECT state FROM alarms WHERE id = ?", (alarm_id,))[0][0]
            assert state == "acked", state
    finally:
        tile.teardown()
        ctx.history.shutdown()
        signals.stop()
        store.close()
    return shown[1:], durable[1:], began[1:], queued[1:]  # the first is the warm-up (fonts, layout)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        idle = measure(Path(tmp), loaded=False)
        load = measure(Path(tmp), loaded=True)
    med = statistics.median
    ms = lambda xs: [x * 1000 for x in xs]  # noqa: E731
    res = result(
        "ack",
        figures={"shown_loaded_ms": spread(ms(load[0]), 1), "durable_loaded_ms": spread(ms(load[1]), 1),
                 "running_after_loaded_ms": spread(ms(load[2]), 1),
                 "shown_vs_idle": round(med(load[0]) / med(idle[0]), 2)},
        baseline={"shown_idle_ms": spread(ms(idle[0]), 1), "durable_idle_ms": spread(ms(idle[1]), 1)},
        targets={"shown_loaded_ms": ("<=", 200.0)},
        queued_readings=QUEUED,
    )
    emit(res, [
        f"ack: min/median of {REPS} acks from the alarm list; idle writer: shown {min(idle[0]) * 1000:.1f}/{med(idle[0]) * 1000:.1f} ms,"
        f" durable {med(idle[1]) * 1000:.1f} ms",
        f"ack:   under load ({QUEUED:,} readings queued before each ack, {med(load[3]):.0f} batches still before the rules):"
        f" shown {min(load[0]) * 1000:.1f}/{med(load[0]) * 1000:.1f} ms = {med(load[0]) / med(idle[0]):.1f}x idle (target < 200 ms),"
        f" running after {med(load[2]) * 1000:.0f} ms, durable {med(load[1]) * 1000:.0f} ms = {med(load[1]) / med(idle[1]):.1f}x idle",
    ])


if __name__ == "__main__":
    main()
