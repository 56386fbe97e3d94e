"""The ``gtfs_realtime`` source kind: a city operator's GTFS-Realtime feed (vehicle positions and
trip updates, protobuf over HTTP), polled every ``interval_s``, read against the city's shipped
timetable. Settings::

    [[sources]]
    name = "yucheng-buses"
    type = "gtfs_realtime"
    url = "https://bus.example.cn/gtfs-rt/vehicles"
    city = "yucheng"
"""

from __future__ import annotations

import time

from console.city import load_city
from console.hub.hub import Hub
from console.settings.sources import SourceSettings
from console.sources.http_answer import fetch, status_error
from console.sources.kinds import SourceKind
from console.sources.polling import PollingSource
from console.sources.tls import http_session
from plugins.transit.network import transit_entities
from plugins.transit.realtime import feed_readings
from plugins.transit.timetable import shipped_timetable


class GtfsRealtimeSource(PollingSource):
    kind = "gtfs_realtime"

    def __init__(self, settings: SourceSettings, hub: Hub) -> None:
        o = settings.options
        super().__init__(settings.name, hub, float(o.get("interval_s", 30)), float(o.get("max_backoff_s", 600)))
        self.options = o
        self.timeout_s = float(o.get("timeout_s", 10))
        self.timetable = shipped_timetable(o["city"])
        if self.timetable is None:
            raise ValueError(f"{settings.where}: the transit plugin ships no timetable for city {o['city']!r}")
        self.entities = transit_entities(load_city(o["city"]), self.timetable)
        self._buses = {e.attrs["block"]: e for e in self.entities if e.kind == "bus"}  # placed on the map at each poll
        self.session = None

    def poll(self) -> None:
        if self.session is None:
            self.session = http_session(self.name, self.options)
            self.catalog.add(self.entities)
        answer = fetch(self.session, "GET", self.options["url"], timeout_s=self.timeout_s, max_bytes=20_000_000,
                       stopping=lambda: self.stopping)
        if answer.status >= 400:
            raise status_error(answer)
        self.catalog.take(feed_readings(answer.body, self.timetable, time.time(), self._buses))

    def stream_prefixes(self) -> tuple[str, ...]:
        return ("transit/bus/",)

    def close(self) -> None:
        if self.session is not None:
            self.session.close()


KIND = SourceKind(
    "gtfs_realtime",
    {
        "type": "object", "required": ["name", "type", "url", "city"], "additionalProperties": False,
        "properties": {
            "name": {"type": "string", "minLength": 1}, "type": {"const": "gtfs_realtime"}, "enabled": {"type": "boolean"},
            "url": {"type": "string", "pattern": "^https?://"}, "city": {"type": "string", "minLength": 1},
            "interval_s": {"type": "number", "minimum": 1, "maximum": 3600}, "max_backoff_s": {"type": "number", "exclusiveMinimum": 0},
            "timeout_s": {"type": "number", "exclusiveMinimum": 0, "maximum": 120}, "verify": {"type": "boolean"},
        },
    },
    "plugins.transit.realtime_source:GtfsRealtimeSource",
    "GTFS-Realtime 公交实时位置 bus positions",
)
