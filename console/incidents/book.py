"""The incident book: opens incidents, applies operators' actions, keeps them in the cache,
audits every action (refused ones too) and raises a system alarm for an overdue SLA. Qt-free.

``who`` is the desk's Session or an Actor (checked against console.audit.permissions), or a
plain name for the console's own automation and plugin services ("system", "sim:emergency"),
which act without a login, as the alarm engine's own actions do.

Every action is one audit row (``incident.open``, ``incident.assign`` ...; target
``incident:ID``; outcome ``ok``, ``refused: why`` or ``denied: ...``), written in the same
commit as the incident's new row. After each change the hub hears
``mark_incidents_changed(id)``: the views redraw on ``Updates.incident_ids``.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections.abc import Iterable, Mapping
from typing import Any

from console.alarms.rules import Rule
from console.audit.permissions import Who, refusal, user_of
from console.clock import Clock
from console.hub.hub import Hub
from console.incidents.model import (
    OPEN_STATES, Incident, IncidentRefused, TimelineEntry, apply, new_incident,
)
from console.incidents.plans import Plan, Plans, overdue
from console.languages import QT_TRANSLATE_NOOP, Text
from console.store.store import Store

log = logging.getLogger(__name__)

KEEP_CLOSED = 500  # closed incidents loaded at start (``recent`` shows them); older ones stay in the cache
OVERDUE_STREAM = "system/incident/{id}"
#: an incident's SLA ran out: one system alarm per overdue incident, cleared when nothing is late
OVERDUE_RULE = Rule(
    id="system.incident_overdue", type="system", streams="", severity=3, message="{detail}",
    title=QT_TRANSLATE_NOOP("Rule", "事件处置超时"),
    guidance=(
        QT_TRANSLATE_NOOP("Rule", "查看事件时间线，确认超时环节"),
        QT_TRANSLATE_NOOP("Rule", "派遣或催促救援队伍，并记录原因"),
    ),
)
# the permission each action needs (console.audit.auth.PERMISSIONS)
PERMISSION = {"open": "incident.open", "close": "incident.close"}
#: what an SLA timer waits for, as the overdue alarm names it (a step is named by its plan)
_WHAT = {"dispatch": QT_TRANSLATE_NOOP("Incident", "派遣"), "on_scene": QT_TRANSLATE_NOOP("Incident", "到场")}

_COLUMNS = ("id, kind, title, severity, state, opened_ts, opened_by, origin, lat, lon, place, entity_id, plan_id,"
            " steps_done, teams, alarm_ids, timeline, closed_ts, summary")


def _row(i: Incident) -> tuple:
    return (i.id, i.kind, i.title, i.severity, i.state, i.opened_ts, i.opened_by, i.origin, i.lat, i.lon, i.place,
            i.entity_id, i.plan_id, json.dumps({k: list(v) for k, v in i.steps_done.items()}, ensure_ascii=False),
            json.dumps(i.teams, ensure_ascii=False), json.dumps(list(i.alarm_ids)),
            json.dumps([[e.ts, e.user, e.action, e.detail] for e in i.timeline], ensure_ascii=False),
            i.closed_ts, i.summary)


def _incident(row: tuple) -> Incident:
    (iid, kind, title, severity, state, opened_ts, opened_by, origin, lat, lon, place, entity_id, plan_id,
     steps_done, teams, alarm_ids, timeline, closed_ts, summary) = row
    return Incident(
        iid, kind, title, severity, state, opened_ts, opened_by, origin, lat, lon, place or "", entity_id, plan_id,
        {k: (float(v[0]), str(v[1])) for k, v in json.loads(steps_done or "{}").items()},
        dict(json.loads(teams or "{}")), tuple(int(a) for a in json.loads(alarm_ids or "[]")),
        tuple(TimelineEntry(float(ts), str(u), str(a), str(d)) for ts, u, a, d in json.loads(timeline or "[]")),
        closed_ts, summary or "",
    )


def _who(who: Who | str | None, permission: str) -> tuple[str, str | None]:
    """The user to write, and why ``who`` may not (None: allowed)."""
    if isinstance(who, str):
        return (who, None) if who.strip() else ("-", "denied: not logged in")
    return user_of(who), refusal(who, permission)


class IncidentBook:
    """Every incident of this console; thread-safe (the GUI, plugin services and the store's
    ticker all call it). Reads are from memory; each change is one durable commit."""

    def __init__(self, store: Store, hub: Hub, plans: Plans | Iterable[Plan] | Mapping[str, Plan] = (),
                 clock: Clock | None = None, *, rule_plans: Mapping[str, str] | None = None) -> None:
        self.store = store
        self.hub = hub
        self.plans = plans if isinstance(plans, Plans) else Plans(plans)
        self.clock = clock or hub.clock
        self.rule_plans = dict(rule_plans or {})  # alarm rule id -> plan id (a rule's "incident_plan")
        self._lock = threading.RLock()
        self._by_id: dict[int, Incident] = {}
        rows = store.query(
            f"SELECT {_COLUMNS} FROM incidents WHERE state != 'closed' OR id IN"
            " (SELECT id FROM incidents WHERE state = 'closed' ORDER BY closed_ts DESC LIMIT ?)", (KEEP_CLOSED,))
        for row in rows:
            try:
                i = _incident(row)
            except (ValueError, TypeError, KeyError) as exc:
                log.error("incident #%s in the cache is unreadable, skipped: %s", row[0], exc)
                continue
            self._by_id[i.id] = i
        (top,) = store.query("SELECT max(id) FROM incidents")[0]
        self._next_id = (top or 0) + 1
        self._overdue_shown: dict[int, str] = {}  # incident id -> the message of its overdue alarm
        self._engine = None

    # -- reading (any thread) ------------------------------------------------------
    def get(self, incident_id: int) -> Incident | None:
        i = self._by_id.get(incident_id)
        if i is None:
            rows = self.store.query(f"SELECT {_COLUMNS} FROM incidents WHERE id = ?", (incident_id,))
            i = _incident(rows[0]) if rows else None
        return i

    def open_incidents(self) -> list[Incident]:
        """Open incidents, most severe first, then newest."""
        return sorted((i for i in list(self._by_id.values()) if i.state in OPEN_STATES),
                      key=lambda i: (i.severity, -i.opened_ts))

    def recent(self, limit: int = 50) -> list[Incident]:
        """Incidents open or closed, newest first."""
        return sorted(list(self._by_id.values()), key=lambda i: -i.opened_ts)[:limit]

    def plan(self, incident: Incident) -> Plan:
        """The incident's plan (the generic plan when it names none known)."""
        return self.plans.for_incident(incident)

    def overdue(self, now: float | None = None) -> list[tuple[Incident, str, float]]:
        """What is late now across the open incidents: (incident, "dispatch" | "on_scene" | step id, due_ts),
        the longest overdue first."""
        now = self.clock.now() if now is None else now
        late = [(i, what, due) for i in self.open_incidents() for what, due in overdue(i, self.plan(i), now)]
        return sorted(late, key=lambda x: x[2])

    def open_for_entity(self, entity_id: str | None) -> Incident | None:
        """The newest open incident on the entity, if any."""
        if not entity_id:
            return None
        mine = [i for i in list(self._by_id.values()) if i.entity_id == entity_id and i.state in OPEN_STATES]
        return max(mine, key=lambda i: i.opened_ts) if mine else None

    def incident_of_alarm(self, alarm_id: int) -> Incident | None:
        """The open incident an alarm belongs to, if any."""
        return next((i for i in list(self._by_id.values()) if i.state in OPEN_STATES and alarm_id in i.alarm_ids), None)

    # -- changing ---------------------------------------------------------------------
    def open(self, kind: str, title: str, who: Who | str | None, *, severity: int, lat: float | None = None,
             lon: float | None = None, place: str = "", origin: str = "manual", entity_id: str | None = None,
             plan_id: str | None = None, alarm_ids: tuple[int, ...] = ()) -> Incident:
        """Open an incident (IncidentRefused, audited, when ``who`` may not or a field is bad)."""
        user, why = _who(who, PERMISSION["open"])
        detail = {"kind": kind, "title": title, "severity": severity, "origin": origin}
        with self._lock:
            if why is not None:
                self._audit(user, "open", "incident:new", detail, why)
                raise IncidentRefused(why)
            plan = self.plans.choose(kind, plan_id)
            try:
                incident = new_incident(
                    self._next_id, kind, title, user, self.clock.now(), severity=severity, lat=lat, lon=lon,
                    place=place, origin=origin, entity_id=entity_id, plan_id=plan.id, alarm_ids=tuple(alarm_ids))
            except IncidentRefused as exc:
                self._audit(user, "open", "incident:new", detail, f"refused: {exc.reason}")
                raise
            self._next_id += 1
            self._save(incident, user, "open", detail | {"plan": plan.id})
        return incident

    def open_from_alarm(self, alarm: Any, who: Who | str | None) -> Incident:
        """Open an incident from an alarm (console.alarms.engine.Alarm), or join the open incident
        of its entity; an alarm already in an open incident is refused (IncidentRefused)."""
        with self._lock:
            joined = self.incident_of_alarm(alarm.id)
            target = joined or self.open_for_entity(alarm.entity_id)
            if target is not None:
                return self.act(target.id, "join_alarm", who, alarm_id=alarm.id)
            entity = self.hub.entities.get(alarm.entity_id) if alarm.entity_id else None
            plan = self.plans.get(self.rule_plans.get(alarm.rule))
            rule = None
            engine_rule = getattr(self._engine, "rule", None)
            if engine_rule is not None:
                rule = engine_rule(alarm.rule)
            kind = plan.kind if plan is not None else alarm.rule
            severity = plan.severity if plan is not None else min(4, max(1, 5 - int(alarm.severity)))
            title = str(alarm.message) or (rule.title if rule is not None else alarm.rule)
            return self.open(
                kind, title, who, severity=severity, lat=entity.lat if entity else None,
                lon=entity.lon if entity else None, place=entity.name if entity else "", origin=f"alarm:{alarm.id}",
                entity_id=alarm.entity_id or None, plan_id=plan.id if plan is not None else None,
                alarm_ids=(alarm.id,))

    def act(self, incident_id: int, action: str, who: Who | str | None, **args: Any) -> Incident:
        """Apply ``action`` (assign, arrive, release, step_done, note, severity, join_alarm, close; with
        team=, step=, text=, level=, alarm_id=, summary=) and return the incident as it is now;
        IncidentRefused, audited and with nothing changed, when it is refused."""
        user, why = _who(who, PERMISSION.get(action, "incident.act"))
        target = f"incident:{incident_id}"
        detail = {k: v for k, v in args.items()}
        with self._lock:
            incident = self._by_id.get(incident_id)
            if why is None and incident is None:
                why = "refused: no such incident" if self.get(incident_id) is None else "refused: the incident is closed"
            if why is not None:
                self._audit(user, action, target, detail, why)
                raise IncidentRefused(why.split(": ", 1)[-1] if why.startswith("refused") else why)
            try:
                after = apply(incident, action, user, self.clock.now(), plan_steps=self.plan(incident).step_ids, **args)
            except IncidentRefused as exc:
                self._audit(user, action, target, detail | {"from": incident.state}, f"refused: {exc.reason}")
                raise
            self._save(after, user, action, detail | {"from": incident.state})
        return after

    def _save(self, incident: Incident, user: str, action: str, detail: dict) -> None:
        """The incident's row and its audit row in one commit; memory and the views follow."""
        try:
            with self.store.durable_together():
                self.store.durable(f"INSERT OR REPLACE INTO incidents ({_COLUMNS}) VALUES"
                                   f" ({', '.join('?' * 19)})", _row(incident))
                self.store.audit(user, f"incident.{action}", f"incident:{incident.id}", detail, outcome="ok")
        except sqlite3.Error as exc:  # shown all the same; the cache keeps what it had
            log.error("incident #%d (%s) not saved to the cache: %s", incident.id, action, exc)
        self._by_id[incident.id] = incident
        self.hub.mark_incidents_changed(incident.id)

    def _audit(self, user: str, action: str, target: str, detail: dict, outcome: str) -> None:
        try:
            self.store.audit(user, f"incident.{action}", target, detail, outcome=outcome)
        except sqlite3.Error as exc:
            log.error("audit of incident.%s on %s (%s) not written: %s", action, target, outcome, exc)

    # -- the SLA timers' alarms -----------------------------------------------------
    def watch_overdue(self, engine: Any) -> None:
        """Raise one system alarm per overdue incident on ``engine`` (an AlarmEngine), checked
        on the store's ticker; cleared once nothing of it is late (or it is closed)."""
        self._engine = engine
        prefix = OVERDUE_STREAM.format(id="")
        for a in engine.open_alarms(include_suppressed=True):
            if a.rule == OVERDUE_RULE.id and a.stream.startswith(prefix):
                try:
                    self._overdue_shown[int(a.stream[len(prefix):])] = str(a.message)
                except ValueError:
                    pass
        self.store.add_ticker(self.check_overdue)

    def overdue_message(self, incident: Incident, late: list[tuple[str, float]]) -> str:
        plan = self.plan(incident)
        names = []
        for what, _due in late:
            step = plan.step(what)
            names.append(Text("Incident", _WHAT[what]) if what in _WHAT else (step.title if step else what))
        return Text("Incident", "事件 #{id} {title} 超时：{what}").format(
            id=incident.id, title=incident.title, what="、".join(names))

    def check_overdue(self, _wall_now: float | None = None) -> None:
        """Raise, update or clear the overdue alarms (store event thread: the engine's own)."""
        engine = self._engine
        if engine is None:
            return
        now = self.clock.now()
        changed = []
        for iid in list(self._overdue_shown):
            i = self._by_id.get(iid)
            if i is None or i.state == "closed" or not overdue(i, self.plan(i), now):
                del self._overdue_shown[iid]
                engine.clear_system(OVERDUE_RULE, OVERDUE_STREAM.format(id=iid))
                changed.append(iid)
        for i in self.open_incidents():
            late = overdue(i, self.plan(i), now)
            if not late:
                continue
            msg = self.overdue_message(i, late)
            if self._overdue_shown.get(i.id) != msg:
                if i.id not in self._overdue_shown:
                    changed.append(i.id)
                self._overdue_shown[i.id] = msg
                engine.raise_system(OVERDUE_RULE, OVERDUE_STREAM.format(id=i.id), msg)
        if changed:
            self.hub.mark_incidents_changed(*changed)
