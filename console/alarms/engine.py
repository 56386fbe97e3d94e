"""Alarm lifecycle: raise, acknowledge, clear, shelve; every operator action audited.

States: ``unack`` (active, not acknowledged) -> ``acked`` -> ``closed`` when it
clears; an alarm that clears before anyone acknowledged it waits in ``rtn_unack``
(returned to normal, unacknowledged) so no alarm passes unseen. ``shelved`` hides
an alarm until a time. The engine runs on the store's writer thread (rules after
each committed batch, stale checks on its one-second tick); the GUI calls ``ack``
and ``shelve``, which queue onto that thread too.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, replace

from console.alarms.rules import Rule
from console.freshness import format_age
from console.hub import Hub
from console.model import Reading

OPEN_STATES = ("unack", "acked", "rtn_unack", "shelved")


@dataclass(frozen=True)
class Alarm:
    id: int
    rule: str
    stream: str
    entity_id: str
    severity: int
    state: str
    message: str
    value: float | None
    raised_ts: float
    acked_ts: float | None = None
    acked_by: str | None = None
    cleared_ts: float | None = None
    shelved_until: float | None = None

    @property
    def active(self) -> bool:
        return self.state in ("unack", "acked", "shelved") and self.cleared_ts is None


class AlarmEngine:
    def __init__(self, hub: Hub, rules: list[Rule]) -> None:
        self.hub = hub
        self.store = hub.store
        self.rules = rules
        self._by_stream: dict[str, list[Rule]] = {}
        self._pending: dict[tuple[str, str], float] = {}  # (rule, stream) -> first ts beyond
        self._lock = threading.Lock()
        self._open: dict[tuple[str, str], Alarm] = {}
        for row in self.store.query(
            "SELECT id, rule, stream, entity_id, severity, state, message, value, raised_ts, acked_ts,"
            " acked_by, cleared_ts, shelved_until FROM alarms WHERE state != 'closed'"
        ):
            a = Alarm(*row)
            self._open[(a.rule, a.stream)] = a
        hub.add_commit_listener(self.on_batch)
        self.store.add_ticker(self.check_stale)

    # -- queries (any thread) --------------------------------------------------
    def open_alarms(self) -> list[Alarm]:
        """Open alarms: active before cleared before shelved, then worst and newest first."""
        with self._lock:
            alarms = list(self._open.values())
        rank = {"unack": 0, "acked": 1, "rtn_unack": 2, "shelved": 3}
        return sorted(alarms, key=lambda a: (rank.get(a.state, 4), -a.severity, -a.raised_ts))

    def _rules_for(self, stream: str) -> list[Rule]:
        rules = self._by_stream.get(stream)
        if rules is None:
            rules = self._by_stream[stream] = [r for r in self.rules if r.matches(stream)]
        return rules

    # -- evaluation (writer thread) ----------------------------------------------
    def on_batch(self, batch: list[Reading]) -> None:
        for r in batch:
            rules = self._rules_for(r[0])
            if not rules:
                continue
            entity = self.hub.entity_of(r[0])
            attrs = entity.attrs if entity else {}
            for rule in rules:
                if rule.type == "threshold":
                    self._threshold(rule, r, attrs, entity.name if entity else r[0])
                elif rule.type == "stale":
                    self._clear(rule, r.stream, r.ts)

    def _threshold(self, rule: Rule, r: Reading, attrs: dict, name: str) -> None:
        limit = rule.limit_for(attrs)
        if limit is None or r.value is None:
            return
        key = (rule.id, r.stream)
        if rule.beyond(r.value, limit):
            first = self._pending.setdefault(key, r.ts)
            if key not in self._open and r.ts - first >= rule.delay_s:
                msg = rule.message.format(name=name, value=r.value, limit=limit, stream=r.stream, rule=rule.id)
                self._raise(rule, r.stream, r.value, r.ts, msg)
        elif rule.back(r.value, limit):
            self._pending.pop(key, None)
            self._clear(rule, r.stream, r.ts)

    def check_stale(self, now: float | None = None) -> None:
        if self.store.backlog():
            # readings submitted are not all committed yet (a back-fill is being written):
            # the hub's latest values lag behind the sources, so silence cannot be judged
            return
        now = self.hub.clock.now()
        for rule in self.rules:
            if rule.type != "stale":
                continue
            for stream in self.hub.streams():
                if not rule.matches(stream) or not self.hub.has_source(stream):
                    continue
                last = self.hub.latest(stream)
                age = now - last.ts
                if age > rule.after_intervals * self.hub.expected_interval(stream):
                    if (rule.id, stream) not in self._open:
                        e = self.hub.entity_of(stream)
                        msg = rule.message.format(name=e.name if e else stream, age=format_age(age), stream=stream, rule=rule.id)
                        self._raise(rule, stream, None, now, msg)
        self._unshelve(now)

    def _raise(self, rule: Rule, stream: str, value: float | None, ts: float, msg: str) -> None:
        e = self.hub.entity_of(stream)
        eid = e.id if e else ""
        aid = self.store.durable(
            "INSERT INTO alarms (key, rule, entity_id, stream, severity, state, message, value, raised_ts)"
            " VALUES (?, ?, ?, ?, ?, 'unack', ?, ?, ?)",
            (f"{rule.id}:{stream}", rule.id, eid, stream, rule.severity, msg, value, ts),
        )
        with self._lock:
            self._open[(rule.id, stream)] = Alarm(aid, rule.id, stream, eid, rule.severity, "unack", msg, value, ts)
        self.hub.mark_alarms_changed()

    def _clear(self, rule: Rule, stream: str, ts: float) -> None:
        a = self._open.get((rule.id, stream))
        if a is None or a.cleared_ts is not None:
            return
        state = "closed" if a.state == "acked" else "rtn_unack"
        self._update(replace(a, state=state, cleared_ts=ts))

    def _update(self, a: Alarm) -> None:
        self.store.durable(
            "UPDATE alarms SET state=?, acked_ts=?, acked_by=?, cleared_ts=?, shelved_until=? WHERE id=?",
            (a.state, a.acked_ts, a.acked_by, a.cleared_ts, a.shelved_until, a.id),
        )
        with self._lock:
            if a.state == "closed":
                self._open.pop((a.rule, a.stream), None)
            else:
                self._open[(a.rule, a.stream)] = a
        self.hub.mark_alarms_changed()

    def _unshelve(self, now: float) -> None:
        for a in list(self._open.values()):
            if a.state == "shelved" and a.shelved_until is not None and a.shelved_until <= time.time():
                self._update(replace(a, state="rtn_unack" if a.cleared_ts else "unack", shelved_until=None))

    # -- operator actions (queued to the writer thread, audited) ---------------
    def ack(self, alarm_id: int, user: str) -> None:
        self.store.call_soon(lambda: self._ack(alarm_id, user))

    def shelve(self, alarm_id: int, user: str, seconds: float) -> None:
        self.store.call_soon(lambda: self._shelve(alarm_id, user, seconds))

    def _find(self, alarm_id: int) -> Alarm | None:
        return next((a for a in self._open.values() if a.id == alarm_id), None)

    def _ack(self, alarm_id: int, user: str) -> None:
        a = self._find(alarm_id)
        if a is None or a.state not in ("unack", "rtn_unack"):
            return
        state = "closed" if a.state == "rtn_unack" else "acked"
        self._update(replace(a, state=state, acked_ts=time.time(), acked_by=user))
        self.store.audit(user, "alarm.ack", f"alarm:{alarm_id}", {"rule": a.rule, "stream": a.stream})

    def _shelve(self, alarm_id: int, user: str, seconds: float) -> None:
        a = self._find(alarm_id)
        if a is None:
            return
        self._update(replace(a, state="shelved", shelved_until=time.time() + seconds))
        self.store.audit(user, "alarm.shelve", f"alarm:{alarm_id}", {"seconds": seconds, "rule": a.rule})
