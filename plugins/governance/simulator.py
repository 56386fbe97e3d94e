"""The city's cases through the day: 12345 complaints and inspection findings arrive at the day's
rate (plugins.governance.volume), each in a grid, going to its category's department, and move
through their stages: dispatched by the hotline centre (within minutes by day; at night the
non-urgent ones wait for 08:00), taken in hand by the department, closed; about one in nine runs
past its due time (overdue). The citizen rates most closed cases at the return call, late ones
worse. The weather: ``rainstorm``/``rain`` events (as the other simulators take them) change the
volume and the mix (waterlogged roads, blocked drains). ``case_report`` (the tour's) files a
serious case in a grid at once. A serious case opens an incident through the core's incident book
(``services["incidents"]``) and its handling (dispatch, arrival, closure) goes on the incident's
timeline (plugins.governance.incident_link). Every case is a pure function of the seed, the events
and its hour: the data does not depend on how time is cut into ticks.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from console.city import City
from console.model import Entity, Reading
from console.sources.simulator import ScenarioEvent, Simulator, grid_times, unit_random
from plugins.governance.cases import CLOSED, Case, case_kind, catalogue
from plugins.governance.figures import Figures, add_case
from plugins.governance.grids import INTERVAL_S, governance_entities
from plugins.governance.volume import (
    DAY, INSPECTION_SHARE, PATROL_HOURS, TZ_OFFSET_S, category_weights, hourly_rate, local_hour, pick,
)

HOUR = 3600.0
LOOKBACK_S = 6 * DAY  # the longest time limit (72 h) run late stays inside it
SHOWN_CLOSED_S = 3 * HOUR  # a closed case stays on the map this long, then leaves it
LATE_SHARE = 0.11
RATED_SHARE = 0.8


@dataclass(frozen=True)
class Spell:
    start: float
    hours: float

    def on(self, t: float) -> bool:
        return self.start <= t < self.start + self.hours * HOUR


class GovernanceSimulator(Simulator):
    backfill_s = 12 * HOUR
    move_interval_s = INTERVAL_S  # the cases on the map are re-sent as they stand, every 5 min

    def __init__(self, city: City, seed: int = 1) -> None:
        super().__init__(city, seed)
        self.catalogue = catalogue()
        self._all = governance_entities(city)
        self.grids = [e for e in self._all if e.kind == "gov_grid"]
        self._grid_weights = [(g.id, float(g.attrs["population"])) for g in self.grids]
        self._by_grid = {g.id: g for g in self.grids}
        self.population = sum(w for _, w in self._grid_weights)
        self._rain: list[Spell] = []
        self._reports: list[ScenarioEvent] = []
        self.incidents: Any = None  # the core's incident book, when the runtime gives one
        self._link = None

    # -- the plugin API ----------------------------------------------------------------
    def entities(self) -> Sequence[Entity]:
        return self._all

    def attach(self, services: dict[str, Any]) -> None:
        book = services.get("incidents")
        if book is not None:
            from plugins.governance.incident_link import IncidentLink

            self.incidents = book
            self._link = IncidentLink(book, self.catalogue)

    def apply_event(self, event: ScenarioEvent) -> bool:
        p = event.params
        if event.type in ("rainstorm", "rain"):
            self._rain.append(Spell(event.ts, float(p.get("duration_h", p.get("hours", 3.0)))))
        elif event.type == "case_report":
            cat = str(p.get("category", "waterlogging"))
            if cat not in self.catalogue.categories:
                raise ValueError(f"case_report: no category {cat!r}")
            grid = str(p.get("grid") or (self.grids[0].id if self.grids else ""))
            if grid not in self._by_grid:
                raise ValueError(f"case_report: no grid {grid!r} in {self.city.id}")
            self._reports.append(event)
        else:
            return False
        self.events.append(event)
        self._slot_cases.cache_clear()
        return True

    def prepare_demo(self, now: float) -> None:
        """The demo opens in the storm the flood plugin's demo has (begun five hours ago, 5.5 h
        long: the waterlogging calls are up), with a waterlogged road reported ten minutes ago in
        the busiest grid: its incident opens as the console starts, its dispatch follows live."""
        self._rain.append(Spell(now - 5 * HOUR, 5.5))
        if not self.grids:  # a city the plugin ships no grids for (禹城): no cases, nothing to report
            return
        grid = max(self.grids, key=lambda g: g.attrs["population"]).id
        self._reports.append(ScenarioEvent("case_report", now - 600, {"category": "waterlogging", "grid": grid}))
        self._slot_cases.cache_clear()

    def raining(self, t: float) -> bool:
        return any(s.on(t) for s in self._rain)

    # -- the cases -----------------------------------------------------------------------
    def expected_count(self, slot: int) -> float:
        """Expected cases in hour ``slot`` (UTC hours since the epoch), at its middle's rate and weather."""
        mid = slot * HOUR + HOUR / 2
        return hourly_rate(local_hour(mid), self.population, self.raining(mid), self.catalogue.categories)

    def count(self, slot: int) -> int:
        lam = self.expected_count(slot)
        return int(math.floor(lam)) + int(unit_random(self.seed, "n", slot) < lam - math.floor(lam))

    def _seq_before(self, slot: int) -> int:
        """Cases earlier in the same local day (the case number counts from 1 each day)."""
        day_start = int((slot * HOUR + TZ_OFFSET_S) // DAY * DAY - TZ_OFFSET_S) // int(HOUR)
        return sum(self.count(k) for k in range(day_start, slot))

    @lru_cache(maxsize=4096)
    def _slot_cases(self, slot: int) -> tuple[Case, ...]:
        n = self.count(slot)
        seq0 = self._seq_before(slot) if n else 0
        out = []
        for i in range(n):
            received = slot * HOUR + HOUR * unit_random(self.seed, "at", slot, i)
            cat = pick(category_weights(self.catalogue.categories, self.raining(received)), unit_random(self.seed, "cat", slot, i))
            grid = pick(self._grid_weights, unit_random(self.seed, "grid", slot, i))
            out.append(self._case(self._number(received, seq0 + i + 1), received, cat, grid, (slot, i)))
        for k, ev in enumerate(self._reports):
            if slot * HOUR <= ev.ts < (slot + 1) * HOUR:
                cat, grid = str(ev.params.get("category", "waterlogging")), str(ev.params.get("grid") or self.grids[0].id)
                out.append(self._case(self._number(ev.ts, 900 + k + 1), ev.ts, cat, grid, ("report", k), serious=True))
        return tuple(sorted(out, key=lambda c: c.received_ts))

    @staticmethod
    def _number(t: float, seq: int) -> str:
        import time

        day = time.gmtime(t + TZ_OFFSET_S)
        return f"GOV-{day.tm_mon:02d}{day.tm_mday:02d}-{seq:03d}"

    def _case(self, cid: str, received: float, cat_id: str, grid: str, key: tuple, serious: bool | None = None) -> Case:
        cat = self.catalogue.categories[cat_id]
        r = lambda name: unit_random(self.seed, name, *key)  # noqa: E731
        hour = local_hour(received)
        patrol = PATROL_HOURS[0] <= hour < PATROL_HOURS[1]
        source = "inspection" if patrol and "inspection" in cat.sources and r("src") < INSPECTION_SHARE else "hotline"
        if "hotline" not in cat.sources:
            source = "inspection"
        due = received + cat.due_h * HOUR
        urgent = cat.due_h <= 4
        if urgent or 8 <= hour < 20:
            dispatched = received + 60 * (5 + 35 * r("d"))
        else:  # the night shift sends the non-urgent ones on at 08:00
            wait = ((8 - hour) % 24) * HOUR
            dispatched = received + wait + 60 * (5 + 25 * r("d"))
        in_hand = dispatched + 60 * ((5 + 15 * r("h")) if urgent else (10 + 110 * r("h")))
        if r("late") < LATE_SHARE:
            closed = due + (due - received) * (0.05 + 0.75 * r("c"))
        else:
            closed = max(in_hand + 600, received + (due - received) * (0.25 + 0.7 * r("c")))
            closed = min(closed, due)
        closed = max(closed, in_hand + 300)
        rating = None
        if r("rated") < RATED_SHARE:
            u = r("rating")
            rating = (5 if u < 0.6 else 4 if u < 0.9 else 3 if u < 0.96 else 2) if closed <= due else (4 if u < 0.35 else 3 if u < 0.7 else 2 if u < 0.9 else 1)
        if serious is None:
            serious = bool(cat.incident) and r("serious") < float(cat.incident.get("chance", 0))
            # a waterlogged road is serious only under rain (a burst pipe by day stays a case)
            serious = serious and (cat.id != "waterlogging" or self.raining(received))
        g = self._by_grid[grid]
        lat, lon = self._point_in(g, key)
        return Case(cid, source, cat.id, cat.department, grid, lat, lon, received, due, dispatched, in_hand, closed, rating, serious)

    def _point_in(self, grid: Entity, key: tuple) -> tuple[float, float]:
        from shapely.geometry import Point, Polygon

        poly = Polygon([(lon, lat) for lat, lon in grid.attrs["area"]])
        x0, y0, x1, y1 = poly.bounds
        for k in range(20):
            x = x0 + (x1 - x0) * unit_random(self.seed, "x", *key, k)
            y = y0 + (y1 - y0) * unit_random(self.seed, "y", *key, k)
            if poly.contains(Point(x, y)):
                return round(y, 5), round(x, 5)
        c = poly.representative_point()
        return round(c.y, 5), round(c.x, 5)

    def cases_between(self, t0: float, t1: float) -> list[Case]:
        """The cases received in (t0, t1], in order."""
        out = []
        for slot in range(int(t0 // HOUR), int(t1 // HOUR) + 1):
            out.extend(c for c in self._slot_cases(slot) if t0 < c.received_ts <= t1)
        return out

    def cases_at(self, t: float) -> list[Case]:
        """Every case that may still count at ``t`` (received in the look-back)."""
        return self.cases_between(t - LOOKBACK_S, t)

    # -- readings ----------------------------------------------------------------------
    def figures_at(self, t: float, cases: list[Case] | None = None) -> dict[str, Figures]:
        """Figures per entity id (grids, departments, the city's summary) at ``t``."""
        out = {e.id: Figures() for e in self._all}
        summary = self._all[-1].id
        for c in self.cases_at(t) if cases is None else cases:
            for eid in (c.grid, f"GOV-DEPT-{c.department}", summary):
                add_case(out[eid], c, t)
        return out

    def readings_between(self, t0: float, t1: float) -> list[Reading]:
        out: list[Reading] = []
        for t in grid_times(t0, t1, INTERVAL_S):
            figures = self.figures_at(t)
            for e in self._all:
                values = figures[e.id].values()
                out.extend(Reading(s.id, t, v) for s in e.streams if (v := values[s.id.rsplit("/", 1)[1]]) is not None)
        if self._link is not None:
            self._link.follow(self.cases_between(t1 - LOOKBACK_S, t1), t0, t1, self._by_grid)
        return out

    def moved_entities(self, t: float) -> Sequence[Entity]:
        """The cases as they stand at ``t``: open ones and those closed in the last 3 h on the map,
        older ones off it (no position), each in its stage's kind."""
        return [self.case_entity(c, t) for c in self.cases_at(t)]

    def case_entity(self, c: Case, t: float) -> Entity:
        stage = c.stage(t)
        cat = self.catalogue.categories[c.category]
        dept = self.catalogue.departments[c.department]
        grid = self._by_grid[c.grid]
        shown = stage != CLOSED or t - c.closed_ts < SHOWN_CLOSED_S
        attrs: dict[str, Any] = {
            "case": c.id, "stage": stage, "source": c.source, "category": c.category, "category_name": cat.name,
            "department": c.department, "department_name": dept.name, "grid": c.grid, "grid_name": grid.name,
            "received_ts": c.received_ts, "due_ts": c.due_ts, "serious": c.serious,
        }
        # only what has happened by t: a real platform's record knows no future
        for name, ts in (("dispatched_ts", c.dispatched_ts), ("in_hand_ts", c.in_hand_ts), ("closed_ts", c.closed_ts)):
            if ts <= t:
                attrs[name] = ts
        if stage == CLOSED and c.rating is not None:
            attrs["rating"] = c.rating
        return Entity(c.id, case_kind(stage), f"{cat.name} {c.id}", c.lat if shown else None, c.lon if shown else None, attrs)
