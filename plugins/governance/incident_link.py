"""A serious case as an incident in the core's incident book (``services["incidents"]``), its
handling on the incident's timeline. Qt-free.

A serious case (a waterlogged road in the rain, a missing manhole cover, a smell of gas: the
category's ``incident``) opens an incident of its category's kind and severity, origin
``case:<id>``, in its grid; then, as the case moves: dispatched -> the department is assigned
(the department's entity is the team), in hand -> it is on scene, the plan's steps done between
then and closure, closed -> released and the incident closed with the case's summary. Each of
these is the book's own action (one audit row each), by ``sim:governance``.

Idempotent and restart-safe: what is already done is read back from the incident itself (its
teams, steps and state), found by its origin; the book keeps incidents across restarts. Only a
span of live time is followed (it ends within ``LIVE_S`` of the book's clock): the back-fill of
hours past at start opens nothing, as a platform's history would not.
"""

from __future__ import annotations

import logging
from typing import Any

from console.model import Entity
from plugins.governance.cases import Case, Catalogue

log = logging.getLogger(__name__)

WHO = "sim:governance"
LIVE_S = 900.0  # a span ending this close to the book's clock is live
OPEN_WITHIN_S = 3600.0  # a serious case is opened as an incident if it came in this recently


def team_of(case: Case) -> str:
    return f"GOV-DEPT-{case.department}"


class IncidentLink:
    def __init__(self, book: Any, catalogue: Catalogue) -> None:
        self.book = book
        self.catalogue = catalogue
        self._ids: dict[str, int] = {}  # case id -> incident id

    def incident_of(self, case_id: str):
        iid = self._ids.get(case_id)
        if iid is not None:
            return self.book.get(iid)
        origin = f"case:{case_id}"
        for inc in [*self.book.open_incidents(), *self.book.recent(200)]:
            if inc.origin == origin:
                self._ids[case_id] = inc.id
                return inc
        return None

    def follow(self, cases: list[Case], t0: float, t1: float, grids: dict[str, Entity]) -> None:
        clock = getattr(self.book, "clock", None)
        if clock is not None and t1 < clock.now() - LIVE_S:
            return  # the back-fill: history, not news
        for c in cases:
            if not c.serious or c.received_ts > t1:
                continue
            try:
                self._sync(c, t1, grids)
            except Exception:  # one case's trouble must not stop the cases' readings
                log.exception("case %s: following its incident failed", c.id)

    def _sync(self, c: Case, t: float, grids: dict[str, Entity]) -> None:
        inc = self.incident_of(c.id)
        if inc is None:
            if t - c.received_ts > OPEN_WITHIN_S or c.closed_ts <= t:
                return
            inc = self._open(c, grids)
        if inc.state == "closed":
            return
        cat = self.catalogue.categories[c.category]
        dept = self.catalogue.departments[c.department]
        team = team_of(c)
        status = inc.teams.get(team)
        if c.dispatched_ts <= t and status is None:
            inc = self._act(inc.id, "assign", team=team)
            inc = self._act(inc.id, "note", text=f"工单 {c.id} 派遣至{dept.name}")
            status = "dispatched"
        if c.in_hand_ts <= t and status == "dispatched":
            inc = self._act(inc.id, "arrive", team=team)
            inc = self._act(inc.id, "note", text=f"{dept.name}到场处置")
            status = "on_scene"
        steps = self._plan_steps(inc)
        for k, step in enumerate(steps):
            at = c.in_hand_ts + (c.closed_ts - c.in_hand_ts) * (k + 1) / (len(steps) + 1)
            if at <= t and step not in inc.steps_done and status == "on_scene":
                inc = self._act(inc.id, "step_done", step=step)
        if c.closed_ts <= t:
            if status in ("dispatched", "on_scene"):
                inc = self._act(inc.id, "release", team=team)
            late = "" if c.on_time else "（超期办结）"
            self._act(inc.id, "close", summary=f"工单 {c.id}（{cat.name}）由{dept.name}办结{late}")

    def _open(self, c: Case, grids: dict[str, Entity]):
        cat = self.catalogue.categories[c.category]
        grid = grids.get(c.grid)
        place = grid.name if grid is not None else c.grid
        spec = cat.incident or {}
        inc = self.book.open(
            # the title names the case (its place is the incident's own field, shown beside it)
            str(spec.get("kind", cat.id)), f"{cat.name} {c.id}", WHO, severity=int(spec.get("severity", 4)),
            lat=c.lat, lon=c.lon, place=place, origin=f"case:{c.id}", entity_id=c.grid,
        )
        self._ids[c.id] = inc.id
        source = "12345热线" if c.source == "hotline" else "网格巡查"
        return self._act(inc.id, "note", text=f"{source}工单 {c.id} 受理：{cat.name}，时限 {cat.due_h:g} 小时")

    def _plan_steps(self, inc) -> tuple[str, ...]:
        """The steps of the incident's plan (the book chose it by kind: the plugin's plans)."""
        return tuple(self.book.plan(inc).step_ids)

    def _act(self, iid: int, action: str, **args):
        return self.book.act(iid, action, WHO, **args)
