"""The emergency demo: quiet hazards and full depots, until the tour (or an operator) fires an event.

``chemical_leak`` (at a chemical park, the city's scenario by default): the leak grows at its rate
until it is stopped, the impact range grows with it (plugins.emergency.impact); the nearest hazmat
team by road time is dispatched three minutes later and drives the safe route (never into the range
at its largest) to a staging point outside it; the people inside are moved to the nearest shelter
outside the range, which fills. ``underpass_flooded``: water stands in the underpass, the range
closes the roads around it, the nearest flood team drives there. With the core's incident book
attached (``services["incidents"]``) each event opens an incident with its plan, and the team's
dispatch, arrival and the plan's steps are acted on it as simulated time passes them.
Closed-form in time except those actions, which happen once each."""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from console.city import City
from console.model import Entity, Reading
from console.sources.simulator import ScenarioEvent, Simulator, grid_times, unit_noise
from plugins.emergency.impact import ImpactRange, impact_range
from plugins.emergency.places import (INTERVAL_S, counted_places, city_data, emergency_entities, impact_id,
                                      population, route_id)
from plugins.emergency.routing import NoSafeRoute, RoadGraph, Route, metres

log = logging.getLogger(__name__)

DISPATCH_AFTER_S = 180.0  # from the alarm to the team leaving
EVACUATE_AFTER_S = 600.0  # the evacuation starts
EVACUATE_TAU_S = 1800.0  # the shelter fills towards its evacuees with this time constant
EVACUEE_SHARE = 0.6  # of the people inside the range, those who go to the shelter (others to family)
STAGING_MARGIN_M = 300.0  # the staging point keeps this far outside the range
TEAM_FOR = {"chemical_leak": "hazmat", "underpass_flooded": "flood"}


@dataclass
class Response:
    """One event as the simulator plays it."""

    kind: str
    ts: float
    hazard: Entity
    params: dict[str, Any]
    team: Entity | None = None
    route: Route | None = None
    route_error: str = ""
    shelter: Entity | None = None
    depots: tuple[str, ...] = ()  # the depots within half an hour's road of the scene: they supply it
    incident_id: int | None = None
    arrived_told: bool = False

    def size(self, t: float) -> float:
        """Tonnes leaked, or water depth in m, at ``t``."""
        dt = max(0.0, t - self.ts) / 60.0
        if self.kind == "chemical_leak":
            return float(self.params["rate_t_per_min"]) * min(dt, float(self.params["stop_after_min"]))
        return float(self.params["depth_m"]) * min(1.0, dt / 20.0)  # up to its depth in 20 minutes

    def final_size(self) -> float:
        return self.size(self.ts + 24 * 3600)

    @property
    def depart(self) -> float:
        return self.ts + DISPATCH_AFTER_S

    @property
    def arrive(self) -> float:
        return self.depart + (self.route.seconds if self.route else 0.0)


class EmergencySimulator(Simulator):
    backfill_s = 6 * 3600
    move_interval_s = 15.0

    def __init__(self, city: City, seed: int = 1) -> None:
        super().__init__(city, seed)
        self._all = emergency_entities(city)
        self._by_id = {e.id: e for e in self._all}
        self._data = city_data(city.id) or {}
        self.roads = RoadGraph.for_city(city.id)
        self._places = counted_places(city)
        self._cell_deg, self._cells = population(city.id)
        self.responses: list[Response] = []
        self._book: Any = None
        self._ranges: dict[tuple[str, str, int], ImpactRange] = {}

    # -- wiring --------------------------------------------------------------------------------
    def attach(self, services: dict[str, Any]) -> None:
        self._book = services.get("incidents")

    def entities(self) -> Sequence[Entity]:
        return self._all

    def of_kind(self, kind: str) -> list[Entity]:
        return [e for e in self._all if e.kind == kind]

    # -- events --------------------------------------------------------------------------------
    def apply_event(self, event: ScenarioEvent) -> bool:
        if event.type not in TEAM_FOR:
            return False
        if self.roads is None or not self._data:
            raise ValueError(f"{event.type}: the emergency plugin ships no data or road graph for {self.city.id}")
        params = {**self._data.get("scenarios", {}).get(event.type, {}), **event.params}
        hazard = self._by_id.get(str(params.get("hazard", "")))
        if hazard is None or hazard.kind != "hazard":
            raise ValueError(f"{event.type}: no hazard {params.get('hazard')!r} in {self.city.id}")
        resp = Response(event.type, event.ts, hazard, params)
        self._plan(resp)
        self.responses.append(resp)
        self.events.append(event)
        self._open_incident(resp)
        return True

    def impact_at(self, resp: Response, t: float, size: float | None = None) -> ImpactRange:
        """The range at ``t`` (or of ``size``); sizes are rounded to 1 % of the final one and each computed once."""
        size = resp.size(t) if size is None else size
        step = max(resp.final_size() / 100.0, 1e-6)
        key = (resp.kind, resp.hazard.id, round(size / step))
        hit = self._ranges.get(key)
        if hit is None:
            hit = self._ranges[key] = impact_range(resp.kind, key[2] * step, resp.hazard.lat, resp.hazard.lon,
                                                   self._places, self._cells, self._cell_deg)
        return hit

    def _plan(self, resp: Response) -> None:
        """Pick the team, the staging point, the safe route and the shelter against the range at its largest."""
        final = self.impact_at(resp, 0.0, resp.final_size())
        area = final.polygon_lonlat()
        hz = (resp.hazard.lat, resp.hazard.lon)
        teams = [e for e in self.of_kind("rescue_team") if e.attrs["specialty"] == TEAM_FOR[resp.kind]]
        reach = self.roads.nearest(*hz, [(e.id, e.lat, e.lon) for e in teams])
        margin = final.radius_m + STAGING_MARGIN_M
        outside = [n for n, p in self.roads.nodes.items() if metres(p, hz) > margin]
        for r in reach:
            team = self._by_id[r.id]
            staging = self.roads.nodes[self.roads.nearest_node(*hz, among=outside)] if resp.kind == "chemical_leak" else None
            try:
                goal = staging if staging is not None else hz
                resp.route = self.roads.safe_route((team.lat, team.lon), goal, area if staging is not None else None)
                resp.team = team
                break
            except NoSafeRoute as exc:
                resp.route_error = str(exc)
        shelters = [e for e in self.of_kind("shelter") if e.id not in final.inside.get("shelter", ())]
        best = self.roads.nearest(*hz, [(e.id, e.lat, e.lon) for e in shelters], limit=1)
        resp.shelter = self._by_id[best[0].id] if best else None
        depots = self.of_kind("supply_depot")
        resp.depots = tuple(r.id for r in self.roads.nearest(*hz, [(e.id, e.lat, e.lon) for e in depots]) if r.seconds < 1800)

    def current(self, t: float) -> Response | None:
        """The latest event that has begun by ``t``."""
        live = [r for r in self.responses if r.ts <= t]
        return max(live, key=lambda r: r.ts) if live else None

    # -- the incident book -----------------------------------------------------------------------
    def _open_incident(self, resp: Response) -> None:
        if self._book is None:
            return
        try:
            inc = self._book.open(resp.kind, f"{resp.hazard.name} {'危化品泄漏' if resp.kind == 'chemical_leak' else '积水'}",
                                  "simulator", severity=2 if resp.kind == "chemical_leak" else 3,
                                  lat=resp.hazard.lat, lon=resp.hazard.lon, place=resp.hazard.name,
                                  origin="manual", entity_id=resp.hazard.id, plan_id=f"emergency.{resp.kind}")
            resp.incident_id = inc.id
            if resp.team is not None:
                self._book.act(inc.id, "assign", "simulator", team=resp.team.id)
        except Exception:  # the demo plays on without the book; the reason is logged
            log.exception("emergency: the %s incident could not be opened", resp.kind)

    def _tell_progress(self, t: float) -> None:
        """The team's arrival and the plan's steps, acted on the incident once each as ``t`` passes them:
        each step but the last done at 80 % of its due time (the last, the follow-up, is the operator's)."""
        if self._book is None:
            return
        for resp in self.responses:
            if resp.incident_id is None:
                continue
            if resp.team is not None and not resp.arrived_told and t >= resp.arrive:
                resp.arrived_told = True
                self._act(resp, "arrive", team=resp.team.id)
            inc = self._book.get(resp.incident_id)
            if inc is None or inc.state == "closed":
                continue
            steps = self._book.plan(inc).steps[:-1]
            for s in steps:
                if s.id not in inc.steps_done and s.due_min is not None and t >= resp.ts + 0.8 * s.due_min * 60:
                    self._act(resp, "step_done", step=s.id)

    def _act(self, resp: Response, action: str, **args: Any) -> None:
        try:
            self._book.act(resp.incident_id, action, "simulator", **args)
        except Exception:  # refused or failed: logged, the demo plays on
            log.exception("emergency: %s on incident #%s", action, resp.incident_id)

    # -- where things are ------------------------------------------------------------------------
    def team_position(self, resp: Response, t: float) -> tuple[float, float] | None:
        if resp.route is None:
            return None
        path = resp.route.path
        if t <= resp.depart:
            return tuple(path[0])
        if t >= resp.arrive:
            return tuple(path[-1])
        # along the path at even speed over its length (the demo's approximation of each road's speed)
        want = resp.route.metres * (t - resp.depart) / resp.route.seconds
        for a, b in zip(path, path[1:]):
            d = metres(a, b)
            if want <= d and d > 0:
                f = want / d
                return a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1])
            want -= d
        return tuple(path[-1])

    def moved_entities(self, t: float) -> Sequence[Entity]:
        resp = self.current(t)
        if resp is None:
            return ()
        rng = self.impact_at(resp, t)
        imp = self._by_id[impact_id(self.city)]
        # the names stay the same while the range grows and the team drives (the map then moves and
        # redraws what changed, instead of sending every marker again)
        out = [Entity(imp.id, imp.kind, f"{resp.hazard.name} 影响范围", resp.hazard.lat, resp.hazard.lon,
                      {**imp.attrs, "area": rng.area, "event": resp.kind, "hazard": resp.hazard.id,
                       "radius_m": round(rng.radius_m), "inside": {k: list(v) for k, v in rng.inside.items()}}, imp.streams)]
        route = self._by_id[route_id(self.city)]
        if resp.route is not None and resp.team is not None:
            out.append(Entity(route.id, route.kind, f"{resp.team.name} → {resp.hazard.name} 安全路线", resp.route.path[-1][0],
                              resp.route.path[-1][1], {**route.attrs, "path": resp.route.path, "team": resp.team.id,
                                                       "minutes": round(resp.route.seconds / 60, 1)}))
            pos = self.team_position(resp, t)
            if pos is not None:
                out.append(Entity(resp.team.id, resp.team.kind, resp.team.name, pos[0], pos[1], resp.team.attrs, resp.team.streams))
        return out

    # -- readings ------------------------------------------------------------------------------
    def values_at(self, t: float) -> dict[str, float]:
        out: dict[str, float] = {}
        resp = self.current(t)
        for h in self.of_kind("hazard"):
            sid = h.streams[0].id
            v = {"leak_t": 0.0, "water_depth_m": 0.0, "seepage": 0.0,
                 "level_m": 18.2 + 0.05 * unit_noise(self.seed, h.id, int(t // 3600)),
                 "displacement_mm": 0.4 + 0.2 * unit_noise(self.seed, h.id, int(t // 3600))}[sid.rsplit("/", 1)[1]]
            if resp is not None and resp.hazard.id == h.id:
                v = resp.size(t)
            out[sid] = v
        for d in self.of_kind("supply_depot"):
            stock = next(x["stock"] for x in self._data["depots"] if x["id"] == d.id)
            for k, n in stock.items():
                used = 0.0
                if (resp is not None and resp.team is not None and t > resp.arrive and d.id in resp.depots
                        and k in ("absorbent", "hazmat_suits", "sandbags")):
                    used = min(n * 0.4, (t - resp.arrive) / 60.0 * (2 if k != "sandbags" else 150))
                out[f"emergency/depot/{d.id}/{k}"] = float(round(n - used))
        for e in self.of_kind("rescue_team"):
            status, eta = 0.0, 0.0
            if resp is not None and resp.team is not None and resp.team.id == e.id and t >= resp.depart:
                status = 2.0 if t >= resp.arrive else 1.0
                eta = max(0.0, (resp.arrive - t) / 60.0)
            out[f"emergency/team/{e.id}/status"] = status
            out[f"emergency/team/{e.id}/eta_min"] = round(eta, 1)
        peak = self.impact_at(resp, 0.0, resp.final_size()) if resp is not None else None
        for s in self.of_kind("shelter"):
            base = 0.0
            if resp is not None and resp.shelter is not None and resp.shelter.id == s.id and peak is not None and t > resp.ts + EVACUATE_AFTER_S:
                want = min(s.attrs["capacity"] * 0.95, peak.people * EVACUEE_SHARE)
                base = want * (1 - math.exp(-(t - resp.ts - EVACUATE_AFTER_S) / EVACUATE_TAU_S))
            out[f"emergency/shelter/{s.id}/occupancy"] = float(round(base))
        rng = self.impact_at(resp, t) if resp is not None else None
        b = f"emergency/event/{self.city.id}"
        out[f"{b}/radius_m"] = rng.radius_m if rng else 0.0
        out[f"{b}/people"] = float(rng.people) if rng else 0.0
        for k, key in (("school", "schools"), ("hospital", "hospitals"), ("shelter", "shelters")):
            out[f"{b}/{key}"] = float(rng.count(k)) if rng else 0.0
        return out

    def readings_between(self, t0: float, t1: float) -> list[Reading]:
        if not self._all:
            return []
        out: list[Reading] = []
        for t in grid_times(t0, t1, INTERVAL_S):
            out.extend(Reading(sid, t, v) for sid, v in self.values_at(t).items())
        self._tell_progress(t1)
        return out

    def prepare_demo(self, now: float) -> None:
        """Nothing by default: the tour's emergency chapter fires the leak."""
