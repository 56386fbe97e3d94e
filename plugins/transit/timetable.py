"""The timetable of a city's buses, read from GTFS-style files (stops, routes, trips, stop_times).

Times are seconds after the service day's local midnight, as GTFS writes them (25:10:00 is past
midnight). A trip's vehicle is found by blocking: a bus that ends a trip at a terminal takes the
next trip of its route leaving that terminal after its layover (GTFS ``block_id`` when the files
give it). A timetable that does not hold together is refused with the file and row that break it.
"""

from __future__ import annotations

import csv
import io
from functools import lru_cache
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources

LAYOVER_S = 300.0


class TimetableError(ValueError):
    """A GTFS file is missing, or a row of it is wrong; the message names which."""


@dataclass(frozen=True)
class Stop:
    id: str
    name: str
    lat: float
    lon: float


@dataclass(frozen=True)
class Route:
    id: str
    name: str  # the short name the board shows: 1路
    long_name: str


@dataclass(frozen=True)
class Trip:
    id: str
    route: str
    direction: int
    headsign: str
    stops: tuple[str, ...]
    times: tuple[float, ...]  # scheduled arrival at each stop, seconds after local midnight
    block: str = ""

    @property
    def start(self) -> float:
        return self.times[0]

    @property
    def end(self) -> float:
        return self.times[-1]

    def index_of(self, stop: str) -> int | None:
        try:
            return self.stops.index(stop)
        except ValueError:
            return None


@dataclass(frozen=True)
class Timetable:
    stops: Mapping[str, Stop]
    routes: Mapping[str, Route]
    trips: tuple[Trip, ...]  # by route, direction, then departure

    def trip(self, trip_id: str) -> Trip:
        return next(t for t in self.trips if t.id == trip_id)

    def trip_index(self, trip_id: str) -> int:
        return next(i for i, t in enumerate(self.trips) if t.id == trip_id)

    def ahead_of(self, trip: Trip) -> Trip | None:
        """The trip scheduled just before this one on the same route and direction."""
        prev = None
        for t in self.trips:
            if t.id == trip.id:
                return prev
            if (t.route, t.direction) == (trip.route, trip.direction):
                prev = t
        return None

    def blocks(self) -> dict[str, list[Trip]]:
        out: dict[str, list[Trip]] = {}
        for t in sorted(self.trips, key=lambda t: t.start):
            out.setdefault(t.block, []).append(t)
        return out


def parse_time(text: str, where: str) -> float:
    try:
        h, m, s = (int(x) for x in text.strip().split(":"))
    except ValueError:
        raise TimetableError(f"{where}: {text!r} is not a GTFS time HH:MM:SS") from None
    if not (0 <= m < 60 and 0 <= s < 60 and h >= 0):
        raise TimetableError(f"{where}: {text!r} is not a GTFS time HH:MM:SS")
    return h * 3600.0 + m * 60.0 + s


def _rows(files: Mapping[str, str], name: str, needed: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    if name not in files:
        raise TimetableError(f"{name} is missing")
    reader = csv.DictReader(io.StringIO(files[name].lstrip("\ufeff")))
    missing = [c for c in needed if c not in (reader.fieldnames or ())]
    if missing:
        raise TimetableError(f"{name}: no column {', '.join(missing)}")
    return [(i + 2, row) for i, row in enumerate(reader)]


def parse_gtfs(files: Mapping[str, str]) -> Timetable:
    """A timetable from the four files' texts ({"stops.txt": "...", ...})."""
    stops = {}
    for line, r in _rows(files, "stops.txt", ("stop_id", "stop_name", "stop_lat", "stop_lon")):
        try:
            stops[r["stop_id"]] = Stop(r["stop_id"], r["stop_name"], float(r["stop_lat"]), float(r["stop_lon"]))
        except ValueError:
            raise TimetableError(f"stops.txt line {line}: stop_lat/stop_lon must be numbers") from None
    routes = {r["route_id"]: Route(r["route_id"], r.get("route_short_name") or r["route_id"], r.get("route_long_name", ""))
              for _, r in _rows(files, "routes.txt", ("route_id",))}
    heads: dict[str, tuple[str, int, str, str]] = {}
    for line, r in _rows(files, "trips.txt", ("route_id", "trip_id")):
        if r["route_id"] not in routes:
            raise TimetableError(f"trips.txt line {line}: route {r['route_id']!r} is not in routes.txt")
        heads[r["trip_id"]] = (r["route_id"], int(r.get("direction_id") or 0), r.get("trip_headsign", ""), r.get("block_id", ""))
    calls: dict[str, list[tuple[int, str, float]]] = {}
    for line, r in _rows(files, "stop_times.txt", ("trip_id", "arrival_time", "stop_id", "stop_sequence")):
        where = f"stop_times.txt line {line}"
        if r["trip_id"] not in heads:
            raise TimetableError(f"{where}: trip {r['trip_id']!r} is not in trips.txt")
        if r["stop_id"] not in stops:
            raise TimetableError(f"{where}: stop {r['stop_id']!r} is not in stops.txt")
        calls.setdefault(r["trip_id"], []).append((int(r["stop_sequence"]), r["stop_id"], parse_time(r["arrival_time"], where)))
    trips = []
    for tid, (route, direction, headsign, block) in heads.items():
        seq = sorted(calls.get(tid, ()))
        if len(seq) < 2:
            raise TimetableError(f"stop_times.txt: trip {tid!r} calls at fewer than two stops")
        times = tuple(t for _, _, t in seq)
        if any(b < a for a, b in zip(times, times[1:])):
            raise TimetableError(f"stop_times.txt: trip {tid!r} goes back in time")
        trips.append(Trip(tid, route, direction, headsign or stops[seq[-1][1]].name, tuple(s for _, s, _ in seq), times, block))
    trips.sort(key=lambda t: (t.route, t.direction, t.start))
    return Timetable(stops, routes, tuple(_blocked(trips)))


def _blocked(trips: list[Trip]) -> list[Trip]:
    """Give each trip without a block the bus that is free at its first stop (see the module doc)."""
    free: dict[str, list[tuple[float, str, str]]] = {}  # route -> (free from, at stop, bus)
    count: dict[str, int] = {}
    block_of: dict[str, str] = {}
    for t in sorted(trips, key=lambda t: t.start):
        if t.block:
            continue
        pool = free.setdefault(t.route, [])
        ready = [p for p in pool if p[1] == t.stops[0] and p[0] <= t.start]
        if ready:
            pick = min(ready)
            pool.remove(pick)
            bus = pick[2]
        else:
            count[t.route] = count.get(t.route, 0) + 1
            bus = f"{t.route}-{count[t.route]:02d}"
        block_of[t.id] = bus
        pool.append((t.end + LAYOVER_S, t.stops[-1], bus))
    return [t if t.block else Trip(t.id, t.route, t.direction, t.headsign, t.stops, t.times, block_of[t.id]) for t in trips]


def load_city_timetable(city_id: str) -> Timetable | None:
    """The timetable the plugin ships for the city, or None when it ships none."""
    folder = resources.files("plugins.transit") / "gtfs" / city_id
    if not folder.is_dir():
        return None
    names = ("stops.txt", "routes.txt", "trips.txt", "stop_times.txt")
    files = {n: (folder / n).read_text(encoding="utf-8") for n in names if (folder / n).is_file()}
    try:
        return parse_gtfs(files)
    except TimetableError as exc:
        raise TimetableError(f"plugins/transit/gtfs/{city_id}/{exc}") from None


@lru_cache(maxsize=8)
def shipped_timetable(city_id: str) -> Timetable | None:
    """``load_city_timetable``, read once per city (tiles and the map layer share it)."""
    return load_city_timetable(city_id)


def timetable_of(entities) -> Timetable | None:
    """The shipped timetable of the city whose transit entities these are (None: no transit here)."""
    city = next((e.attrs.get("city") for e in entities if e.kind == "bus_stop" and e.attrs.get("city")), None)
    return shipped_timetable(city) if city else None
