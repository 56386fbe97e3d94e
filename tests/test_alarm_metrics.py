"""Alarm-load figures on a scripted alarm history, and the tile that shows them."""

from __future__ import annotations

import pytest

from console.alarms import metrics
from console.alarms.metrics import AlarmRecord, compute_load
from console.store.store import Store

T0 = 1_800_000_000.0
H = 3600.0


def rec(rule: str, stream: str, ts: float, state: str = "closed", sev: int = 3) -> AlarmRecord:
    return AlarmRecord(rule, stream, sev, state, ts, f"{stream} {rule}")


def scripted_day() -> list[AlarmRecord]:
    """A day: a quiet morning, a storm at noon (30 alarms in 5 minutes), a chattering
    sensor, and two alarms standing since the day before."""
    out = [rec("warn", f"g/G{i}/level", T0 + 2 * H + i * 900) for i in range(8)]  # one per 15 min
    out += [rec("guar", f"g/S{i}/level", T0 + 12 * H + i * 10, "unack", 4) for i in range(30)]  # the storm
    out += [rec("stale", "g/CH/level", T0 + 18 * H + k * 20) for k in range(5)]  # 5 raises in 80 s
    out += [rec("warn", "g/OLD1/level", T0 - 2 * H, "acked"), rec("warn", "g/OLD2/level", T0 - 30 * H, "unack")]
    return out


def test_figures_of_a_scripted_day():
    load = compute_load(scripted_day(), T0, T0 + 24 * H)
    assert load.total == 8 + 30 + 5  # the two standing ones were raised before the period
    assert len(load.per_window) == 144 and sum(load.per_window) == 43
    assert load.peak_per_window == 30
    # in flood from the 11th storm alarm (T0+12h+100 s) until 10 min after the 20th (T0+12h+190 s+600 s)
    assert load.flood_s == pytest.approx(690)
    assert [r.stream for r in load.standing] == ["g/OLD2/level", "g/OLD1/level"]  # 54 h and 26 h, oldest first
    assert [(o.stream, o.count) for o in load.chattering] == [("g/CH/level", 5)]
    assert load.top[0] == metrics.Offender("stale", "g/CH/level", 5, "g/CH/level stale")
    assert len(load.top) == 10


def test_standing_is_open_and_older_than_a_day():
    now = T0 + 24 * H
    rs = [rec("a", "s1", now - 25 * H, "acked"), rec("a", "s2", now - 23 * H, "unack"), rec("a", "s3", now - 40 * H, "closed")]
    assert [r.stream for r in metrics.standing(rs, now)] == ["s1"]


def test_chattering_needs_three_raises_within_a_minute():
    assert metrics.chattering([rec("a", "s", T0 + t) for t in (0, 30, 61)]) == []
    assert [o.count for o in metrics.chattering([rec("a", "s", T0 + t) for t in (0, 30, 60)])] == [3]


def test_flood_is_more_than_ten_in_ten_minutes():
    times = [T0 + i for i in range(10)]
    assert not metrics.is_flood(times, T0 + 20)
    assert metrics.is_flood(times + [T0 + 599], T0 + 599)
    assert not metrics.is_flood(times + [T0 + 599], T0 + 600.5)
    assert metrics.time_in_flood(times, T0, T0 + H) == 0


def test_figures_come_from_the_alarms_table(tmp_path):
    store = Store(tmp_path / "c.sqlite3", retention_days=None)
    try:
        rows = [(r.rule, r.stream, r.severity, r.state, r.raised_ts, r.message) for r in scripted_day()]
        rows.append(("warn", "g/SUP/level", 3, "suppressed", T0 + 5 * H, "suppressed by design"))
        store.durable("INSERT INTO alarms (rule, stream, severity, state, raised_ts, message) VALUES (?, ?, ?, ?, ?, ?)", rows, many=True)
        load = metrics.alarm_load(store, T0 + 24 * H, 24 * H)
        assert load.total == 43 and load.flood_s == pytest.approx(690)  # the suppressed one is no load
    finally:
        store.close()


def test_the_load_tile_shows_the_figures_computed_off_the_gui_thread(qtbot, tmp_path):
    from console.alarms.engine import AlarmEngine
    from tests.test_alarm_states import FakeClock
    from console.gui.history_loader import HistoryLoader
    from console.gui.hub_signals import HubSignals
    from console.hub.hub import Hub
    from console.layouts.layout import TileSpec
    from widgets.alarm_load_tile import AlarmLoadTile
    from widgets.tile import TileContext

    store = Store(tmp_path / "c.sqlite3", retention_days=None)
    rows = [(r.rule, r.stream, r.severity, r.state, r.raised_ts, r.message) for r in scripted_day()]
    store.durable("INSERT INTO alarms (rule, stream, severity, state, raised_ts, message) VALUES (?, ?, ?, ?, ?, ?)", rows, many=True)
    hub = Hub(store, FakeClock(T0 + 24 * H))
    signals = HubSignals(hub)
    ctx = TileContext(hub, signals, HistoryLoader(store), AlarmEngine(hub, []))
    tile = AlarmLoadTile(ctx, TileSpec("alarm_load", 0, 0, options={"period_h": 24}))
    qtbot.addWidget(tile)
    tile.resize(700, 500)
    try:
        qtbot.waitUntil(lambda: tile.load is not None, timeout=5000)  # computed on a worker, shown here
        assert tile.figure_labels["standing"].text() == "2"
        assert tile.figure_labels["chatter"].text() == "1"
        assert "峰值 30" in tile.figure_labels["rate"].text()  # zh, the default
        assert tile.top_table.rowCount() == 10 and tile.top_table.item(0, 0).text() == "5"
        assert "振荡" in tile.top_table.item(0, 1).text()
        tile.grab()
    finally:
        tile.teardown()
        ctx.history.shutdown()
        store.close()
