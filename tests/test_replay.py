"""Replay: a recorded period comes back in order, on a scaled clock, into a separate cache;
the recording is never touched and the wall says it is a replay, and of when."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo
import hashlib
import random
import time
from pathlib import Path

import pytest

from console.model import Entity, Reading, StreamSpec
from console.app.runtime import Runtime, RuntimeOptions
from console.sources.replay_source import ReplayError, parse_time, replay_period
from console.clock import Clock
from console.store.store import Store

T0 = datetime(2026, 7, 21, 14, 0, tzinfo=ZoneInfo("Asia/Shanghai")).timestamp()  # the city's time, on any PC
STREAMS = ("flood/gauge/MH-07/level", "flood/rain/R1/intensity")


def _record(path: Path, seconds: int = 300, step: int = 10) -> list[Reading]:
    store = Store(path, retention_days=None)
    store.save_entities([
        Entity("MH-07", "gauge", "弥河7号站", 36.8, 118.7, {"warning_level": 3.0},
               (StreamSpec(STREAMS[0], "水位", "m", 60.0),)),
        Entity("R1", "rain_station", "雨量1号站", 36.9, 118.8, {}, (StreamSpec(STREAMS[1], "雨强", "mm/h", 300.0),)),
    ])
    readings = [Reading(sid, T0 + k, round(2.0 + k / 1000 + i, 3), k % 3 == 0 and 1 or 0)
                for k in range(0, seconds + 1, step) for i, sid in enumerate(STREAMS)]
    shuffled = readings[:]
    random.Random(4).shuffle(shuffled)  # written out of order: the replay must sort by time
    for i in range(0, len(shuffled), 7):
        store.enqueue(shuffled[i:i + 7])
    store.flush()
    store.close()
    return sorted(readings, key=lambda r: (r.ts, STREAMS.index(r.stream)))


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(path.parent.glob(path.name + "*")):
        h.update(p.name.encode() + p.read_bytes())
    return h.hexdigest()


def _replay(tmp_path, rec, speed, **period):
    rt = Runtime(RuntimeOptions(cache_dir=tmp_path / "cache", replay=rec, speed=speed, **period))
    calls = []
    submit = rt.hub.submit

    def spy(readings, source=None, on_durable=None):
        calls.append((rt.clock.now(), list(readings)))
        submit(readings, source, on_durable)

    rt.hub.submit = spy
    return rt, calls


def test_a_replay_reproduces_the_recording_in_order_with_time_scaled(tmp_path):
    rec = tmp_path / "flood-day.sqlite3"
    recorded = _record(rec)
    before = _digest(rec)
    speed = 100.0
    rt, calls = _replay(tmp_path, rec, speed)
    try:
        assert rt.replay_period.start == T0 and rt.replay_period.end == T0 + 300
        wall0 = time.monotonic()
        rt.start()
        assert abs(rt.clock.now() - T0) < speed * 0.1  # the console's clock starts at the period
        src = rt.sources[0]
        assert src.finished.wait(15)
        real = time.monotonic() - wall0
        assert 300 / speed - 0.2 < real < 300 / speed + 1.5
        got = [r for _, batch in calls for r in batch]
        assert [(r.stream, r.ts) for r in got] == [(r.stream, r.ts) for r in recorded]
        assert [(r.value, r.quality) for r in got] == [(r.value, r.quality) for r in recorded]
        for now, batch in calls:
            assert max(r.ts for r in batch) <= now  # never ahead of the replay clock
            assert now - min(r.ts for r in batch) < speed * 0.5  # nor far behind it
        assert len(calls) > 5  # trickled out with time, not dumped at once
        # the entities came from the recording, the data went into a separate cache
        assert {"MH-07", "R1"} <= set(rt.hub.entities)
        rt.store.flush()
        assert rt.cache_path.name == "replay-shouguang.sqlite3" and rt.cache_path != rec
        assert [(ts, v) for ts, v, _ in rt.store.history(STREAMS[0], T0)] == [(r.ts, r.value) for r in recorded if r.stream == STREAMS[0]]
    finally:
        rt.stop()
    assert _digest(rec) == before  # the recording is untouched


def test_a_period_plays_only_that_period_and_starts_the_clock_there(tmp_path):
    rec = tmp_path / "rec.sqlite3"
    recorded = _record(rec)
    rt, calls = _replay(tmp_path, rec, 200.0, replay_from=T0 + 100, replay_to=T0 + 200)
    try:
        rt.start()
        assert abs(rt.clock.now() - (T0 + 100)) < 200 * 0.1
        assert rt.sources[0].finished.wait(10)
        got = [r for _, b in calls for r in b]
        assert got == [r for r in recorded if T0 + 100 <= r.ts <= T0 + 200]
    finally:
        rt.stop()


def test_bad_replays_are_refused_clearly(tmp_path):
    with pytest.raises(ReplayError, match="no such recording"):
        replay_period(tmp_path / "nope.sqlite3")
    (tmp_path / "x.sqlite3").write_bytes(b"not sqlite at all" * 100)
    with pytest.raises(ReplayError, match="not a city-console cache"):
        replay_period(tmp_path / "x.sqlite3")
    with pytest.raises(ReplayError, match="not a time"):
        parse_time("yesterday")
    assert parse_time("2026-07-21T14:00") == T0


def test_the_wall_marks_a_replay_and_its_period(qtbot, tmp_path):
    from tests.gui_helpers import running_console

    rec = tmp_path / "rec.sqlite3"
    _record(rec, seconds=4 * 3600, step=600)
    with running_console(qtbot, tmp_path / "c", replay=rec, speed=1000) as (rt, window, ctx):
        assert window.replay_label.text() == "回放 2026-07-21 14:00–18:00"
        assert window.replay_label.isVisible()
        qtbot.waitUntil(lambda: window.clock_label.text().startswith("2026-07-21 1"), timeout=5000)


def test_a_long_recording_with_gaps_comes_back_whole_and_in_order_window_by_window(tmp_path, monkeypatch):
    """The cache has no timestamp index: the replay reads windows of time stream by stream.
    A recording with a dense hour, a quiet day and readings at the period's edges comes back
    whole, each once, in (ts, stream) order."""
    from console.hub.hub import Hub
    from console.sources import replay_source
    from console.sources.replay_source import ReplayPeriod, ReplaySource

    monkeypatch.setattr(replay_source, "_CHUNK", 50)  # many windows, each resized from the last
    rec = tmp_path / "long.sqlite3"
    store = Store(rec, retention_days=None)
    dense = [Reading(f"s/{i}", T0 + k, float(k)) for k in range(0, 3600, 5) for i in range(3)]
    sparse = [Reading("s/1", T0 + 3600 + 86400 + 0.25, 1.0), Reading("s/0", T0 + 2 * 86400, 2.0)]
    store.enqueue(dense + sparse)
    assert store.flush()
    store.close()
    period = ReplayPeriod(T0, T0 + 2 * 86400)
    hub_store = Store(tmp_path / "hub.sqlite3", retention_days=None)
    try:
        src = ReplaySource(rec, period, Hub(hub_store), Clock())
        chunks = list(src.chunks())
    finally:
        hub_store.close()
    got = [(r.ts, r.stream) for c in chunks for r in c]
    want = sorted((r.ts, r.stream) for r in dense + sparse)
    assert got == want
    assert len(chunks) > 10 and max(map(len, chunks)) < 50 * 8
