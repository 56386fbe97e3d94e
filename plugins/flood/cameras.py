"""River cameras along the city's rivers (Shouguang: the Mi and the Dan), and what they see.

Cameras stand every few hundred metres on alternate banks, grouped by river and by
the town or subdistrict the stretch runs through. Each watches the water at its
nearest gauge: the simulated frame's waterline follows that gauge's last level in
the hub, so a rising river on the chart is a rising river on the wall. A few
cameras drop out now and then (timeouts, a locked account, a broken encoder), as
real ones do, deterministically from the seed.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from console.cameras.model import CameraStatus, camera_entity
from plugins.flood.camera_scene import WATER_ABOVE_MARK, Scene
from console.city import City
from plugins.flood.rivers import rivers_of
from console.hub.hub import Hub
from console.model import Entity
from console.sources.simulator import unit_random
from plugins.flood.gauges import _along, river_gauges

DEMO_CAMERAS = 120
REFRESH_S = 10.0
_FAULT_BLOCK_S = 1800.0  # outages are drawn per half hour per camera
_FAULT_P = 0.04
_FAULTS = (CameraStatus.TIMEOUT, CameraStatus.TIMEOUT, CameraStatus.REFUSED, CameraStatus.BAD_IMAGE, CameraStatus.UNAUTHORIZED)

# the towns each river runs through, upstream to downstream (Shouguang); elsewhere: stretches
_TOWNS = {
    ("shouguang", "MH"): ("纪台镇", "文家街道", "圣城街道", "古城街道", "洛城街道", "上口镇", "侯镇", "羊口镇"),
    ("shouguang", "DH"): ("营里镇", "孙家集街道", "化龙镇", "台头镇", "田柳镇"),
}
_BANKS = ("北岸", "南岸")


def _share(count: int, rivers: int) -> list[int]:
    """Cameras per river: the first river (the main one) gets the larger share."""
    if rivers == 1:
        return [count]
    first = round(count * 0.6)
    rest = count - first
    return [first] + [rest // (rivers - 1) + (1 if i < rest % (rivers - 1) else 0) for i in range(rivers - 1)]


def river_cameras(city: City, seed: int = 1, count: int = DEMO_CAMERAS, refresh_s: float = REFRESH_S) -> list[Entity]:
    """``count`` cameras spread along the rivers, ids ``MH-C001`` upstream first."""
    gauges = [g for g in river_gauges(city, seed)]
    out: list[Entity] = []
    analysed: set[str] = set()  # one camera per gauge runs the analytics (four would say one thing four times)
    if not rivers_of(city):
        return out
    for river, n in zip(rivers_of(city), _share(count, len(rivers_of(city)))):
        towns = _TOWNS.get((city.id, river.id))
        length_km = sum(math.dist(a, b) for a, b in zip(river.path, river.path[1:])) * 111.0
        mine = [g for g in gauges if g.id.startswith(river.id + "-")]
        for i in range(n):
            f = (i + 0.5) / n
            lat, lon = _along(river.path, f)
            bank = i % 2
            # a few tens of metres off the centre line, on its bank
            lon += (1 if bank else -1) * (0.0004 + 0.0003 * unit_random(seed, river.id, i, "off"))
            # the lens looks across the river: west from the east bank, east from the west bank, give or take
            heading = (270.0 if bank else 90.0) + 40 * (unit_random(seed, river.id, i, "look") - 0.5)
            town = towns[min(int(f * len(towns)), len(towns) - 1)] if towns else f"第{int(f * 5) + 1}段"
            cid = f"{river.id}-C{i + 1:03d}"
            km = f * length_km
            gauge = min(mine, key=lambda g: (g.lat - lat) ** 2 + (g.lon - lon) ** 2) if mine else None
            out.append(
                camera_entity(
                    cid,
                    f"{river.name} {town} K{int(km)}+{int(km % 1 * 1000):03d} {_BANKS[bank]}",
                    round(lat, 5),
                    round(lon, 5),
                    group=f"{river.name} {river.name_en}",
                    source=f"sim://flood/{cid}",
                    refresh_s=refresh_s,
                    river=river.name,
                    river_en=river.name_en,
                    district=town,
                    gauge=gauge.id if gauge else None,
                    channel=len(out) + 1,
                    heading=round(heading % 360, 1),
                    fov=60.0,
                    events=({WATER_ABOVE_MARK: "视频识别：水位越线"}
                            if gauge and gauge.id not in analysed and not analysed.add(gauge.id) else None),
                    domain="flood",
                )
            )
    return out


class RiverCameras:
    """The flood plugin's camera set (its manifest's ``cameras``)."""

    renderer = "plugins.flood.views.camera_render:render_jpeg"  # Qt, imported at the first frame

    def __init__(self, city: City, seed: int = 1, count: int = DEMO_CAMERAS, refresh_s: float = REFRESH_S) -> None:
        self.city = city
        self.seed = seed
        self._cameras = river_cameras(city, seed, count, refresh_s)
        self._gauges = {g.id: g for g in river_gauges(city, seed)}

    def entities(self) -> Sequence[Entity]:
        return self._cameras

    def fault(self, camera: Entity, t: float) -> CameraStatus | None:
        block = math.floor(t / _FAULT_BLOCK_S)
        if unit_random(self.seed, camera.id, "fault", block) >= _FAULT_P:
            return None
        return _FAULTS[int(unit_random(self.seed, camera.id, "why", block) * len(_FAULTS))]

    def last_good_time(self, camera: Entity, t: float) -> float:
        block = math.floor(t / _FAULT_BLOCK_S)
        while block > math.floor(t / _FAULT_BLOCK_S) - 48 and self.fault(camera, block * _FAULT_BLOCK_S) is not None:
            block -= 1
        # the last seconds of the last good half hour
        return min(t, (block + 1) * _FAULT_BLOCK_S - 7.0)

    def scene(self, camera: Entity, t: float, hub: Hub) -> Scene:
        a = camera.attrs
        gauge = self._gauges.get(a.get("gauge") or "")
        water, warning = 0.35, None
        if gauge is not None:
            g = gauge.attrs
            # the embankment top is half a metre above the guarantee level; the bed 1.5 m below base
            bed, top = g["base_level"] - 1.5, g["guarantee_level"] + 0.5
            reading = hub.latest(gauge.streams[0].id)
            level = reading.value if reading is not None and reading.value is not None else g["base_level"]
            water = (level - bed) / (top - bed)
            warning = (g["warning_level"] - bed) / (top - bed)
        rain = 0.0
        for st in hub.entities.values():
            if st.kind == "rain_station":
                r = hub.latest(st.streams[0].id)
                if r is not None and r.value:
                    rain = max(rain, r.value)
        return Scene(
            camera_id=camera.id,
            title=camera.name,
            channel=int(a.get("channel", 1)),
            t=t,
            water=water,
            warning=warning,
            rain_mm_h=rain,
            variant=int(unit_random(self.seed, camera.id, "look") * 1000),
            fault=self.fault(camera, t),
            analytics=any(s.id.endswith("/event/" + WATER_ABOVE_MARK) for s in camera.streams),
        )
