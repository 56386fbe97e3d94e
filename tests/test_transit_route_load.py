"""The route load as the transit desk shows it: charted as a 10-minute rolling mean of the route's
mean bus load (its own stream, the same in a back-fill and live), and the "highest mean load" KPI
at night, when no bus runs, saying so (fresh) instead of going offline."""

from __future__ import annotations

import time

from console.city import load_city
from console.freshness import Freshness
from console.model import Reading
from plugins.transit.simulator import TransitSimulator
from tests.test_transit import WED, _YuchengTransit, hm, simulated_until


def _series(readings, stream):
    return [(r.ts, r.value) for r in readings if r.stream == stream]


def test_the_charted_route_load_is_the_ten_minute_mean_of_the_route_mean_and_smoother():
    sim = TransitSimulator(load_city("yucheng"))
    out = sim.readings_between(WED + hm(6, 30), WED + hm(9, 30))  # the morning peak (demand steps up at 06:00)
    raw = dict(_series(out, "transit/route/R1/load_pct"))
    smooth = _series(out, "transit/route/R1/load_pct_10min")
    assert len(smooth) == len(raw) == 180
    # by hand, from the route's own mean of each of the ten minutes up to t (rounded to 1 %)
    for t, v in smooth[20::37]:
        window = [raw[t - 60 * k] for k in range(10)]
        assert abs(v - sum(window) / 10) <= 0.5 + 1e-9, (t, v, window)

    def roughness(points):
        vals = [v for _, v in points]
        return sum(abs(b - a) for a, b in zip(vals, vals[1:]))

    assert roughness(smooth) < roughness(sorted(raw.items())) / 3


def test_the_rolling_mean_is_the_same_in_a_back_fill_and_minute_by_minute():
    t0, t1 = WED + hm(7, 0), WED + hm(7, 30)
    once = _series(TransitSimulator(load_city("yucheng")).readings_between(t0, t1), "transit/route/R2/load_pct_10min")
    live = TransitSimulator(load_city("yucheng"))
    stepped = []
    t = t0
    while t < t1:
        stepped += _series(live.readings_between(t, t + 60), "transit/route/R2/load_pct_10min")
        t += 60
    assert once == stepped and len(once) == 30


class TestTheNightKpi(_YuchengTransit):
    """The overview's "highest mean load" KPI over the routes, as the layout sets it."""

    kind = "kpi"
    ref = "widgets.kpi_tile:KpiTile"
    options = {"metric": "max", "select": {"kind": "bus_route"}, "stream": "load_pct", "count_noun": "条线路", "unit": "%",
               "decimals": 0, "active_stream": "buses", "idle_text": "无车辆运营"}

    def readings(self, ents, now):
        # 03:00 to 03:30 of a Wednesday: every route says 0 buses in service, no load comes
        return simulated_until(now, WED + hm(3, 0), WED + hm(3, 30))

    def test_at_night_it_says_no_bus_is_in_service_and_stays_fresh(self, qtbot, tmp_path):
        tile, hub, signals = self.make(qtbot, tmp_path, with_data=True)
        assert tile.value_label.text() == "无车辆运营"
        assert tile.kpi.freshness is Freshness.FRESH and str(tile.kpi.detail) == "3 条线路"
        # the first bus out: its route's load is the figure again
        now = hub.clock.now()
        hub.submit([Reading("transit/route/R1/buses", now, 1.0), Reading("transit/route/R1/load_pct", now, 35.0)])
        hub.store.flush()
        signals.drain()
        qtbot.waitUntil(lambda: tile.value_label.text() == "35 %", timeout=5000)
        self.close(tile)
