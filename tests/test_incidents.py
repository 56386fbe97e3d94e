"""The incident book (console.incidents): the state machine under hypothesis on a real
SQLite file, one audit row per action (refused ones too), persistence across a restart,
plans and their SLA timers, alarms opening and joining incidents, an overdue incident's
one system alarm, and the runtime's wiring (services["incidents"], a manifest's plans)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from console.alarms.engine import AlarmEngine
from console.alarms.rules import compile_rule
from console.audit.permissions import Actor
from console.hub.hub import Hub
from console.incidents.book import OVERDUE_RULE, IncidentBook
from console.incidents.model import SEVERITY_LEVELS, STATES, IncidentRefused
from console.incidents.plans import GENERIC_PLAN, Plan, PlanError, Plans, PlanStep, overdue, parse_plan, sla_clock
from console.model import Entity, Reading, StreamSpec
from console.store.store import Store
from tests.test_alarm_states import T0, FakeClock

OP = Actor("wang", "operator")
VIEWER = Actor("zhao", "viewer")
LEAK = {
    "id": "test.leak", "kind": "leak", "title": "泄漏处置", "title_en": "Leak response", "severity": 2,
    "dispatch_within_min": 10, "on_scene_within_min": 30,
    "steps": [{"id": "evacuate", "title": "疏散群众", "title_en": "Evacuate", "due_min": 20},
              {"id": "seal", "title": "封堵", "title_en": "Seal", "due_min": 60},
              {"id": "review", "title": "复盘", "title_en": "Review"}],
}


class World:
    """A store, hub, engine and book on a real SQLite file; ``restart`` closes and opens them again."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.clock = FakeClock()
        self._start()

    def _start(self) -> None:
        self.store = Store(self.folder / "c.sqlite3", retention_days=None)
        self.hub = Hub(self.store, self.clock)
        self.hub.add_entities([Entity(g, "gauge", f"{g}站", 36.9, 118.7 + k / 100, {"warning_level": 2.0},
                                      (StreamSpec(f"g/{g}/level", "l", "m", 60),)) for k, g in enumerate(("G1", "G2"))],
                              persist=False)
        rule = compile_rule({"id": "warn", "type": "threshold", "streams": "g/*/level", "limit": "attr:warning_level",
                             "severity": 3, "message": "{name} above warning", "incident_plan": "test.leak"})
        self.engine = AlarmEngine(self.hub, [rule])
        self.book = IncidentBook(self.store, self.hub, Plans([parse_plan(LEAK, "test")]), self.clock,
                                 rule_plans={"warn": "test.leak"})
        self.book.watch_overdue(self.engine)

    def restart(self) -> None:
        self.store.close()
        self._start()

    def audit(self) -> list[tuple]:
        return self.store.query("SELECT action, target, outcome FROM audit WHERE action LIKE 'incident.%' ORDER BY id")

    def level(self, gauge: str, value: float) -> None:
        self.clock.t += 1
        self.hub.submit([Reading(f"g/{gauge}/level", self.clock.t, value)])
        assert self.store.flush()

    def alarm(self, gauge: str):
        return next(a for a in self.engine.open_alarms() if a.stream == f"g/{gauge}/level")


@pytest.fixture
def world(tmp_path):
    w = World(tmp_path)
    yield w
    w.store.close()


# -- the state machine under hypothesis ------------------------------------------------
TEAMS = st.sampled_from(["team-1", "team-2", "", "team-3"])
ACTION = st.one_of(
    st.tuples(st.just("assign"), st.fixed_dictionaries({"team": TEAMS})),
    st.tuples(st.just("arrive"), st.fixed_dictionaries({"team": TEAMS})),
    st.tuples(st.just("release"), st.fixed_dictionaries({"team": TEAMS})),
    st.tuples(st.just("step_done"), st.fixed_dictionaries({"step": st.sampled_from(["evacuate", "seal", "review", "nope"])})),
    st.tuples(st.just("note"), st.fixed_dictionaries({"text": st.sampled_from(["", "  ", "风向东北", "封路"])})),
    st.tuples(st.just("severity"), st.fixed_dictionaries({"level": st.integers(0, 5)})),
    st.tuples(st.just("join_alarm"), st.fixed_dictionaries({"alarm_id": st.integers(1, 4)})),
    st.tuples(st.just("close"), st.fixed_dictionaries({"summary": st.sampled_from(["", "处置完毕，无人员伤亡"])})),
    st.tuples(st.just("fly"), st.just({})),  # no such action
    st.tuples(st.just("assign"), st.just({})),  # a missing argument
    st.tuples(st.just("open"), st.fixed_dictionaries({"severity": st.integers(0, 5)})),
)
STEP = st.tuples(ACTION, st.sampled_from([OP, OP, OP, VIEWER, "system"]), st.integers(0, 2), st.floats(0, 900))


def _check_legal(i, plan_steps) -> None:
    assert i.state in STATES and i.severity in SEVERITY_LEVELS
    assert all(s in ("dispatched", "on_scene", "released") for s in i.teams.values())
    assert set(i.steps_done) <= set(plan_steps)
    assert len(set(i.alarm_ids)) == len(i.alarm_ids)
    assert i.timeline[0].action == "open" and all(a.ts <= b.ts for a, b in zip(i.timeline, i.timeline[1:]))
    actions = [e.action for e in i.timeline]
    if i.state != "closed":  # an incident may close from any state (a false report needs no team)
        assert (i.state == "open") == ("assign" not in actions)  # dispatched once a team is assigned
        assert (i.state == "on_scene") == ("arrive" in actions)  # and never back
    assert (i.state == "closed") == (i.closed_ts is not None) == bool(i.summary.strip())
    assert actions.count("close") == (i.state == "closed") and (i.state != "closed" or actions[-1] == "close")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(STEP, max_size=30))
def test_any_sequence_of_actions_leaves_legal_incidents_and_one_audit_row_each(steps):
    with tempfile.TemporaryDirectory() as folder:
        w = World(Path(folder))
        try:
            rows = 0
            for (action, args), who, target, dt in steps:
                w.clock.t += dt
                ids = [i.id for i in w.book.recent(100)] + [99]
                before = {i.id: i for i in w.book.recent(100)}
                try:
                    if action == "open":
                        got = w.book.open("leak", "氨气泄漏", who, severity=args["severity"])
                        assert got.id not in before
                    else:
                        iid = ids[target % len(ids)]
                        got = w.book.act(iid, action, who, **args)
                        assert got.timeline[:-1] == before[iid].timeline  # one new entry
                        assert got.timeline[-1].action == action
                    ok = True
                except IncidentRefused as exc:
                    assert exc.reason
                    ok = False
                    # a refused action leaves every incident as it was
                    assert {i.id: i for i in w.book.recent(100)} == before
                rows += 1
                audit = w.audit()
                assert len(audit) == rows  # exactly one audit row per action, refused ones too
                assert audit[-1][0] == f"incident.{action}" and (audit[-1][2] == "ok") == ok
                for i in w.book.recent(100):
                    _check_legal(i, w.book.plan(i).step_ids)
            kept = {i.id: i for i in w.book.recent(100)}
            w.restart()
            assert {i.id: i for i in w.book.recent(100)} == kept  # the file holds what memory held
        finally:
            w.store.close()


# -- worked examples -------------------------------------------------------------------
def test_an_incident_goes_from_open_to_closed_with_its_timeline(world):
    w = world
    i = w.book.open("leak", "氨气泄漏", OP, severity=2, lat=36.9, lon=118.7, place="化工园区")
    assert (i.state, i.plan_id, i.opened_by) == ("open", "test.leak", "wang")
    w.clock.t += 60
    assert w.book.act(i.id, "assign", OP, team="team-1").state == "dispatched"
    with pytest.raises(IncidentRefused, match="not dispatched"):
        w.book.act(i.id, "arrive", OP, team="team-2")  # a team must be assigned before it arrives
    assert w.book.act(i.id, "arrive", OP, team="team-1").state == "on_scene"
    w.book.act(i.id, "step_done", OP, step="evacuate")
    w.book.act(i.id, "release", OP, team="team-1")
    with pytest.raises(IncidentRefused, match="summary"):
        w.book.act(i.id, "close", OP, summary="  ")
    done = w.book.act(i.id, "close", OP, summary="已处置")
    assert (done.state, done.closed_ts, done.teams) == ("closed", w.clock.t, {"team-1": "released"})
    assert [e.action for e in done.timeline] == ["open", "assign", "arrive", "step_done", "release", "close"]
    with pytest.raises(IncidentRefused, match="closed"):
        w.book.act(i.id, "note", OP, text="too late")
    assert w.book.open_incidents() == [] and w.book.recent() == [done]
    outcomes = [o for _, _, o in w.audit()]
    assert outcomes == ["ok", "ok", "refused: team team-2 is not dispatched", "ok", "ok", "ok",
                        "refused: a summary is required to close", "ok", "refused: the incident is closed"]


def test_a_viewer_is_refused_and_the_refusal_audited(world):
    w = world
    with pytest.raises(IncidentRefused, match="viewer"):
        w.book.open("leak", "氨气泄漏", VIEWER, severity=2)
    i = w.book.open("leak", "氨气泄漏", OP, severity=2)
    with pytest.raises(IncidentRefused, match="viewer"):
        w.book.act(i.id, "close", VIEWER, summary="done")
    assert w.audit() == [("incident.open", "incident:new", "denied: role viewer may not incident.open"),
                         ("incident.open", f"incident:{i.id}", "ok"),
                         ("incident.close", f"incident:{i.id}", "denied: role viewer may not incident.close")]
    assert w.book.get(i.id).state == "open"


def test_incidents_survive_a_restart_and_ids_go_on(world):
    w = world
    a = w.book.open("leak", "氨气泄漏", OP, severity=2, entity_id="G1")
    a = w.book.act(a.id, "assign", OP, team="team-1")
    a = w.book.act(a.id, "step_done", "sim:emergency", step="evacuate")
    b = w.book.open("fire", "仓库起火", OP, severity=3)
    b = w.book.act(b.id, "close", OP, summary="误报")
    w.restart()
    assert w.book.get(a.id) == a and w.book.get(b.id) == b
    assert w.book.open_incidents() == [a]
    c = w.book.open("fire", "又一起", OP, severity=4)
    assert c.id > b.id
    assert w.book.act(a.id, "arrive", OP, team="team-1").state == "on_scene"


def test_the_hub_hears_of_each_change(world):
    w = world
    w.hub.take_updates()
    i = w.book.open("leak", "氨气泄漏", OP, severity=2)
    w.book.act(i.id, "note", OP, text="风向东北")
    got = w.hub.take_updates()
    assert got.incident_ids == {i.id} and got
    with pytest.raises(IncidentRefused):
        w.book.act(i.id, "note", OP, text="")
    assert w.hub.take_updates().incident_ids == frozenset()  # a refusal changes nothing


# -- plans and their timers ---------------------------------------------------------------
def test_a_plan_is_parsed_and_a_bad_one_named():
    p = parse_plan(LEAK, "leak.json")
    assert p.steps[0] == PlanStep("evacuate", "疏散群众", "Evacuate", 20.0) and p.steps[2].due_min is None
    for bad, word in ((LEAK | {"severity": 5}, "severity"), (LEAK | {"steps": [{"id": "a"}]}, "title"),
                      (LEAK | {"dispatch_within_min": -1}, "dispatch_within_min"), ({"id": "x"}, "kind"),
                      (LEAK | {"steps": [LEAK["steps"][0], LEAK["steps"][0]]}, "twice")):
        with pytest.raises(PlanError, match=word):
            parse_plan(bad, "leak.json")
    plans = Plans([p])
    assert plans.choose("leak") is p and plans.choose("fire") is GENERIC_PLAN and plans.choose("fire", "test.leak") is p


def test_overdue_counts_from_the_opening(world):
    w = world
    i = w.book.open("leak", "氨气泄漏", OP, severity=2)
    plan = w.book.plan(i)
    assert overdue(i, plan, T0 + 10 * 60) == []  # at the limit, not past it
    assert sla_clock(i, plan, T0 + 4 * 60) == ("dispatch", 6 * 60)  # the earliest timer, its seconds left
    assert sla_clock(i, plan, T0 + 12 * 60) == ("dispatch", -2 * 60)  # negative: over by that much
    assert overdue(i, plan, T0 + 10 * 60 + 1) == [("dispatch", T0 + 600)]
    assert overdue(i, plan, T0 + 31 * 60) == [("dispatch", T0 + 600), ("evacuate", T0 + 1200), ("on_scene", T0 + 1800)]
    i = w.book.act(i.id, "assign", OP, team="team-1")
    i = w.book.act(i.id, "step_done", OP, step="evacuate")
    assert overdue(i, plan, T0 + 31 * 60) == [("on_scene", T0 + 1800)]
    i = w.book.act(i.id, "arrive", OP, team="team-1")
    assert overdue(i, plan, T0 + 61 * 60) == [("seal", T0 + 3600)]  # a step without due_min is never late
    assert [(x.id, what) for x, what, _ in w.book.overdue(T0 + 61 * 60)] == [(i.id, "seal")]
    assert sla_clock(i, plan, T0 + 61 * 60) == ("seal", -60)
    i = w.book.act(i.id, "close", OP, summary="ok")
    assert overdue(i, plan, T0 + 1e6) == [] and sla_clock(i, plan, T0) is None


def test_an_overdue_incident_raises_one_system_alarm_until_nothing_is_late(world):
    w = world
    i = w.book.open("leak", "氨气泄漏", OP, severity=2)
    j = w.book.open("leak", "另一起", OP, severity=3)
    w.book.check_overdue()
    assert w.engine.open_alarms() == []
    w.clock.t = T0 + 11 * 60
    for _ in range(5):
        w.book.check_overdue()
    w.clock.t = T0 + 21 * 60  # a second thing late: the same alarm says so
    for _ in range(5):
        w.book.check_overdue()
    mine = [a for a in w.engine.open_alarms() if a.rule == OVERDUE_RULE.id]
    assert sorted(a.stream for a in mine) == [f"system/incident/{i.id}", f"system/incident/{j.id}"]
    assert "疏散群众" in str(next(a.message for a in mine if a.stream.endswith(f"/{i.id}")))
    assert w.store.query("SELECT count(*) FROM alarms WHERE rule = ?", (OVERDUE_RULE.id,)) == [(2,)]
    w.restart()  # the alarms and the book come back: no second alarm for the same incident
    w.book.check_overdue()
    assert w.store.query("SELECT count(*) FROM alarms WHERE rule = ?", (OVERDUE_RULE.id,)) == [(2,)]
    w.book.act(i.id, "close", OP, summary="处置完毕")
    w.book.check_overdue()
    left = [a for a in w.engine.open_alarms() if a.rule == OVERDUE_RULE.id]
    assert [a.stream for a in left if a.active] == [f"system/incident/{j.id}"]


# -- alarms open and join incidents -------------------------------------------------------
def test_an_alarm_opens_an_incident_and_a_second_alarm_of_its_entity_joins(world):
    w = world
    w.level("G1", 2.5)
    first = w.alarm("G1")
    i = w.book.open_from_alarm(first, OP)
    assert (i.origin, i.entity_id, i.alarm_ids, i.plan_id, i.kind) == (f"alarm:{first.id}", "G1", (first.id,), "test.leak", "leak")
    assert (i.severity, i.place, i.lat) == (2, "G1站", 36.9)  # the rule's plan gives its severity
    with pytest.raises(IncidentRefused, match="already"):
        w.book.open_from_alarm(first, OP)
    w.level("G1", 1.0)
    w.engine.ack(first.id, OP)
    assert w.store.flush()
    w.level("G1", 2.6)  # the same gauge again: a new alarm, the same incident
    second = w.alarm("G1")
    assert second.id != first.id
    joined = w.book.open_from_alarm(second, OP)
    assert (joined.id, joined.alarm_ids) == (i.id, (first.id, second.id))
    w.level("G2", 2.7)
    other = w.book.open_from_alarm(w.alarm("G2"), OP)
    assert other.id != i.id and len(w.book.open_incidents()) == 2
    assert [a for a, _, _ in w.audit()] == ["incident.open", "incident.join_alarm", "incident.join_alarm", "incident.open"]


# -- the runtime's wiring ---------------------------------------------------------------------
def test_the_runtime_puts_the_book_in_services_with_the_manifests_plans(tmp_path, monkeypatch):
    from console.app import runtime as rt_mod
    from console.plugins.api import PluginManifest
    from console.plugins.registry import PluginRegistry

    pkg = tmp_path / "site" / "incplans_pkg"
    (pkg / "plans").mkdir(parents=True)
    (pkg / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "plans" / "leak.json").write_text(json.dumps(LEAK, ensure_ascii=False), encoding="utf-8")
    (pkg / "plans" / "bad.json").write_text('{"id": "x"}', encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    manifest = PluginManifest(
        name="fake", title="Fake", incident_plans=("incplans_pkg:plans/leak.json", "incplans_pkg:plans/bad.json"),
        rules=({"id": "fake.warn", "type": "threshold", "streams": "x/*", "limit": 1, "incident_plan": "test.leak"},))
    reg = PluginRegistry()
    reg.plugins = {"fake": manifest}
    monkeypatch.setattr(rt_mod.PluginRegistry, "discover", classmethod(lambda cls, **kw: reg))
    rt = rt_mod.Runtime(rt_mod.RuntimeOptions(cache_dir=tmp_path / "cache", state_dir=tmp_path / "state", offline=True))
    try:
        assert rt.services["incidents"] is rt.incidents
        assert rt.incidents.plans.get("test.leak").steps[0].id == "evacuate"
        assert rt.incidents.rule_plans == {"fake.warn": "test.leak"}
        assert any("bad.json" in str(n) for n in rt.notices)  # a bad plan is named, not fatal
        assert manifest.contributions()["incident_plans"] == list(manifest.incident_plans)
    finally:
        rt.stop()
