"""The parking guidance tile: the contract every tile keeps, and guidance from a point."""

import time

from console.model import Entity, Reading, StreamSpec
from tests.energy_parking_helpers import PluginTileContract


def carparks():
    spots = {"A": (36.850, 118.790, 100), "B": (36.860, 118.790, 200), "C": (36.870, 118.790, 50), "D": (36.900, 118.790, 300)}
    return [
        Entity(pid, "carpark", f"{pid}停车场", lat, lon, {"type": "mall", "capacity": cap, "tariff_yuan_h": 3.0},
               (StreamSpec(f"parking/carpark/{pid}/free", "free", "spaces", 60.0),))
        for pid, (lat, lon, cap) in spots.items()
    ]


class TestParkingGuidanceTile(PluginTileContract):
    kind = "parking_guidance"
    ref = "plugins.parking.views.parking_guidance_tile:ParkingGuidanceTile"
    options = {"select": {"kind": "carpark"}, "origin": [36.85, 118.79], "n": 3}

    def entities(self):
        city = Entity("all", "parking_class", "全市", streams=(StreamSpec("parking/class/all/free", "全市空位", "spaces", 60.0, 0),))
        return [*carparks(), city]

    def readings(self, ents, now):
        free = {"A": 0, "B": 5, "C": 40, "D": 120, "all": 7080}  # A is full; the city's count is its own stream
        return [Reading(e.streams[0].id, now - 30, float(free[e.id])) for e in ents]

    def test_the_city_total_is_the_kpis_figure(self, qtbot, tmp_path):
        """The heading's city total is the KPI's (console.kpi on the same stream), not a sum of
        the car parks the panel happens to trust (it said "0 free" beside a KPI of 7,080)."""
        from console.kpi import compute_kpi

        tile, hub, signals = self.make(qtbot, tmp_path, with_data=True)
        kpi = compute_kpi(hub, ["parking/class/all/free"], "value")
        assert kpi.text == "7080" and "全市空位 7080" in tile.heading.text()
        self.close(tile)

    def test_suggests_the_nearest_car_parks_with_room(self, qtbot, tmp_path):
        tile, hub, signals = self.make(qtbot, tmp_path, with_data=True)
        assert [s.carpark.id for s in tile.suggestions] == ["B", "C", "D"]
        assert tile.table.item(0, 2).text() == "5/200" and tile.table.item(0, 3).text() == "1.1 km"
        # the map (or a click) moves the point: the order follows
        with qtbot.waitSignal(tile.sig_origin_changed):
            tile.set_origin(36.9, 118.79)
        assert tile.suggestions[0].carpark.id == "D" and tile.options()["origin"] == [36.9, 118.79]
        # A gets room: it is suggested again
        hub.submit([Reading("parking/carpark/A/free", time.time(), 3.0)])
        hub.store.flush()
        signals.drain()
        tile.set_origin(36.85, 118.79)
        assert tile.suggestions[0].carpark.id == "A"
        self.close(tile)

    def test_a_click_on_the_plan_moves_the_point(self, qtbot, tmp_path):
        from PySide6.QtCore import QPointF, Qt

        tile, hub, signals = self.make(qtbot, tmp_path, with_data=True)
        vb = tile.plot.getPlotItem().vb
        target = vb.mapViewToScene(QPointF(118.79, 36.9))
        view_pos = tile.plot.mapFromScene(target)
        with qtbot.waitSignal(tile.sig_origin_changed) as blocker:
            qtbot.mouseClick(tile.plot.viewport(), Qt.MouseButton.LeftButton, pos=view_pos)
        lat, lon = blocker.args
        assert abs(lat - 36.9) < 0.005 and abs(lon - 118.79) < 0.005
        self.close(tile)
