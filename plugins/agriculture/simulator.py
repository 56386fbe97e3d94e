"""Produce quality-and-safety supervision, simulated: inspections, sampling, certificates.

Every co-operative and shop is inspected on a 30-day cycle (its phase from the seed),
on working hours; 3 % of visits slip. A co-operative's visit fails its rapid test
1.2 % of the time (re-checked and passed two days later) and needs rectification
2.8 % of the time (three days); a shop fails 0.6 % (banned pesticide on the shelf)
and needs rectification 5 %. Shop video drops out about one shop-day in two hundred.
Batches, sampling and certificates come from plugins.agriculture.batches. All of it
is a closed-form function of time: any span, cut any way, gives the same readings.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from console.city import City
from console.model import Entity, Reading
from console.sources.simulator import ScenarioEvent, Simulator, grid_times, unit_random
from plugins.agriculture.batches import DAY, BatchBook, day_of, day_start
from plugins.agriculture.places import (
    FAIL, GRID_INTERVAL_S, INSPECTION_INTERVAL_S, PASS, RECTIFY, SUMMARY_INTERVAL_S, VIDEO_INTERVAL_S, agri_places,
)

CYCLE_DAYS = 30
SKIP_P = 0.03
_OUTCOMES = {"coop": ((0.012, FAIL, 2), (0.040, RECTIFY, 3)), "input_shop": ((0.006, FAIL, 2), (0.056, RECTIFY, 3))}
VIDEO_OUTAGE_P = 0.005
TRACE_SERVICE = "agriculture.trace"


class AgricultureSimulator(Simulator):
    backfill_s = 6 * 3600

    def __init__(self, city: City, seed: int = 1) -> None:
        super().__init__(city, seed)
        self.places = agri_places(city, seed)
        self.book = BatchBook(self.places, seed)
        self._inspected = [*self.places.coops, *self.places.shops]
        self._visits = lru_cache(maxsize=8)(self._visits_on)
        self._outages = lru_cache(maxsize=8)(self._outages_on)
        self._trace: Any = None  # the trace service, once the runtime attaches it
        self._forced_fail: dict[str, float] = {}  # entity id -> time a scenario failed it

    def entities(self) -> Sequence[Entity]:
        return self.places.entities()

    # -- the runtime's services -----------------------------------------------------
    def attach(self, services: dict[str, Any]) -> None:
        self._trace = services.get(TRACE_SERVICE)

    def prepare_demo(self, now: float) -> None:
        """A co-operative's sample failed an hour ago; three days of batch records in the
        cache, with the one tampered batch the tour reveals."""
        self._forced_fail[self.places.coops[416].id] = now - 3600
        if self._trace is None:
            return
        self._trace.put(self.book.records_between(now - 3 * DAY, now))
        chain, altered = self.book.demo_tampered(now)
        self._trace.put(chain)
        self._trace.overwrite(altered)

    def apply_event(self, event: ScenarioEvent) -> bool:
        if event.type == "scan_batch" and self._trace is not None:
            self._trace.scan(str(event.params.get("batch", "")))
        elif event.type == "failed_sample":
            eid = str(event.params.get("entity", self.places.coops[0].id))
            self._forced_fail[eid] = event.ts
        else:
            return False
        self.events.append(event)
        return True

    # -- inspections -------------------------------------------------------------------
    def _visit(self, e: Entity, d: int) -> tuple[float, float, int] | None:
        """(time, outcome, follow-up days) of the entity's visit on day d, if it has one."""
        if (d + e.attrs["phase"]) % CYCLE_DAYS or unit_random(self.seed, e.id, d, "skip") < SKIP_P:
            return None
        ts = day_start(d) + 8.5 * 3600 + 8.5 * 3600 * unit_random(self.seed, e.id, d, "at")
        u = unit_random(self.seed, e.id, d, "res")
        for p, outcome, follow in _OUTCOMES[e.kind]:
            if u < p:
                return ts, outcome, follow
        return ts, PASS, 0

    def _visits_on(self, d: int) -> list[tuple[float, Entity, float]]:
        """Every visit scheduled on day d: (time, entity, outcome); time inf if it slipped."""
        out = []
        for e in self._inspected:
            if (d + e.attrs["phase"]) % CYCLE_DAYS == 0:
                v = self._visit(e, d)
                out.append((v[0], e, v[1]) if v else (float("inf"), e, PASS))
        return out

    def last_inspection(self, e: Entity, t: float) -> float:
        """The outcome of the entity's last inspection at time t (a fail or a rectification
        stands until the follow-up visit passes)."""
        forced = self._forced_fail.get(e.id)
        if forced is not None and forced <= t < forced + 2 * DAY:
            return FAIL
        d = day_of(t)
        d0 = d - (d + e.attrs["phase"]) % CYCLE_DAYS
        for back in range(4):
            v = self._visit(e, d0 - back * CYCLE_DAYS)
            if v is None or v[0] > t:
                continue
            ts, outcome, follow = v
            return PASS if outcome != PASS and t >= ts + follow * DAY else outcome
        return PASS

    # -- shop video ----------------------------------------------------------------------
    def _outages_on(self, d: int) -> dict[str, tuple[float, float]]:
        out = {}
        for e in self.places.shops:
            if unit_random(self.seed, e.id, d, "vo") < VIDEO_OUTAGE_P:
                start = day_start(d) + DAY * unit_random(self.seed, e.id, d, "vs")
                out[e.id] = (start, start + 3600 * (1 + 7 * unit_random(self.seed, e.id, d, "vd")))
        return out

    def video_online(self, shop_id: str, t: float) -> bool:
        d = day_of(t)
        for dd in (d, d - 1):
            span = self._outages(dd).get(shop_id)
            if span and span[0] <= t < span[1]:
                return False
        return True

    # -- readings -------------------------------------------------------------------------
    def readings_between(self, t0: float, t1: float) -> list[Reading]:
        out: list[Reading] = []
        for t in grid_times(t0, t1, INSPECTION_INTERVAL_S):
            out += [Reading(e.streams[0].id, t, self.last_inspection(e, t)) for e in self._inspected]
        for t in grid_times(t0, t1, VIDEO_INTERVAL_S):
            out += [Reading(e.streams[1].id, t, 1.0 if self.video_online(e.id, t) else 0.0) for e in self.places.shops]
        for t in grid_times(t0, t1, GRID_INTERVAL_S):
            out += self._grid_readings(t)
        for t in grid_times(t0, t1, SUMMARY_INTERVAL_S):
            out += self._summary_readings(t)
        if self._trace is not None:
            records = self.book.records_between(t0, t1)
            if records:
                self._trace.put(records)
        return out

    def inspections_today(self, t: float) -> dict[str, tuple[int, int]]:
        """grid id -> (done, due) for the local day of t."""
        counts = {g.id: [0, 0] for g in self.places.grids}
        for ts, e, _ in self._visits(day_of(t)):
            c = counts[e.attrs["grid"]]
            c[1] += 1
            c[0] += ts <= t
        return {g: (c[0], c[1]) for g, c in counts.items()}

    def _grid_readings(self, t: float) -> list[Reading]:
        out = []
        for gid, (done, due) in self.inspections_today(t).items():
            base = f"agriculture/grid/{gid}/"
            out += [Reading(base + "done", t, float(done)), Reading(base + "due", t, float(due)),
                    Reading(base + "completion", t, round(100.0 * done / due, 1) if due else 100.0)]
        return out

    def _summary_readings(self, t: float) -> list[Reading]:
        base = f"agriculture/city/{self.city.id}/"
        today = day_start(day_of(t))
        n_today, f_today = self.book.samples_between(today, t)
        n24, f24 = self.book.samples_between(t - DAY, t)
        per_grid = self.inspections_today(t).values()
        out = [
            Reading(base + "certificates_today", t, float(self.book.certificates_today(t))),
            Reading(base + "samples_today", t, float(n_today)),
            Reading(base + "failed_samples_today", t, float(f_today)),
            Reading(base + "pass_rate", t, round(100.0 * (n24 - f24) / n24, 2) if n24 else 100.0),
            Reading(base + "inspections_done", t, float(sum(d for d, _ in per_grid))),
            Reading(base + "inspections_due", t, float(sum(d for _, d in per_grid))),
        ]
        # each testing station takes an even share of the day's samples
        stations = self.places.stations
        for i, st in enumerate(stations):
            out.append(Reading(st.streams[0].id, t, float(n_today // len(stations) + (i < n_today % len(stations)))))
        return out

