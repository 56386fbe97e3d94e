"""Road time over the city's road graph (``roads/<city>.json``: OSM-style nodes with lat/lon and ways
with a speed), the nearest resources by road time, and the safe route that keeps out of an impact
range (every edge that touches the range's polygon is dropped before the search). networkx. Qt-free.

A place off the graph joins it at its nearest node, the stretch between driven at ``ACCESS_KMH``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

import networkx as nx
from shapely.geometry import LineString, Point, Polygon

from plugins.emergency.impact import EARTH_R

ACCESS_KMH = 20.0  # from a depot's yard or a team's station to the road


def metres(a: Sequence[float], b: Sequence[float]) -> float:
    """Great-circle distance between two (lat, lon) points, m."""
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * EARTH_R * math.asin(math.sqrt(h))


class NoSafeRoute(Exception):
    """No route keeps out of the impact range; the reason says why (start or goal inside, or cut off)."""


@dataclass(frozen=True)
class Route:
    nodes: tuple[str, ...]
    path: list[list[float]]  # [[lat, lon], ...] from the start place to the goal place
    seconds: float
    metres: float


@dataclass(frozen=True)
class Reach:
    """A resource and the road time to it from the event."""

    id: str
    seconds: float
    metres: float


class RoadGraph:
    def __init__(self, data: dict[str, Any]) -> None:
        self.nodes: dict[str, tuple[float, float]] = {k: (float(v[0]), float(v[1])) for k, v in data["nodes"].items()}
        self.graph = nx.Graph()
        for nid, pos in self.nodes.items():
            self.graph.add_node(nid, pos=pos)
        for way in data["ways"]:
            mps = float(way["speed_kmh"]) / 3.6
            for a, b in zip(way["nodes"], way["nodes"][1:]):
                if a not in self.nodes or b not in self.nodes:
                    raise ValueError(f"way {way.get('id')!r} names a node not in the graph: {a if a not in self.nodes else b!r}")
                d = metres(self.nodes[a], self.nodes[b])
                t = d / mps
                if not self.graph.has_edge(a, b) or self.graph[a][b]["seconds"] > t:  # the faster road of two
                    self.graph.add_edge(a, b, seconds=t, metres=d, name=way.get("name", ""))

    @classmethod
    def for_city(cls, city_id: str) -> RoadGraph | None:
        """The graph the plugin ships for the city; None if it ships none."""
        path = resources.files("plugins.emergency") / "roads" / f"{city_id}.json"
        if not path.is_file():
            return None
        return cls(json.loads(path.read_text(encoding="utf-8")))

    def nearest_node(self, lat: float, lon: float, among: Iterable[str] | None = None) -> str:
        pool = self.nodes if among is None else among
        return min(pool, key=lambda n: metres(self.nodes[n], (lat, lon)))

    def _access_s(self, place: Sequence[float], node: str) -> float:
        return metres(place, self.nodes[node]) / (ACCESS_KMH / 3.6)

    def nearest(self, lat: float, lon: float, candidates: Iterable[tuple[str, float, float]],
                limit: int | None = None) -> list[Reach]:
        """``candidates`` (id, lat, lon) by road time to (lat, lon), nearest first; unreachable ones left out.
        Ties go by id, so the choice is the same on every run."""
        start = self.nearest_node(lat, lon)
        times = nx.single_source_dijkstra_path_length(self.graph, start, weight="seconds")
        dists = nx.single_source_dijkstra_path_length(self.graph, start, weight="metres")
        out = []
        for cid, clat, clon in candidates:
            n = self.nearest_node(clat, clon)
            if n not in times:
                continue
            s = times[n] + self._access_s((lat, lon), start) + self._access_s((clat, clon), n)
            m = dists[n] + metres((lat, lon), self.nodes[start]) + metres((clat, clon), self.nodes[n])
            out.append(Reach(cid, s, m))
        out.sort(key=lambda r: (r.seconds, r.id))
        return out[:limit] if limit is not None else out

    def safe_route(self, start: Sequence[float], goal: Sequence[float], area_lonlat: Polygon | None) -> Route:
        """The fastest route from ``start`` to ``goal`` ((lat, lon) each) on roads that never touch
        ``area_lonlat`` (a polygon in (lon, lat)); raises NoSafeRoute with the reason."""
        g = self.graph
        usable = set(self.nodes)
        if area_lonlat is not None:
            for n, (la, lo) in self.nodes.items():
                if area_lonlat.intersects(Point(lo, la)):
                    usable.discard(n)
            if area_lonlat.intersects(Point(start[1], start[0])):
                raise NoSafeRoute("the start lies inside the impact range")
            if area_lonlat.intersects(Point(goal[1], goal[0])):
                raise NoSafeRoute("the goal lies inside the impact range")
            keep = [(a, b) for a, b in g.edges if a in usable and b in usable
                    and not area_lonlat.intersects(LineString([self.nodes[a][::-1], self.nodes[b][::-1]]))]
            g = nx.Graph()
            g.add_nodes_from(usable)
            g.add_edges_from((a, b, self.graph[a][b]) for a, b in keep)
        s = self._entry(start, usable, area_lonlat)
        t = self._entry(goal, usable, area_lonlat)
        try:
            nodes = nx.dijkstra_path(g, s, t, weight="seconds")
        except nx.NetworkXNoPath:
            raise NoSafeRoute("every road between them crosses the impact range") from None
        secs = sum(g[a][b]["seconds"] for a, b in zip(nodes, nodes[1:])) + self._access_s(start, s) + self._access_s(goal, t)
        dist = sum(g[a][b]["metres"] for a, b in zip(nodes, nodes[1:])) + metres(start, self.nodes[s]) + metres(goal, self.nodes[t])
        path = [[start[0], start[1]], *([*self.nodes[n]] for n in nodes), [goal[0], goal[1]]]
        return Route(tuple(nodes), path, secs, dist)

    def _entry(self, place: Sequence[float], usable: set[str], area: Polygon | None) -> str:
        """The nearest usable node whose access stretch keeps out of the range."""
        for n in sorted(usable, key=lambda n: metres(self.nodes[n], place)):
            if area is None or not area.intersects(LineString([(place[1], place[0]), self.nodes[n][::-1]])):
                return n
        raise NoSafeRoute("no road can be reached from outside the impact range")


def route_segments(route: Route) -> list[LineString]:
    """The route's stretches as (lon, lat) lines (for checking it against a range)."""
    return [LineString([(a[1], a[0]), (b[1], b[0])]) for a, b in zip(route.path, route.path[1:])]


__all__ = ["ACCESS_KMH", "NoSafeRoute", "Reach", "RoadGraph", "Route", "metres", "route_segments"]
