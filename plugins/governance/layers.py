"""The governance layers on the map. Cases: each stage its own entity kind and marker shape
(received ▲, dispatched ◆, in hand ■, closed ●, overdue ◆ in red), coloured by what the stage
asks of the operator: a received case waits for dispatch (warning), an overdue one is late
(alarm), the others are in order; the label carries the stage and the SLA clock,
live (the due time is in the case's record). Grids: their polygons coloured by their overdue cases."""

from __future__ import annotations

from typing import Any

from console.languages import Text
from plugins.governance.cases import CASE_KIND_PREFIX, CLOSED, OVERDUE, RECEIVED, STAGE_NAMES, sla_text
from plugins.governance.grids import GRID_KIND

GRID_WARNING, GRID_ALARM = 1, 3  # overdue cases in a grid


def stage_now(attrs: dict[str, Any], now: float) -> str:
    """The case's stage as its record says, overdue as soon as its due time passes (between updates)."""
    stage = attrs.get("stage", RECEIVED)
    if stage != CLOSED and now > float(attrs.get("due_ts", now)):
        return OVERDUE
    return stage


def case_state(hub: Any) -> dict[str, dict[str, Any]]:
    now = hub.clock.now()
    out = {}
    for e in hub.entities.values():
        if not e.kind.startswith(CASE_KIND_PREFIX) or not e.has_position:
            continue
        a = e.attrs
        stage = stage_now(a, now)
        state = "alarm" if stage == OVERDUE else "warning" if stage == RECEIVED else "ok"
        clock = Text("Governance", " · {left}").format(left=sla_text(float(a["due_ts"]) - now)) if stage != CLOSED else ""
        out[e.id] = {"value": None, "state": state,
                     # the marker's name says the category and the case number; the label what is new
                     "label": Text("Governance", "{stage}{clock}").format(stage=Text("Governance", STAGE_NAMES[stage]), clock=clock)}
    return out


def grid_state(hub: Any) -> dict[str, dict[str, Any]]:
    out = {}
    for e in hub.entities.values():
        if e.kind != GRID_KIND:
            continue
        r = hub.latest(f"governance/grid/{e.id}/overdue")
        if r is None:
            out[e.id] = {"value": None, "state": "offline", "label": f"{e.name} —"}
            continue
        n = int(r.value)
        state = "alarm" if n >= GRID_ALARM else "warning" if n >= GRID_WARNING else "ok"
        out[e.id] = {"value": n, "state": state, "label": Text("Governance", "超期 {n} 件").format(n=n)}
    return out
