"""What a wall screen's header says besides the title: the clock with its zone, and the weather.

Qt-free. The weather is shown only when a source gives it: an entity of kind
``weather`` (any plugin or connection may register one) with streams that have
readings; nothing is made up when there is none.
"""

from __future__ import annotations

from console.city_time import city_time
from console.languages import Text
from console.hub.hub import Hub

WEATHER_KIND = "weather"


def clock_text(now: float, speed: float = 1.0) -> str:
    """``2026-12-02 08:38:15  北京时间 UTC+8`` (and the demo's ``×60`` when time runs faster)."""
    ct = city_time()
    zone, _, utc = ct.label(now).rpartition(" ")  # "北京时间 UTC+8": the zone's name is translated where shown
    line = "{time}  {zone} {utc}" + ("  ×{speed}" if speed != 1 else "")  # a variable: no catalog entry of its own
    return Text("", line).format(time=ct.format(now), zone=Text("CityTime", zone), utc=utc, speed=f"{speed:g}")


def weather_text(hub: Hub) -> str:
    """``天气 Weather 寿光站 12.5 °C · 3.2 mm/h`` from the first weather entity with readings, or ``""``."""
    for entity in hub.entities_of_kind(WEATHER_KIND):  # not a scan of every entity each second
        parts = []
        for spec in entity.streams:
            r = hub.latest(spec.id)
            if r is not None:
                parts.append(f"{r.value:g} {spec.unit}".strip())
        if parts:
            return Text("Header", "天气 {place} {reading}").format(place=entity.name, reading=" · ".join(parts))
    return ""
