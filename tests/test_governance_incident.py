"""A serious case opens an incident in the real IncidentBook (on a real SQLite file) and its handling
shows on the incident's timeline: dispatched -> the department assigned, in hand -> on scene, the
plan's steps, closed -> released and closed with the case's summary; one audit row per action; a
restart neither loses nor doubles it; the back-fill of past hours opens nothing."""

from __future__ import annotations

from pathlib import Path

from console.city import load_city
from console.hub.hub import Hub
from console.incidents.book import IncidentBook
from console.incidents.plans import Plans, load_plan_ref
from console.sources.simulator import ScenarioEvent
from console.store.store import Store
from plugins.governance.manifest import PLUGIN
from plugins.governance.simulator import GovernanceSimulator
from tests.energy_parking_helpers import SetClock

WED = 1_784_044_800.0
T = WED + 86400 + 10 * 3600  # 10:00 on a Thursday
STEP = 300.0


class World:
    def __init__(self, folder: Path, now: float, scenario: bool = True) -> None:
        self.folder, self.clock, self.scenario = folder, SetClock(now), scenario
        self.start()

    def start(self) -> None:
        self.store = Store(self.folder / "cache.sqlite3", retention_days=None)
        self.hub = Hub(self.store, self.clock)
        self.book = IncidentBook(self.store, self.hub, Plans([load_plan_ref(r) for r in PLUGIN.incident_plans]), self.clock)
        self.sim = GovernanceSimulator(load_city("shouguang"), seed=1)
        if self.scenario:
            self.sim.apply_event(ScenarioEvent("rainstorm", T - 1800, {"duration_h": 3}))
            self.sim.apply_event(ScenarioEvent("case_report", T, {"category": "waterlogging", "grid": "SG-G03"}))
        self.sim.attach({"incidents": self.book})

    def run(self, t0: float, t1: float) -> None:
        t = t0
        while t < t1:
            self.clock.t = t + STEP
            self.sim.readings_between(t, t + STEP)
            t += STEP

    def restart(self) -> None:
        self.store.close()
        self.start()

    def audit_rows(self, iid: int) -> list[tuple]:
        assert self.store.flush()  # the book's actions reach the cache on the operator's priority path, a moment later
        return self.store.query("SELECT action, outcome FROM audit WHERE target = ? ORDER BY id", (f"incident:{iid}",))


def _reported(sim):
    return next(c for c in sim.cases_between(T - 1, T + 1) if c.serious and c.grid == "SG-G03")


def test_a_serious_case_opens_an_incident_and_its_handling_is_its_timeline(tmp_path):
    w = World(tmp_path, T - STEP)
    case = _reported(w.sim)
    w.run(T - STEP, case.closed_ts + STEP)
    mine = [i for i in w.book.recent(100) if i.origin == f"case:{case.id}"]
    assert len(mine) == 1
    inc = mine[0]
    assert (inc.kind, inc.severity, inc.state, inc.entity_id, inc.plan_id) == ("waterlogging", 4, "closed", "SG-G03", "governance.waterlogging")
    assert inc.place == w.sim._by_grid["SG-G03"].name and inc.title == f"道路积水 {case.id}"
    actions = [e.action for e in inc.timeline]
    assert actions == ["open", "note", "assign", "note", "arrive", "note", "step_done", "step_done", "step_done", "release", "close"]
    by_action = {e.action: e for e in inc.timeline}
    assert case.dispatched_ts <= by_action["assign"].ts < case.dispatched_ts + STEP
    assert case.in_hand_ts <= by_action["arrive"].ts < case.in_hand_ts + STEP
    assert case.closed_ts <= inc.closed_ts < case.closed_ts + STEP
    assert inc.teams == {f"GOV-DEPT-{case.department}": "released"}
    assert set(inc.steps_done) == {"cordon", "pump", "reopen"}
    assert case.id in inc.timeline[1].detail and case.id in inc.summary
    assert all(e.user == "sim:governance" for e in inc.timeline[1:])
    rows = w.audit_rows(inc.id)
    assert len(rows) == len(inc.timeline) and all(o == "ok" for _, o in rows)
    # more ticks after the closure change nothing
    w.run(case.closed_ts + STEP, case.closed_ts + 4 * STEP)
    assert w.book.get(inc.id) == inc and len(w.audit_rows(inc.id)) == len(rows)


def test_a_restart_midway_goes_on_with_the_same_incident(tmp_path):
    w = World(tmp_path, T - STEP)
    case = _reported(w.sim)
    mid = case.in_hand_ts + STEP
    w.run(T - STEP, mid)
    (before,) = [i for i in w.book.open_incidents() if i.origin == f"case:{case.id}"]
    assert before.state == "on_scene"
    w.restart()
    w.run(mid, case.closed_ts + STEP)
    mine = [i for i in w.book.recent(100) if i.origin == f"case:{case.id}"]
    assert len(mine) == 1 and mine[0].id == before.id and mine[0].state == "closed"
    assert [e.action for e in mine[0].timeline].count("assign") == 1


def test_the_back_fill_of_past_hours_opens_no_incident(tmp_path):
    later = T + 12 * 3600
    w = World(tmp_path, later)
    t = later - 12 * 3600
    while t < later - 3600:  # the back-fill's hour-long chunks, hours behind the clock
        w.sim.readings_between(t, t + 3600)
        t += 3600
    assert w.book.recent(100) == [] and w.book.open_incidents() == []


def test_the_demo_opens_in_the_storm_with_a_waterlogged_road_as_an_open_incident(tmp_path):
    w = World(tmp_path, T, scenario=False)
    w.sim.prepare_demo(T)
    assert w.sim.raining(T) and w.sim.raining(T - 4 * 3600) and not w.sim.raining(T + 3600)
    t = T - w.sim.backfill_s
    while t < T:  # the back-fill as the source does it: the last chunk ends now
        w.sim.readings_between(t, min(t + 3600, T))
        t += 3600
    reported = [i for i in w.book.open_incidents() if i.origin.endswith("-901")]  # the demo's report, its number 901
    assert len(reported) == 1 and reported[0].kind == "waterlogging" and reported[0].state == "open"
    assert all(i.origin.startswith("case:GOV-") for i in w.book.open_incidents())


def test_each_plans_steps_fall_due_in_order_and_the_on_site_ones_after_the_team_is_due_there():
    # the gas plan's first step is the centre's phone call, before anyone is there; the others are work on site
    off_site = {"call_gas"}
    for ref in PLUGIN.incident_plans:
        plan = load_plan_ref(ref)
        assert plan.dispatch_within_min < plan.on_scene_within_min, plan.id
        dues = [s.due_min for s in plan.steps]
        assert dues == sorted(dues), plan.id
        assert all(s.due_min > plan.on_scene_within_min for s in plan.steps if s.id not in off_site), plan.id
