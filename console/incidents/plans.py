"""Response plans (预案) as data, and their SLA timers. Qt-free, no domain.

A plugin ships a plan as a JSON file named in its manifest (``incident_plans``); an
incident takes the plan its opening names, else the first plan of its kind, else the
generic plan. The timers run from the incident's opening: a team dispatched within
``dispatch_within_min``, on scene within ``on_scene_within_min``, each step done by its
``due_min``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

from console.incidents.model import SEVERITY_LEVELS, Incident


class PlanError(ValueError):
    pass


@dataclass(frozen=True)
class PlanStep:
    id: str
    title: str
    title_en: str = ""
    due_min: float | None = None  # minutes from the opening; None: no timer


@dataclass(frozen=True)
class Plan:
    id: str
    kind: str
    title: str
    title_en: str = ""
    severity: int = 4
    dispatch_within_min: float | None = None
    on_scene_within_min: float | None = None
    steps: tuple[PlanStep, ...] = ()

    def step(self, step_id: str) -> PlanStep | None:
        return next((s for s in self.steps if s.id == step_id), None)

    @property
    def step_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.steps)


#: the plan of an incident no plugin's plan fits
GENERIC_PLAN = Plan(
    "generic", "", "通用处置", "General response", 4, dispatch_within_min=15, on_scene_within_min=45,
    steps=(PlanStep("verify", "核实情况", "Verify the report", 10),
           PlanStep("report", "信息上报", "Report upwards", 30)),
)


def _minutes(value: Any, where: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise PlanError(f"{where}: minutes must be a number >= 0, not {value!r}")
    return float(value)


def parse_plan(data: Any, origin: str = "") -> Plan:
    """A Plan from its JSON data; the error names the file, the plan and the bad key."""
    if not isinstance(data, dict):
        raise PlanError(f"{origin}: a plan must be an object")
    where = f"{origin}: plan {data.get('id', '?')!r}"
    for key in ("id", "kind", "title"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise PlanError(f"{where}: {key!r} must be a non-empty string")
    severity = data.get("severity", 4)
    if severity not in SEVERITY_LEVELS or isinstance(severity, bool):
        raise PlanError(f"{where}: 'severity' must be 1-4, not {severity!r}")
    steps_data = data.get("steps", [])
    if not isinstance(steps_data, list):
        raise PlanError(f"{where}: 'steps' must be a list")
    steps, seen = [], set()
    for n, s in enumerate(steps_data):
        at = f"{where}: steps[{n}]"
        if not isinstance(s, dict) or not isinstance(s.get("id"), str) or not s["id"].strip():
            raise PlanError(f"{at}: a step needs an 'id'")
        if s["id"] in seen:
            raise PlanError(f"{at}: step id {s['id']!r} twice")
        seen.add(s["id"])
        if not isinstance(s.get("title"), str) or not s["title"].strip():
            raise PlanError(f"{at}: 'title' must be a non-empty string")
        steps.append(PlanStep(s["id"], s["title"], str(s.get("title_en", "")), _minutes(s.get("due_min"), f"{at}: 'due_min'")))
    return Plan(
        data["id"], data["kind"], data["title"], str(data.get("title_en", "")), severity,
        _minutes(data.get("dispatch_within_min"), f"{where}: 'dispatch_within_min'"),
        _minutes(data.get("on_scene_within_min"), f"{where}: 'on_scene_within_min'"), tuple(steps),
    )


def load_plan_ref(ref: str) -> Plan:
    """A plan from a package-relative file ("plugins.emergency:plans/chemical_leak.json")."""
    package, _, rel = ref.partition(":")
    if not rel:
        raise PlanError(f"{ref!r} is not of the form 'package:path'")
    try:
        text = (resources.files(package) / rel).read_text(encoding="utf-8")
        data = json.loads(text)
    except (OSError, ValueError, ModuleNotFoundError) as exc:
        raise PlanError(f"{ref}: {exc}") from None
    return parse_plan(data, ref)


class Plans:
    """The plans known, by id; ``for_incident`` chooses one (never None: the generic plan)."""

    def __init__(self, plans: Iterable[Plan] | Mapping[str, Plan] = ()) -> None:
        items = plans.values() if isinstance(plans, Mapping) else plans
        self.by_id: dict[str, Plan] = {}
        for p in items:
            self.by_id.setdefault(p.id, p)

    def get(self, plan_id: str | None) -> Plan | None:
        return self.by_id.get(plan_id) if plan_id else None

    def choose(self, kind: str, plan_id: str | None = None) -> Plan:
        """The plan named, else the first of the kind, else the generic plan."""
        named = self.get(plan_id)
        if named is not None:
            return named
        return next((p for p in self.by_id.values() if p.kind == kind), GENERIC_PLAN)

    def for_incident(self, incident: Incident) -> Plan:
        return self.get(incident.plan_id) or GENERIC_PLAN

    def __len__(self) -> int:
        return len(self.by_id)


def timers(incident: Incident, plan: Plan) -> list[tuple[str, float]]:
    """The timers still running: ``("dispatch" | "on_scene" | step id, due_ts)``, earliest due first.
    A closed incident has none; a timer stops when what it waits for is done."""
    if incident.state == "closed":
        return []
    t0 = incident.opened_ts
    running = []
    if plan.dispatch_within_min is not None and incident.state == "open":
        running.append(("dispatch", t0 + plan.dispatch_within_min * 60))
    if plan.on_scene_within_min is not None and incident.state in ("open", "dispatched"):
        running.append(("on_scene", t0 + plan.on_scene_within_min * 60))
    running.extend((s.id, t0 + s.due_min * 60) for s in plan.steps
                   if s.due_min is not None and s.id not in incident.steps_done)
    return sorted(running, key=lambda w: w[1])


def overdue(incident: Incident, plan: Plan, now: float) -> list[tuple[str, float]]:
    """What is late at ``now``: ``("dispatch" | "on_scene" | step id, due_ts)``, earliest due first.
    A closed incident is late for nothing."""
    return [(what, due) for what, due in timers(incident, plan) if now > due]


def sla_clock(incident: Incident, plan: Plan, now: float) -> tuple[str, float] | None:
    """What an incident's SLA clock shows: the earliest running timer and the seconds left
    (negative: over by that much); None when no timer runs."""
    running = timers(incident, plan)
    if not running:
        return None
    what, due = running[0]
    return what, due - now
