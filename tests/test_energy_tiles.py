"""The energy plugin's tiles: the contract every tile keeps, and what each shows."""

import time

from console.model import Entity, Reading, StreamSpec
from tests.energy_parking_helpers import PluginTileContract


def transformers(n=12):
    return [
        Entity(f"T{i:04d}", "transformer", f"{i}号配变", 36.8, 118.8,
               {"town": "侯镇", "type": "village", "capacity_kva": 400, "rated_kw": 360.0, "feeder": "FI-001", "households": 90},
               (StreamSpec(f"energy/transformer/T{i:04d}/load_kw", "load", "kW", 900.0),))
        for i in range(1, n + 1)
    ]


def indicators(n=3):
    return [
        Entity(f"FI-{j:03d}", "fault_indicator", f"{j}线故障指示器", 36.8, 118.8, {"town": "侯镇", "transformers": 8, "households": 600},
               (StreamSpec(f"energy/fault_indicator/FI-{j:03d}/tripped", "tripped", "", 900.0),))
        for j in range(1, n + 1)
    ]


class TestTopLoadTile(PluginTileContract):
    kind = "energy_top_load"
    ref = "plugins.energy.views.top_load_tile:TopLoadTile"
    options = {"select": {"kind": "transformer"}, "n": 5}

    def entities(self):
        return transformers()

    def readings(self, ents, now):
        # T0003 at 110 % of rated, the rest 28-58 %
        return [Reading(e.streams[0].id, now - 60, 396.0 if e.id == "T0003" else 100.0 + 10 * i) for i, e in enumerate(ents)]

    def test_ranks_by_load_and_marks_the_overloaded(self, qtbot, tmp_path):
        tile, hub, signals = self.make(qtbot, tmp_path, with_data=True)
        assert [r.entity.id for r in tile.ranks] == ["T0003", "T0012", "T0011", "T0010", "T0009"]
        assert tile.table.rowCount() == 5
        assert tile.table.item(0, 4).text() == "▲ 110 %"  # a shape and the number, not colour alone
        assert tile.table.item(1, 4).text() == "58 %"  # 210 kW of 360
        assert "1 过载" in tile.summary.text()
        # a new reading moves the ranking
        hub.submit([Reading("energy/transformer/T0001/load_kw", time.time(), 350.0)])
        hub.store.flush()
        signals.drain()
        assert tile.ranks[1].entity.id == "T0001"
        self.close(tile)


class TestOutageListTile(PluginTileContract):
    kind = "energy_outages"
    ref = "plugins.energy.views.outage_list_tile:OutageListTile"
    options = {"select": {"kind": "fault_indicator"}, "window_h": 24}

    def entities(self):
        return indicators()

    def readings(self, ents, now):
        out = []
        for k in range(32):  # FI-001 out for the last 50 minutes; FI-002 was out 2 h, restored 3 h ago
            t = now - 32 * 900 + k * 900
            out.append(Reading("energy/fault_indicator/FI-001/tripped", t, 1.0 if t > now - 3000 else 0.0))
            out.append(Reading("energy/fault_indicator/FI-002/tripped", t, 1.0 if now - 5 * 3600 < t < now - 3 * 3600 else 0.0))
            out.append(Reading("energy/fault_indicator/FI-003/tripped", t, 0.0))
        out += [Reading("energy/fault_indicator/FI-001/tripped", now - 3000, 1.0),
                Reading("energy/fault_indicator/FI-002/tripped", now - 5 * 3600, 1.0),
                Reading("energy/fault_indicator/FI-002/tripped", now - 3 * 3600, 0.0)]
        return out

    def test_lists_the_outage_going_on_first_with_its_duration(self, qtbot, tmp_path):
        tile, hub, signals = self.make(qtbot, tmp_path, with_data=True)
        qtbot.waitUntil(lambda: len(tile.outages) == 2, timeout=3000)  # history comes from the cache
        first, second = tile.outages
        assert first.indicator == "FI-001" and first.end is None
        assert tile.table.item(0, 0).text().startswith("◆ FI-001")
        assert tile.table.item(0, 2).text() == "50 min"
        assert second.indicator == "FI-002" and tile.table.item(1, 2).text() == "2 h 00 min"
        assert "1 条线路停电中" in tile.summary.text()
        # restored live: the list says so without a restart
        hub.submit([Reading("energy/fault_indicator/FI-001/tripped", time.time(), 0.0)])
        hub.store.flush()
        signals.drain()
        assert all(o.end is not None for o in tile.outages) and "无停电" in tile.summary.text()
        self.close(tile)
