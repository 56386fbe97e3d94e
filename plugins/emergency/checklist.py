"""The response plan's checklist of an incident, as rows a tile shows: the two SLA timers (dispatched
within N minutes, on scene within M) and each step of the plan, each done (when, by whom), due (by
when) or late (since when). Read from the core's incident book; Qt-free."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

DONE, DUE, LATE = "done", "due", "late"


@dataclass(frozen=True)
class CheckRow:
    id: str  # "dispatch", "on_scene" or a step id
    title: str
    title_en: str
    state: str  # done | due | late
    due_ts: float | None
    done_ts: float | None = None
    by: str = ""


def current_incident(book: Any, kinds: Iterable[str] = ()) -> Any:
    """The incident the checklist follows: the most severe open one of ``kinds`` (any kind if none
    given), else the newest of them closed; None when there is none."""
    kinds = set(kinds)
    fits = [i for i in book.open_incidents() if not kinds or i.kind in kinds]
    if fits:
        return fits[0]
    return next((i for i in book.recent() if not kinds or i.kind in kinds), None)


def _first(incident: Any, action: str) -> tuple[float | None, str]:
    e = next((e for e in incident.timeline if e.action == action), None)
    return (e.ts, e.user) if e is not None else (None, "")


def checklist(incident: Any, plan: Any, now: float) -> list[CheckRow]:
    t0 = incident.opened_ts
    rows: list[CheckRow] = []
    for what, title, en, within, action in (
        ("dispatch", "派遣救援队伍", "Team dispatched", plan.dispatch_within_min, "assign"),
        ("on_scene", "队伍到场", "Team on scene", plan.on_scene_within_min, "arrive"),
    ):
        due = None if within is None else t0 + within * 60
        ts, by = _first(incident, action)
        rows.append(CheckRow(what, title, en, DONE if ts is not None else _due_or_late(due, now, incident), due, ts, by))
    for s in plan.steps:
        due = None if s.due_min is None else t0 + s.due_min * 60
        done = incident.steps_done.get(s.id)
        if done is not None:
            rows.append(CheckRow(s.id, s.title, s.title_en, DONE, due, done[0], done[1]))
        else:
            rows.append(CheckRow(s.id, s.title, s.title_en, _due_or_late(due, now, incident), due))
    return rows


def _due_or_late(due: float | None, now: float, incident: Any) -> str:
    if incident.state == "closed" or due is None or now <= due:
        return DUE
    return LATE
