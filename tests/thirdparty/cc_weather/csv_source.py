"""A source kind of its own: a station's CSV export (time,station,temp_c), read every interval."""

from __future__ import annotations

import csv
import threading
from pathlib import Path

from console.model import Entity, Reading, StreamSpec
from console.sources.kinds import SourceKind


class WeatherCsvSource:
    def __init__(self, settings, hub) -> None:
        self.name = settings.name
        self.path = Path(settings.options["file"])
        self.interval_s = float(settings.options.get("interval_s", 1.0))
        self.hub = hub
        self.health = hub.register_source(self.name)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name=f"source-{self.name}", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)

    def _run(self) -> None:
        seen: set[str] = set()
        while not self._stop.is_set():
            rows = list(csv.DictReader(self.path.open(encoding="utf-8")))
            new = [r["station"] for r in rows if r["station"] not in seen]
            if new:
                seen.update(new)
                self.hub.add_entities([
                    Entity(s, "weather_station", f"气象站 {s}", 36.86, 118.79,
                           streams=(StreamSpec(f"weather/station/{s}/temp_c", "气温", "°C", self.interval_s),))
                    for s in dict.fromkeys(new)
                ])
            self.hub.submit([Reading(f"weather/station/{r['station']}/temp_c", float(r["time"]), float(r["temp_c"]))
                             for r in rows], source=self.name)
            self._stop.wait(self.interval_s)


KIND = SourceKind(
    "weather_csv",
    {
        "type": "object", "required": ["name", "type", "file"], "additionalProperties": False,
        "properties": {"name": {"type": "string"}, "type": {"const": "weather_csv"}, "file": {"type": "string"},
                       "interval_s": {"type": "number", "exclusiveMinimum": 0}, "enabled": {"type": "boolean"}},
    },
    "cc_weather.csv_source:WeatherCsvSource",
    "气象站 CSV 导出 Weather station CSV export",
)
