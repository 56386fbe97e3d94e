"""The tourism plugin's tile (each spot's nearby car parks): the contract every tile keeps, and the
free spaces near each spot from the parking plugin's real car parks in the hub, chosen by distance."""

from __future__ import annotations

import time

from console.cameras.paging import distance_m
from console.city import load_city
from console.model import Reading
from plugins.parking.simulator import ParkingSimulator  # the test brings both plugins' data to one hub
from plugins.tourism.simulator import TourismSimulator
from tests.energy_parking_helpers import PluginTileContract

CITY = load_city("juxian")


class TestSpotParkingTile(PluginTileContract):
    kind = "tourism_parking"
    ref = "plugins.tourism.views.spot_parking_tile:SpotParkingTile"
    options = {"select": {"kind": "scenic_spot"}, "radius_km": 3}

    def entities(self):
        return [*TourismSimulator(CITY).entities(), *ParkingSimulator(CITY).entities()]

    def readings(self, ents, now):
        t0 = now - 600
        out = [*TourismSimulator(CITY).readings_between(t0, now), *ParkingSimulator(CITY).readings_between(t0, now)]
        return [Reading(r.stream, r.ts, r.value) for r in out]

    def test_each_spot_lists_the_free_spaces_of_the_car_parks_within_the_radius(self, qtbot, tmp_path):
        tile, hub, signals = self.make(qtbot, tmp_path, with_data=True)
        parks = [e for e in hub.entities.values() if e.kind == "carpark"]
        assert len(parks) >= 10 and len(tile.rows) == 5
        seen_near = seen_far = False
        for i, row in enumerate(tile.rows):
            spot = row.spot
            near = [p for p in parks if distance_m(spot.lat, spot.lon, p.lat, p.lon) <= 3000]
            assert row.count == len(near), spot.id
            # a car park whose counter is silent (the simulator drops a few for an hour or two a day)
            # counts as near but adds neither free spaces nor capacity
            heard = [(p, r) for p in near if (r := hub.latest(f"parking/carpark/{p.id}/free")) is not None]
            assert row.free == sum(int(r.value) for _, r in heard)
            assert row.capacity == sum(p.attrs["capacity"] for p, _ in heard)
            assert tile.table.item(i, 3).text() == (f"{row.free}/{row.capacity}" if near else "—")
            assert row.nearest is not None and hub.latest(f"parking/carpark/{row.nearest.id}/free").value >= 1
            seen_near |= bool(near)
            seen_far |= not near
        assert seen_near and seen_far, "the old town has car parks around it; Fulai Mountain has none within 3 km"
        # a car park near the old town fills: the row's free spaces follow the hub
        jgc = next(r for r in tile.rows if r.spot.id == "JGC")
        p = next(p for p in parks if distance_m(jgc.spot.lat, jgc.spot.lon, p.lat, p.lon) <= 3000
                 and hub.latest(f"parking/carpark/{p.id}/free") is not None)
        before = int(hub.latest(f"parking/carpark/{p.id}/free").value)
        hub.submit([Reading(f"parking/carpark/{p.id}/free", time.time(), 0.0)])
        hub.store.flush()
        signals.drain()
        assert next(r for r in tile.rows if r.spot.id == "JGC").free == jgc.free - before
        self.close(tile)

    def test_a_wider_radius_takes_more_car_parks(self, qtbot, tmp_path):
        tile, hub, signals = self.make(qtbot, tmp_path, with_data=True)
        narrow = {r.spot.id: r.count for r in tile.rows}
        self.close(tile)
        self.options = {"select": {"kind": "scenic_spot"}, "radius_km": 20}
        tile, hub, signals = self.make(qtbot, tmp_path / "wide", with_data=True)
        wide = {r.spot.id: r.count for r in tile.rows}
        assert all(wide[k] >= narrow[k] for k in narrow) and sum(wide.values()) > sum(narrow.values())
        self.close(tile)


class TestSpotParkingTileWithASilentCarPark(TestSpotParkingTile):
    """One car park next to the old town never reports: it is counted as near, its spaces are not."""

    def silent(self) -> str:
        spot = next(e for e in TourismSimulator(CITY).entities() if e.id == "JGC")
        return min((e for e in ParkingSimulator(CITY).entities() if e.kind == "carpark" and e.has_position),
                   key=lambda p: distance_m(spot.lat, spot.lon, p.lat, p.lon)).id

    def readings(self, ents, now):
        gone = f"parking/carpark/{self.silent()}/"
        return [r for r in super().readings(ents, now) if not r.stream.startswith(gone)]

    def test_the_silent_car_park_is_near_but_adds_no_spaces(self, qtbot, tmp_path):
        tile, hub, _ = self.make(qtbot, tmp_path, with_data=True)
        jgc = next(r for r in tile.rows if r.spot.id == "JGC")
        silent = next(e for e in hub.entities.values() if e.id == self.silent())
        assert hub.latest(f"parking/carpark/{silent.id}/free") is None
        assert distance_m(jgc.spot.lat, jgc.spot.lon, silent.lat, silent.lon) <= 3000
        heard = [e for e in hub.entities.values() if e.kind == "carpark" and e.id != silent.id
                 and distance_m(jgc.spot.lat, jgc.spot.lon, e.lat, e.lon) <= 3000]
        assert jgc.count == len(heard) + 1
        assert jgc.capacity == sum(e.attrs["capacity"] for e in heard)
        self.close(tile)
