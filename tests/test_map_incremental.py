"""The map is incremental end to end: a drain's readings re-read only their markers, the
second's tick only the markers whose data is due to age, and the page gets only what changed.

The core part (MarkerStates' due times) needs no Qt; the tile part runs the real MapTile in
a real web engine (offscreen: the page's JavaScript runs) over a real hub with 10,000 markers.
"""

from __future__ import annotations

import json
import random

import pytest

from console.gui.app import _prepare_environment

_prepare_environment()  # --no-sandbox as root, before the web engine starts

import widgets._map_scheme  # noqa: E402,F401  (registers cmap:// before the QApplication exists)

import layers.marker_state as marker_state_module  # noqa: E402
from console.clock import Clock  # noqa: E402
from console.freshness import OFFLINE_AFTER, STALE_AFTER  # noqa: E402
from console.gui.history_loader import HistoryLoader  # noqa: E402
from console.gui.hub_signals import HubSignals  # noqa: E402
from console.hub.hub import Hub  # noqa: E402
from console.layouts.layout import TileSpec  # noqa: E402
from console.model import Entity, Reading, StreamSpec  # noqa: E402
from console.store.store import Store  # noqa: E402
from layers.marker_state import ALARM, OFFLINE, OK, STALE, MarkerStates  # noqa: E402
from widgets.map_tile import MapTile  # noqa: E402
from widgets.tile import TileContext  # noqa: E402

N = 10_000
INTERVAL = 60.0
T0 = 1_800_000_000.0  # a fixed simulated instant: nothing here reads the wall clock


class StepClock(Clock):
    """A clock the test moves by hand."""

    def __init__(self, t: float) -> None:
        self.t = t

    def now(self) -> float:
        return self.t


def sensors(n: int) -> list[Entity]:
    rnd = random.Random(3)
    return [
        Entity(f"S{i:05d}", "sensor", f"sensor {i}", round(rnd.uniform(36.7, 37.1), 5), round(rnd.uniform(118.6, 119.0), 5),
               {"alarm": 5.0}, (StreamSpec(f"city/sensor/S{i:05d}/level", "level", "m", INTERVAL),))
        for i in range(n)
    ]


def make_hub(store, n: int, clock: StepClock) -> Hub:
    hub = Hub(store, clock=clock)
    ents = sensors(n)
    hub.add_entities(ents, persist=False)
    hub.register_source("city", [e.streams[0].id for e in ents]).live = True
    hub.submit([Reading(e.streams[0].id, clock.t, 1.0) for e in ents], source="city")
    return hub


def test_markers_are_due_when_their_data_ages_and_not_before(tmp_path):
    clock = StepClock(T0)
    store = Store(tmp_path / "cache.sqlite3")
    hub = make_hub(store, 3, clock)
    ents = list(hub.entities.values())
    states = MarkerStates()
    assert [b[1] for b in states.changes(hub, ents, T0)] == [OK, OK, OK]
    assert states.due(T0 + STALE_AFTER * INTERVAL - 1) == []  # nothing ages before three missed reports
    due = states.due(T0 + STALE_AFTER * INTERVAL + 1)
    assert sorted(due) == sorted(e.id for e in ents)
    assert states.due(T0 + STALE_AFTER * INTERVAL + 1) == []  # each once
    batch = states.changes(hub, [hub.entities[i] for i in due], T0 + STALE_AFTER * INTERVAL + 1)
    assert {b[1] for b in batch} == {STALE}
    # the next crossing is offline, scheduled by changes()
    assert len(states.due(T0 + OFFLINE_AFTER * INTERVAL + 1)) == 3
    # a new reading moves a marker's due time: the old one is skipped
    clock.t = T0 + OFFLINE_AFTER * INTERVAL + 2
    states.changes(hub, ents, clock.t)
    hub.submit([Reading(ents[0].streams[0].id, clock.t, 1.0)], source="city")
    states.changes(hub, ents[:1], clock.t)
    assert states.sent[ents[1].id].state == OFFLINE and states.sent[ents[0].id].state == OK
    assert states.due(clock.t + INTERVAL) == []
    assert states.due(clock.t + STALE_AFTER * INTERVAL + 1) == [ents[0].id]
    store.close()


@pytest.fixture
def big(tmp_path, qtbot):
    clock = StepClock(T0)
    store = Store(tmp_path / "cache.sqlite3")
    hub = make_hub(store, N, clock)
    signals = HubSignals(hub)  # drained by hand: the test decides what each drain holds
    history = HistoryLoader(store)
    hub.take_updates()
    yield clock, TileContext(hub, signals, history, city="shouguang")
    history.shutdown()
    store.close()


def js(qtbot, tile: MapTile, script: str):
    box: dict = {}
    tile.page.runJavaScript(f"JSON.stringify({script})", 0, lambda r: box.setdefault("r", r))
    qtbot.waitUntil(lambda: "r" in box, timeout=10000)
    return None if box["r"] in (None, "undefined") else json.loads(box["r"])


def test_a_ten_change_update_among_ten_thousand_sends_ten(qtbot, big, monkeypatch):
    clock, ctx = big
    tile = open_tile(qtbot, ctx)
    assert js(qtbot, tile, "cc.stats().markers") == N

    sent: list[list] = []
    real_run_js = tile.run_js

    def recording_run_js(script, callback=None):
        if script.startswith("cc.update("):
            sent.extend(json.loads(script.removeprefix("cc.update(").removesuffix(")")))
        real_run_js(script, callback)

    monkeypatch.setattr(tile, "run_js", recording_run_js)
    read = []
    real_state = marker_state_module.marker_state
    monkeypatch.setattr(marker_state_module, "marker_state", lambda hub, e, *a, **k: (read.append(e.id), real_state(hub, e, *a, **k))[1])

    changed = [f"S{i:05d}" for i in range(0, N, N // 10)]
    clock.t = T0 + 5
    ctx.hub.submit([Reading(ctx.hub.entities[i].streams[0].id, clock.t, 9.0) for i in changed], source="city")
    ctx.signals.drain()
    assert sorted(b[0] for b in sent) == changed and {b[1] for b in sent} == {ALARM}
    assert len(read) == len(changed)  # only their markers were read, not the other 9,990
    qtbot.waitUntil(lambda: all(js(qtbot, tile, f"cc.markerState({i!r}).state") == ALARM for i in changed), timeout=5000)

    # the second's tick with nothing due reads no marker and sends nothing
    sent.clear(), read.clear()
    tile.on_second(clock.t + 1)
    assert (sent, read) == ([], [])
    # three missed reports later every marker is due once: read and sent stale, then quiet again
    clock.t = T0 + STALE_AFTER * INTERVAL + 1
    tile.on_second(clock.t)
    assert len(read) == N - len(changed) and len(sent) == N - len(changed)
    assert {b[3] for b in sent} == {STALE}
    sent.clear(), read.clear()
    tile.on_second(clock.t + 1)
    assert (sent, read) == ([], [])
    tile.teardown()
    tile.close()


def open_tile(qtbot, ctx, **options) -> MapTile:
    tile = MapTile(ctx, TileSpec("map", 0, 0, title="map", options={"layers": ["sensor"], **options}))
    qtbot.addWidget(tile)
    tile.resize(900, 700)
    tile.show()
    with qtbot.waitSignal(tile.sig_page_loaded, timeout=30000):
        pass
    qtbot.waitUntil(lambda: js(qtbot, tile, "window.ccReady === true") is True, timeout=20000)
    return tile


def settled(qtbot, tile: MapTile) -> dict:
    """The page's redraw counts once the view has stopped settling (the tile's layout resizes it after load)."""
    last = js(qtbot, tile, "cc.stats().redraws")
    for _ in range(20):
        qtbot.wait(300)
        now = js(qtbot, tile, "cc.stats().redraws")
        if now == last:
            return now
        last = now
    raise AssertionError(f"the map never stopped redrawing: {last}")


def send(qtbot, tile, ctx, clock, t: float, ids: list[str], value: float, shown) -> None:
    """Each of ids reads value at simulated time t, drained to the page; waits until shown(id) holds for all."""
    clock.t = t
    ctx.hub.submit([Reading(ctx.hub.entities[i].streams[0].id, t, value) for i in ids], source="city")
    ctx.signals.drain()
    qtbot.waitUntil(lambda: all(shown(i) for i in ids), timeout=5000)


#: the marker layer's pixels (its canvases, base and overlay, composed in page order) kept (window.ccShot)
#: or compared with the kept ones (how many differ)
PIXELS = ("var cs=document.querySelectorAll('canvas.cc-live'),t=document.createElement('canvas');t.width=cs[0].width;"
          "t.height=cs[0].height;var x=t.getContext('2d');for(var i=0;i<cs.length;i++)x.drawImage(cs[i],0,0);"
          "var px=x.getImageData(0,0,t.width,t.height).data;")
SHOT = f"(function(){{{PIXELS}window.ccShot=px;return t.width}})()"
DIFF = (f"(function(){{{PIXELS}var b=px,"
        "a=window.ccShot,n=0;for(var i=0;i<a.length;i+=4){if(Math.abs(a[i]-b[i])+Math.abs(a[i+1]-b[i+1])+Math.abs(a[i+2]-b[i+2])"
        "+Math.abs(a[i+3]-b[i+3])>48)n++}return n})()")


@pytest.mark.parametrize("clustered", [False, True], ids=["markers", "clusters"])
def test_a_batch_repaints_only_what_it_changed_and_looks_like_a_full_redraw(qtbot, big, clustered):
    clock, ctx = big
    tile = open_tile(qtbot, ctx, **({} if clustered else {"cluster": {"above": N + 1}}))
    before = settled(qtbot, tile)
    changed = [f"S{i:05d}" for i in range(0, N, N // 10)]
    send(qtbot, tile, ctx, clock, T0 + 5, changed, 9.0, lambda i: js(qtbot, tile, f"cc.markerState({i!r}).state") == ALARM)
    after = js(qtbot, tile, "cc.stats().redraws")
    assert after["full"] == before["full"] and after["partial"] > before["partial"]  # no full redraw for ten markers
    assert js(qtbot, tile, SHOT) > 0
    js(qtbot, tile, "(cc.map.fire('moveend'), 0)")  # a full redraw of the same state
    assert js(qtbot, tile, "cc.stats().redraws")["full"] > after["full"]
    # what the partial repaint left on the canvas is what a full redraw draws (a few glyph-edge pixels aside;
    # a repaint that drew labels out of order left 1,600 here, one that cleared nothing 10,000)
    assert js(qtbot, tile, DIFF) < 100
    # and back: the ten go ok again, partially repainted, the alarms' labels and rings gone
    js(qtbot, tile, SHOT)
    send(qtbot, tile, ctx, clock, T0 + 6, changed, 1.0, lambda i: js(qtbot, tile, f"cc.markerState({i!r}).state") == OK)
    assert js(qtbot, tile, DIFF) > 100  # the alarms were there, and are painted away
    js(qtbot, tile, SHOT)
    js(qtbot, tile, "(cc.map.fire('moveend'), 0)")
    assert js(qtbot, tile, DIFF) < 100
    tile.teardown()
    tile.close()


#: one canvas's pixels kept (window.ccOne) or compared with the kept ones: 0 the base, 1 the overlay
ONE_SHOT = "(function(n){{var c=document.querySelectorAll('canvas.cc-live')[n];window.ccOne=c.getContext('2d').getImageData(0,0,c.width,c.height).data;return c.width}})({})"
ONE_DIFF = ("(function(n){{var c=document.querySelectorAll('canvas.cc-live')[n],b=c.getContext('2d').getImageData(0,0,c.width,c.height).data,"
            "a=window.ccOne,d=0;for(var i=0;i<a.length;i++)if(a[i]!==b[i])d++;return d}})({})")


def test_an_alarms_new_label_repaints_the_overlay_and_leaves_the_normal_markers_alone(qtbot, big):
    """The normal markers live on a base canvas under the abnormal ones and their labels: a label that
    changes (the alarm's value) repaints only the overlay, never the ~hundreds of markers under it."""
    clock, ctx = big
    tile = open_tile(qtbot, ctx, cluster={"above": N + 1})
    settled(qtbot, tile)
    assert js(qtbot, tile, "document.querySelectorAll('canvas.cc-live').length") == 2
    changed = [f"S{i:05d}" for i in range(0, N, N // 10)]
    send(qtbot, tile, ctx, clock, T0 + 5, changed, 9.0, lambda i: js(qtbot, tile, f"cc.markerState({i!r}).state") == ALARM)
    before = js(qtbot, tile, "cc.stats().redraws")
    labels = {i: js(qtbot, tile, f"cc.markerState({i!r}).label") for i in changed}
    assert js(qtbot, tile, ONE_SHOT.format(0)) > 0
    relabelled = lambda i: js(qtbot, tile, f"cc.markerState({i!r}).label") != labels[i]  # noqa: E731
    send(qtbot, tile, ctx, clock, T0 + 6, changed, 7.5, relabelled)  # still alarms, with new values
    after = js(qtbot, tile, "cc.stats().redraws")
    assert after["full"] == before["full"] and after["partial"] > before["partial"]
    assert after["base_boxes"] == before["base_boxes"]  # no normal marker drawn again
    assert js(qtbot, tile, ONE_DIFF.format(0)) == 0  # the base canvas: not one byte changed
    # and the overlay did change: the ten labels (shown against a kept copy of it)
    js(qtbot, tile, ONE_SHOT.format(1))
    labels = {i: js(qtbot, tile, f"cc.markerState({i!r}).label") for i in changed}
    send(qtbot, tile, ctx, clock, T0 + 7, changed, 8.5, relabelled)
    qtbot.waitUntil(lambda: js(qtbot, tile, ONE_DIFF.format(1)) > 100, timeout=5000)
    tile.teardown()
    tile.close()
