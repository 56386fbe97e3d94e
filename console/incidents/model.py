"""An incident as a pure state machine: an action makes a new Incident with one more
timeline entry, or raises IncidentRefused and leaves it as it was. Qt-free, no domain.

States: ``open`` -> ``dispatched`` (a team assigned) -> ``on_scene`` (a team arrived) ->
``closed`` (with a summary; final). The state never goes back: releasing every team
leaves an incident ``on_scene`` (someone was there) until it is closed.
Severity is China's four levels of a public emergency (1 = most severe).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

#: 突发事件分级 (China's four levels): 1 is the most severe
SEVERITY_LEVELS = {1: "特别重大 (I)", 2: "重大 (II)", 3: "较大 (III)", 4: "一般 (IV)"}
SEVERITY_LEVELS_EN = {1: "Extremely serious (I)", 2: "Serious (II)", 3: "Major (III)", 4: "General (IV)"}
#: the colour each level is shown in: red, orange, yellow, blue
SEVERITY_COLOURS = {1: "red", 2: "orange", 3: "yellow", 4: "blue"}

STATES = ("open", "dispatched", "on_scene", "closed")
OPEN_STATES = ("open", "dispatched", "on_scene")
TEAM_STATES = ("dispatched", "on_scene", "released")
ACTIONS = ("assign", "arrive", "release", "step_done", "note", "severity", "join_alarm", "close")


class IncidentRefused(Exception):
    """An action the incident does not take; ``reason`` says why (it goes to the audit row)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class TimelineEntry:
    ts: float
    user: str
    action: str  # "open" or one of ACTIONS
    detail: str = ""


@dataclass(frozen=True)
class Incident:
    id: int
    kind: str
    title: str
    severity: int
    state: str
    opened_ts: float
    opened_by: str
    origin: str = "manual"  # "alarm:17" | "case:GOV-0042" | "video:cam-3" | "manual"
    lat: float | None = None
    lon: float | None = None
    place: str = ""
    entity_id: str | None = None
    plan_id: str | None = None
    steps_done: dict[str, tuple[float, str]] = field(default_factory=dict)  # step id -> (ts, user)
    teams: dict[str, str] = field(default_factory=dict)  # team entity id -> dispatched | on_scene | released
    alarm_ids: tuple[int, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    closed_ts: float | None = None
    summary: str = ""

    @property
    def is_open(self) -> bool:
        return self.state != "closed"

    def active_teams(self) -> list[str]:
        """Teams dispatched or on scene (not released)."""
        return [t for t, s in self.teams.items() if s != "released"]

    def first(self, action: str) -> float | None:
        """When ``action`` was first done (``assign``, ``arrive`` ...), or None."""
        return next((e.ts for e in self.timeline if e.action == action), None)


def new_incident(incident_id: int, kind: str, title: str, who: str, ts: float, *, severity: int,
                 lat: float | None = None, lon: float | None = None, place: str = "", origin: str = "manual",
                 entity_id: str | None = None, plan_id: str | None = None,
                 alarm_ids: tuple[int, ...] = ()) -> Incident:
    """A newly opened incident, its first timeline entry the opening; IncidentRefused on bad fields."""
    if severity not in SEVERITY_LEVELS:
        raise IncidentRefused(f"severity must be 1-4, not {severity!r}")
    if not str(title).strip():
        raise IncidentRefused("a title is required")
    if not str(kind).strip():
        raise IncidentRefused("a kind is required")
    return Incident(
        incident_id, str(kind), str(title).strip(), severity, "open", ts, who, origin, lat, lon, place, entity_id,
        plan_id, {}, {}, tuple(alarm_ids), (TimelineEntry(ts, who, "open", origin),),
    )


def apply(incident: Incident, action: str, who: str, ts: float, *, plan_steps: tuple[str, ...] = (),
          **args: Any) -> Incident:
    """The incident after ``action`` by ``who`` at ``ts`` (``plan_steps``: its plan's step ids,
    for ``step_done``); IncidentRefused, and nothing changed, when it does not take it."""
    if action not in ACTIONS:
        raise IncidentRefused(f"unknown action {action!r}")
    if incident.state == "closed":
        raise IncidentRefused("the incident is closed")
    try:
        change, detail = _ACTIONS[action](incident, plan_steps=plan_steps, ts=ts, who=who, **args)
    except TypeError as exc:  # a missing or unexpected argument
        raise IncidentRefused(f"{action}: {exc}") from None
    entry = TimelineEntry(ts, who, action, detail)
    return replace(incident, **change, timeline=(*incident.timeline, entry))


def _team(team: Any) -> str:
    if not isinstance(team, str) or not team.strip():
        raise IncidentRefused("a team is required")
    return team.strip()


def _assign(i: Incident, *, team: str, **_: Any) -> tuple[dict, str]:
    team = _team(team)
    if i.teams.get(team) in ("dispatched", "on_scene"):
        raise IncidentRefused(f"team {team} is already {i.teams[team]}")
    return {"teams": {**i.teams, team: "dispatched"},
            "state": "dispatched" if i.state == "open" else i.state}, team


def _arrive(i: Incident, *, team: str, **_: Any) -> tuple[dict, str]:
    team = _team(team)
    if i.teams.get(team) != "dispatched":
        raise IncidentRefused(f"team {team} is not dispatched" if team not in i.teams
                              else f"team {team} is {i.teams[team]}, not dispatched")
    return {"teams": {**i.teams, team: "on_scene"}, "state": "on_scene"}, team


def _release(i: Incident, *, team: str, **_: Any) -> tuple[dict, str]:
    team = _team(team)
    if i.teams.get(team) not in ("dispatched", "on_scene"):
        raise IncidentRefused(f"team {team} is not assigned")
    return {"teams": {**i.teams, team: "released"}}, team


def _step_done(i: Incident, *, step: str, plan_steps: tuple[str, ...], ts: float, who: str, **_: Any) -> tuple[dict, str]:
    if step not in plan_steps:
        raise IncidentRefused(f"{step!r} is not a step of the incident's plan")
    if step in i.steps_done:
        raise IncidentRefused(f"step {step} is already done")
    return {"steps_done": {**i.steps_done, step: (ts, who)}}, step


def _note(i: Incident, *, text: str, **_: Any) -> tuple[dict, str]:
    if not isinstance(text, str) or not text.strip():
        raise IncidentRefused("an empty note")
    return {}, text.strip()


def _severity(i: Incident, *, level: int, **_: Any) -> tuple[dict, str]:
    if level not in SEVERITY_LEVELS or isinstance(level, bool):
        raise IncidentRefused(f"severity must be 1-4, not {level!r}")
    if level == i.severity:
        raise IncidentRefused(f"the severity is already {level}")
    return {"severity": level}, f"{i.severity} -> {level}"


def _join_alarm(i: Incident, *, alarm_id: int, **_: Any) -> tuple[dict, str]:
    if not isinstance(alarm_id, int) or isinstance(alarm_id, bool):
        raise IncidentRefused(f"an alarm id must be a number, not {alarm_id!r}")
    if alarm_id in i.alarm_ids:
        raise IncidentRefused(f"alarm {alarm_id} is already in the incident")
    return {"alarm_ids": (*i.alarm_ids, alarm_id)}, f"alarm:{alarm_id}"


def _close(i: Incident, *, summary: str, ts: float, **_: Any) -> tuple[dict, str]:
    if not isinstance(summary, str) or not summary.strip():
        raise IncidentRefused("a summary is required to close")
    return {"state": "closed", "closed_ts": ts, "summary": summary.strip()}, summary.strip()


_ACTIONS = {"assign": _assign, "arrive": _arrive, "release": _release, "step_done": _step_done, "note": _note,
            "severity": _severity, "join_alarm": _join_alarm, "close": _close}
