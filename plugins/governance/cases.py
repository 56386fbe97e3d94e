"""Cases (工单): citizens' 12345 hotline complaints and the grid members' inspection findings (巡查),
each with its category, department, grid and time limit, moving through its stages. Qt-free.

A case's stage at a moment follows from its times: received, dispatched (派遣) to the department,
in hand (处置中), closed (办结); an open case past its due time is overdue (超期), whatever stage
it had reached. The SLA clock is the time left to the due time (negative: overdue by that much).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from console.languages import QT_TRANSLATE_NOOP, Text

RECEIVED, DISPATCHED, IN_HAND, CLOSED, OVERDUE = "received", "dispatched", "in_hand", "closed", "overdue"
STAGES = (RECEIVED, DISPATCHED, IN_HAND, CLOSED, OVERDUE)
STAGE_NAMES = {
    RECEIVED: QT_TRANSLATE_NOOP("Governance", "受理"),
    DISPATCHED: QT_TRANSLATE_NOOP("Governance", "已派遣"),
    IN_HAND: QT_TRANSLATE_NOOP("Governance", "处置中"),
    CLOSED: QT_TRANSLATE_NOOP("Governance", "已办结"),
    OVERDUE: QT_TRANSLATE_NOOP("Governance", "超期"),
}
SOURCES = {"hotline": QT_TRANSLATE_NOOP("Governance", "12345热线"), "inspection": QT_TRANSLATE_NOOP("Governance", "网格巡查")}
#: a case's entity kind on the map is its stage's: each stage its own marker shape and layer
CASE_KIND_PREFIX = "gov_case_"


def case_kind(stage: str) -> str:
    return CASE_KIND_PREFIX + stage


@dataclass(frozen=True)
class Department:
    id: str
    name: str
    name_en: str


@dataclass(frozen=True)
class Category:
    id: str
    name: str
    name_en: str
    department: str
    due_h: float
    share: float
    rain: float  # the share's factor while it rains
    sources: tuple[str, ...]
    incident: dict | None = None  # {"kind", "severity", "chance"}: a serious case opens an incident


@dataclass(frozen=True)
class Case:
    id: str
    source: str  # "hotline" | "inspection"
    category: str
    department: str
    grid: str
    lat: float
    lon: float
    received_ts: float
    due_ts: float
    dispatched_ts: float
    in_hand_ts: float
    closed_ts: float
    rating: int | None = None  # the citizen's satisfaction at the return call (回访), 1-5; None: not rated
    serious: bool = False  # opens an incident

    def stage(self, t: float) -> str | None:
        """The case's stage at ``t`` (None before it was received)."""
        if t < self.received_ts:
            return None
        if t >= self.closed_ts:
            return CLOSED
        if t > self.due_ts:
            return OVERDUE
        if t >= self.in_hand_ts:
            return IN_HAND
        if t >= self.dispatched_ts:
            return DISPATCHED
        return RECEIVED

    def left_s(self, t: float) -> float:
        """The SLA clock: seconds left to the due time at ``t`` (negative: overdue by that much)."""
        return self.due_ts - t

    @property
    def on_time(self) -> bool:
        return self.closed_ts <= self.due_ts


@dataclass(frozen=True)
class Catalogue:
    departments: dict[str, Department]
    categories: dict[str, Category]


@cache
def catalogue() -> Catalogue:
    raw = json.loads((resources.files("plugins.governance") / "data" / "categories.json").read_text("utf-8"))
    depts = {d["id"]: Department(d["id"], d["name"], d["name_en"]) for d in raw["departments"]}
    cats = {}
    for c in raw["categories"]:
        if c["department"] not in depts:
            raise ValueError(f"category {c['id']}: no department {c['department']!r}")
        cats[c["id"]] = Category(c["id"], c["name"], c["name_en"], c["department"], float(c["due_h"]), float(c["share"]),
                                 float(c.get("rain", 1.0)), tuple(c["sources"]), c.get("incident"))
    return Catalogue(depts, cats)


def sla_text(left_s: float) -> Text:
    """The SLA clock as the label says it: "剩 1.5 h" (left) or "超 20 min" (over)."""
    a = abs(left_s)
    amount = f"{a / 3600:.1f} h" if a >= 3600 else f"{a / 60:.0f} min"
    return (Text("Governance", "剩 {amount}") if left_s >= 0 else Text("Governance", "超 {amount}")).format(amount=amount)
