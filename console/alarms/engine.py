"""Alarm lifecycle after ISA-18.2: raise, acknowledge, clear, shelve, suppress; every
operator action audited with its outcome.

States (the names ISA-18.2 gives them in brackets):

- ``unack``      active, unacknowledged            [A: unack alarm]
- ``acked``      active, acknowledged               [B: acked alarm]
- ``rtn_unack``  cleared, still unacknowledged      [C: RTN unack]: latched, so no
                 alarm passes unseen; acknowledging it closes it
- ``closed``     back to normal                     [normal]: the row is history
- ``shelved``    hidden by an operator, with a reason: ``oneshot`` until it clears,
                 or ``timed`` until ``shelved_until``; unshelving (or the timer)
                 brings an active alarm back unacknowledged
- ``suppressed`` suppressed by design: the rule's ``suppressed_by`` alarm is active
                 on the same stream, or the entity is ``out_of_service``; released
                 back to its state when the suppressing alarm clears

The engine runs on the store's event thread (rules on each accepted batch, stale checks
and shelving timers on its one-second tick). The GUI calls ``ack``, ``shelve`` and
``unshelve``: what they will do is shown at once (``open_alarms`` reads it from an overlay,
within the 200 ms an operator expects), and the action itself runs on the event thread
ahead of every queued batch (``Store.call_priority``), where it is checked, made durable
and audited; a refused action leaves the overlay and the screen shows the truth again.
Times are the hub's clock (simulated time in the demo).
"""

from __future__ import annotations

import collections
import json
import logging
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace

from console.languages import QT_TRANSLATE_NOOP, Text, text_from_record, text_record
from console.alarms.metrics import FLOOD_LIMIT
from console.alarms.metrics import WINDOW_S as FLOOD_WINDOW_S
from console.alarms.rules import Rule
from console.alarms.stale import StaleWatch
from console.audit.permissions import Who, refusal, user_of
from console.figures import distinct_pair
from console.freshness import format_age
from console.hub.hub import Hub
from console.model import Reading

log = logging.getLogger(__name__)

# the cache's writer cannot write: raised by the engine itself, on the wall in red
CACHE_WRITE_RULE = Rule(
    id="system.cache_write", type="system", streams="", severity=4, message="{detail}",
    guidance=(
        QT_TRANSLATE_NOOP("Rule", "检查缓存所在磁盘的剩余空间"),
        QT_TRANSLATE_NOOP("Rule", "释放空间或用 --cache 指定其他目录"),
        QT_TRANSLATE_NOOP("Rule", "内存中的读数将在可写入后补写"),
    ),
    title=QT_TRANSLATE_NOOP("Rule", "缓存写入失败"),
)
CACHE_STREAM = "system/cache"

STATES = ("unack", "acked", "rtn_unack", "closed", "shelved", "suppressed")
OPEN_STATES = ("unack", "acked", "rtn_unack", "shelved", "suppressed")

_COLUMNS = (
    "id, rule, stream, entity_id, severity, state, message, value, raised_ts, acked_ts, acked_by,"
    " cleared_ts, shelved_until, shelve_mode, shelve_reason, shelved_by, ack_comment, comments"
)

_INSERT = ("INSERT INTO alarms (id, key, rule, entity_id, stream, severity, state, message, message_text, value, raised_ts)"
           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
_UPDATE = ("UPDATE alarms SET state=?, value=?, acked_ts=?, acked_by=?, cleared_ts=?, shelved_until=?, shelve_mode=?,"
           " shelve_reason=?, shelved_by=?, message=?, message_text=?, ack_comment=?, comments=? WHERE id=?")


def message_json(message: str) -> str | None:
    """What the cache keeps beside an alarm's message so it can be shown in any language."""
    return json.dumps(text_record(message), ensure_ascii=False) if isinstance(message, Text) else None


def message_of(text: str, stored: str | None) -> str:
    """An alarm's message from the cache: its Text again when the template was kept."""
    if stored:
        try:
            return text_from_record(json.loads(stored))
        except (ValueError, TypeError, KeyError):
            log.warning("an alarm's stored message template is unreadable; its text is shown as written")
    return text


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
    shelve_mode: str | None = None  # oneshot | timed
    shelve_reason: str | None = None
    shelved_by: str | None = None
    ack_comment: str | None = None  # what the operator said on acknowledging, for colleagues
    comments: tuple[tuple[float, str, str], ...] = ()  # (ts, user, text): said later, without an acknowledgement

    @property
    def active(self) -> bool:
        """Beyond its limit now (whatever the operator did about it)."""
        return self.state != "closed" and self.cleared_ts is None

    @property
    def unacknowledged(self) -> bool:
        return self.state in ("unack", "rtn_unack")


class AlarmEngine:
    def __init__(self, hub: Hub, rules: list[Rule]) -> None:
        self.hub = hub
        self.store = hub.store
        self.rules = rules
        self._rules_by_id = {r.id: r for r in rules}
        self._suppresses: dict[str, list[Rule]] = collections.defaultdict(list)
        for r in rules:
            if r.suppressed_by:
                self._suppresses[r.suppressed_by].append(r)
        self._by_stream: dict[str, list[Rule]] = {}
        self._pending: dict[tuple[str, str], float] = {}  # (rule, stream) -> first ts beyond
        self._lock = threading.Lock()
        self._open: dict[tuple[str, str], Alarm] = {}
        for *row, stored in self.store.query(f"SELECT {_COLUMNS}, message_text FROM alarms WHERE state != 'closed'"):
            a = Alarm(*row[:-1], comments=comments_from(row[-1]))
            a = replace(a, message=message_of(a.message, stored))
            self._open[(a.rule, a.stream)] = a
        # the keys of alarms shelved for a time: the ticker ends their shelving without a look
        # at every open alarm each second (kept by _update; a key no longer shelved is dropped)
        self._timed = {key for key, a in self._open.items() if a.state == "shelved" and a.shelve_mode == "timed"}
        since = self.hub.clock.now() - FLOOD_WINDOW_S
        self._recent = collections.deque(
            ts for (ts,) in self.store.query("SELECT raised_ts FROM alarms WHERE raised_ts > ? AND state != 'suppressed' ORDER BY raised_ts", (since,))
        )
        self._rules_by_id[CACHE_WRITE_RULE.id] = CACHE_WRITE_RULE
        self._failed_rules: set[tuple[str, str]] = set()  # (rule, stream) whose failure was logged
        self._next_memory_id = -1  # alarms the cache could not take live in memory with negative ids
        self._raised_in_batch: list[tuple[str, str]] | None = None  # alarms raised in the batch being written
        # the alarm rows a batch writes, kept until its rules have run: then one short transaction,
        # so the readings writer is not held off the file while thousands of rules run
        self._batch_rows: list[tuple[str, tuple]] | None = None
        # ids are given here (the engine is the only writer of alarm rows), so a row can wait for its batch
        self._next_id = int(self.store.query("SELECT COALESCE(MAX(id), 0) + 1 FROM alarms")[0][0])
        # what the operator's queued actions will make of their alarms, shown before they run:
        # alarm id -> (the alarm as it will be, actions still queued on it)
        self._overlay: dict[int, tuple[Alarm | None, int]] = {}
        self._stale = StaleWatch(hub, self._rules_for, self._open,
                                 self._raise_stale)
        hub.add_commit_listener(self.on_batch)
        self.store.add_ticker(self.check_stale)
        self._watch_store()

    def _watch_store(self) -> None:
        """A writer that cannot write raises a red system alarm; it clears once writes work again."""
        before_error, before_recovered = self.store.on_error, self.store.on_recovered

        def on_error(msg: str) -> None:
            if before_error:
                before_error(msg)
            self.store.call_soon(lambda: self.raise_system(CACHE_WRITE_RULE, CACHE_STREAM, msg))

        def on_recovered() -> None:
            if before_recovered:
                before_recovered()
            self.store.call_soon(lambda: self.clear_system(CACHE_WRITE_RULE, CACHE_STREAM))

        self.store.on_error, self.store.on_recovered = on_error, on_recovered

    # -- queries (any thread) --------------------------------------------------
    def pending(self) -> list[tuple[str, str, float]]:
        """Conditions beyond their limit still inside their rule's delay (``delay_s``):
        (rule id, stream, since). Not alarms yet, but a KPI already counts the gauge above its
        warning level: the alarm list says how many are on their way rather than "no alarms"."""
        waiting = dict(self._pending)  # a copy in one C call (the event thread writes it)
        with self._lock:
            raised = set(self._open)
        return [(rule, stream, since) for (rule, stream), since in waiting.items() if (rule, stream) not in raised]

    def open_alarms(self, include_suppressed: bool = False) -> list[Alarm]:
        """Open alarms: active before cleared before shelved, then worst and newest first.

        Alarms suppressed by design are left out: the operator is not meant to see them.
        """
        with self._lock:
            shown = [(self._overlay.get(a.id) or (None,))[0] or a for a in self._open.values()]
        alarms = [a for a in shown if a.state != "closed" and (include_suppressed or a.state != "suppressed")]
        rank = {"unack": 0, "acked": 1, "rtn_unack": 2, "shelved": 3, "suppressed": 4}
        return sorted(alarms, key=lambda a: (rank.get(a.state, 5), -a.severity, -a.raised_ts))

    def rule(self, rule_id: str) -> Rule | None:
        return self._rules_by_id.get(rule_id)

    def guidance(self, alarm: Alarm) -> tuple[str, ...]:
        """The response steps of the alarm's rule."""
        rule = self._rules_by_id.get(alarm.rule)
        return rule.guidance if rule else ()

    def new_alarms_in_window(self, now: float | None = None, since: float | None = None) -> int:
        """Alarms raised in the last ten minutes (more than FLOOD_LIMIT is a flood), and after
        ``since`` if given (a tour's step: the alarms of the steps before are not news in it)."""
        now = self.hub.clock.now() if now is None else now
        start = now - FLOOD_WINDOW_S if since is None else max(now - FLOOD_WINDOW_S, since)
        with self._lock:
            return sum(1 for ts in self._recent if start < ts <= now)

    def in_flood(self, now: float | None = None, since: float | None = None) -> bool:
        return self.new_alarms_in_window(now, since) > FLOOD_LIMIT

    def _rules_for(self, stream: str) -> list[Rule]:
        """The rules on a stream, suppressing rules before the ones they suppress: a reading
        that crosses both levels raises the warning already suppressed, never shown for a moment."""
        rules = self._by_stream.get(stream)
        if rules is None:
            rules = self._by_stream[stream] = sorted((r for r in self.rules if r.matches(stream)), key=self._depth)
        return rules

    def _depth(self, rule: Rule) -> int:
        depth, seen = 0, {rule.id}
        while rule.suppressed_by and rule.suppressed_by in self._rules_by_id and rule.suppressed_by not in seen:
            rule = self._rules_by_id[rule.suppressed_by]
            seen.add(rule.id)
            depth += 1
        return depth

    # -- evaluation (writer thread) ----------------------------------------------
    def on_batch(self, batch: list[Reading]) -> None:
        """Run the rules on a batch; the alarm changes it makes are written in one transaction
        (a burst of thousands of alarms is one fsync, not one each). Operator actions run on
        this same thread, so no one can act on an alarm before its batch is committed."""
        raised: list[tuple[str, str]] = []
        rows: list[tuple[str, tuple]] = []
        self._raised_in_batch, self._batch_rows = raised, rows
        try:
            self._evaluate(batch)
        finally:
            self._raised_in_batch = self._batch_rows = None
        if not rows:
            return
        try:
            self.store.durable_rows(rows)
        except sqlite3.Error as exc:  # the commit failed: the batch's alarms are shown all the same
            log.error("the alarm changes of a batch of %d readings were not saved to the cache: %s", len(batch), exc)
            self._keep_in_memory(raised)

    def _keep_in_memory(self, keys: list[tuple[str, str]]) -> None:
        """Alarms whose rows were rolled back live in memory with negative ids."""
        with self._lock:
            for key in keys:
                a = self._open.get(key)
                if a is not None and a.id > 0:
                    self._open[key] = replace(a, id=self._next_memory_id)
                    self._next_memory_id -= 1
        self.hub.mark_alarms_changed()

    def _evaluate(self, batch: list[Reading]) -> None:
        for r in batch:
            rules = self._rules_for(r[0])
            if not rules:
                continue
            entity = self.hub.entity_of(r[0])
            attrs = entity.attrs if entity else {}
            for rule in rules:
                try:
                    if rule.type == "threshold":
                        self._threshold(rule, r, attrs, entity.name if entity else r[0])
                    elif rule.type == "stale":
                        self._clear(rule, r.stream, r.ts)
                except Exception as exc:  # one bad rule or attribute: the others and the data go on
                    self._rule_failed(rule, r[0], exc)

    def _rule_failed(self, rule: Rule, stream: str, exc: Exception) -> None:
        key = (rule.id, stream)
        if key not in self._failed_rules:  # once per rule and stream, not per reading
            self._failed_rules.add(key)
            log.error("rule %s on stream %s failed (skipped for this reading): %s: %s",
                      rule.id, stream, type(exc).__name__, exc)

    def _message(self, the_rule: Rule, /, **values) -> str:
        """The rule's message with its placeholders; a bad placeholder gives a plain message, logged."""
        try:
            return Text("Rule", the_rule.message).format(**values)  # the view shows it in its language
        except (KeyError, IndexError, ValueError, AttributeError, TypeError) as exc:
            self._rule_failed(the_rule, values.get("stream", "-"), ValueError(f"bad message placeholder {exc}"))
            shown = "" if values.get("value") is None else f" {values['value']}"
            return f"{the_rule.title}: {values.get('name', values.get('stream'))}{shown}"

    # -- system alarms (the engine's own: the cache, the writer) ---------------------
    def raise_system(self, rule: Rule, stream: str, message: str) -> None:
        """Raise (or update the text of) a system alarm. Event thread."""
        a = self._open.get((rule.id, stream))
        if a is None or a.state == "closed":
            self._raise(rule, stream, None, self.hub.clock.now(), message, {})
        elif a.cleared_ts is not None:
            self._reactivate(replace(a, message=message), None)
        elif a.message != message:
            with self._lock:
                self._open[(rule.id, stream)] = replace(a, message=message)
            self.hub.mark_alarms_changed()

    def add_system_rule(self, rule: Rule) -> None:
        """A system rule another part of the core raises by (``raise_system``): known here, its
        alarms are named by its title and show its guidance (never its id)."""
        self._rules_by_id.setdefault(rule.id, rule)

    def clear_system(self, rule: Rule, stream: str) -> None:
        self._clear(rule, stream, self.hub.clock.now())

    def _threshold(self, rule: Rule, r: Reading, attrs: dict, name: str) -> None:
        limit = rule.limit_for(attrs)
        if limit is None or r.value is None:
            return
        key = (rule.id, r.stream)
        if rule.beyond(r.value, limit):
            first = self._pending.setdefault(key, r.ts)
            if r.ts - first < rule.delay_s:
                return
            a = self._open.get(key)
            if a is None:
                value, shown_limit = distinct_pair(r.value, limit)  # never "3.01 m > 3.01 m"
                msg = self._message(rule, name=name, value=value, limit=shown_limit, stream=r.stream, rule=rule.title)
                self._raise(rule, r.stream, r.value, r.ts, msg, attrs)
            elif a.cleared_ts is not None:
                self._reactivate(a, r.value)
        elif rule.back(r.value, limit):
            self._pending.pop(key, None)
            self._clear(rule, r.stream, r.ts)

    def check_stale(self, _wall_now: float | None = None) -> None:
        """Raise stale-data alarms and end timed shelving (the store's ticker calls this
        about once a second). Only the streams whose silence is due are looked at
        (console.alarms.stale)."""
        now = self.hub.clock.now()
        # while readings accepted have not all reached the rules the hub's latest values
        # may be ahead of them: silence cannot be judged (the disk is not waited for)
        if not self.store.undispatched():
            self._stale.check(now)
        self._end_timed_shelving(now)

    def _raise_stale(self, rule: Rule, stream: str, now: float) -> None:
        age = now - self.hub.latest(stream).ts
        e = self.hub.entity_of(stream)
        msg = self._message(rule, name=e.name if e else stream, age=format_age(age), stream=stream, rule=rule.title)
        self._raise(rule, stream, None, now, msg, e.attrs if e else {})

    def _suppressed_now(self, rule: Rule, stream: str, attrs: dict) -> bool:
        if attrs.get("out_of_service"):
            return True
        if rule.suppressed_by:
            sup = self._open.get((rule.suppressed_by, stream))
            return sup is not None and sup.active
        return False

    def _announce_state(self, a: Alarm) -> str:
        """What an active alarm becomes when it is (again) to be announced."""
        rule = self._rules_by_id.get(a.rule)
        entity = self.hub.entity_of(a.stream)
        if rule is not None and self._suppressed_now(rule, a.stream, entity.attrs if entity else {}):
            return "suppressed"
        return "unack"

    def _raise(self, rule: Rule, stream: str, value: float | None, ts: float, msg: str, attrs: dict) -> None:
        e = self.hub.entity_of(stream)
        eid = e.id if e else ""
        state = "suppressed" if self._suppressed_now(rule, stream, attrs) else "unack"
        aid, self._next_id = self._next_id, self._next_id + 1
        row = (aid, f"{rule.id}:{stream}", rule.id, eid, stream, rule.severity, state, msg, message_json(msg), value, ts)
        if self._batch_rows is not None:  # written with its batch's other alarm changes
            self._batch_rows.append((_INSERT, row))
            self._raised_in_batch.append((rule.id, stream))
        else:
            try:
                self.store.durable(_INSERT, row)
            except sqlite3.Error as exc:  # the cache cannot take it: the alarm is shown all the same
                aid, self._next_memory_id = self._next_memory_id, self._next_memory_id - 1
                log.error("alarm %s on %s not saved to the cache (%s); kept in memory as #%d", rule.id, stream, exc, aid)
        with self._lock:
            self._open[(rule.id, stream)] = Alarm(aid, rule.id, stream, eid, rule.severity, state, msg, value, ts)
            if state != "suppressed":  # the operator's alarm rate counts what is announced
                self._recent.append(ts)
            while self._recent and self._recent[0] <= ts - FLOOD_WINDOW_S:
                self._recent.popleft()
        self.hub.mark_alarms_changed(aid)
        self._suppress_dependents(rule.id, stream)

    def _reactivate(self, a: Alarm, value: float) -> None:
        """A cleared alarm goes beyond its limit again before anyone acknowledged it."""
        state = self._announce_state(a) if a.state == "rtn_unack" else a.state
        self._update(replace(a, state=state, cleared_ts=None, value=value))
        self._suppress_dependents(a.rule, a.stream)

    def _clear(self, rule: Rule, stream: str, ts: float) -> None:
        a = self._open.get((rule.id, stream))
        if a is None or a.cleared_ts is not None:
            return
        if a.state == "unack":
            self._update(replace(a, state="rtn_unack", cleared_ts=ts))
        elif a.state == "shelved" and a.shelve_mode == "timed":
            self._update(replace(a, cleared_ts=ts))  # stays shelved until its time is up
        else:  # acked, one-shot shelved, suppressed: nothing left to acknowledge
            self._update(replace(a, state="closed", cleared_ts=ts))
        self._release_dependents(rule.id, stream)

    def _suppress_dependents(self, rule_id: str, stream: str) -> None:
        for dep in self._suppresses.get(rule_id, ()):
            a = self._open.get((dep.id, stream))
            if a is not None and a.state in ("unack", "acked") and a.active:
                self._update(replace(a, state="suppressed"))

    def _release_dependents(self, rule_id: str, stream: str) -> None:
        entity = self.hub.entity_of(stream)
        if entity is not None and entity.attrs.get("out_of_service"):
            return
        for dep in self._suppresses.get(rule_id, ()):
            a = self._open.get((dep.id, stream))
            if a is not None and a.state == "suppressed":
                self._update(replace(a, state="acked" if a.acked_ts else "unack"))

    def _update(self, a: Alarm) -> None:
        row = (a.state, a.value, a.acked_ts, a.acked_by, a.cleared_ts, a.shelved_until, a.shelve_mode,
               a.shelve_reason, a.shelved_by, a.message, message_json(a.message), a.ack_comment,
               json.dumps(a.comments, ensure_ascii=False) if a.comments else None, a.id)
        if self._batch_rows is not None:
            self._batch_rows.append((_UPDATE, row))
        else:
            try:
                self.store.durable(_UPDATE, row)
            except sqlite3.Error as exc:  # shown all the same; the cache has the state it had
                log.error("alarm #%d (%s) state %s not saved to the cache: %s", a.id, a.rule, a.state, exc)
        with self._lock:
            if a.state == "closed":
                self._open.pop((a.rule, a.stream), None)
                self._stale.recheck(a.stream, a.rule)  # a stale rule may fire again from now
            else:
                self._open[(a.rule, a.stream)] = a
                if a.state == "shelved" and a.shelve_mode == "timed":
                    self._timed.add((a.rule, a.stream))
        self.hub.mark_alarms_changed(a.id)

    def _end_timed_shelving(self, now: float) -> None:
        for key in list(self._timed):
            a = self._open.get(key)
            if a is None or a.state != "shelved" or a.shelve_mode != "timed":
                self._timed.discard(key)  # closed, unshelved or shelved otherwise since
            elif a.shelved_until is not None and a.shelved_until <= now:
                with self.store.durable_together():
                    self._return_from_shelf(a)
                    self.store.audit("system", "alarm.unshelve", f"alarm:{a.id}", {"rule": a.rule, "why": "time up"})
                self._timed.discard(key)  # after: a failure is tried again at the next tick

    def _return_from_shelf(self, a: Alarm) -> None:
        self._update(self._unshelved(a))

    def _unshelved(self, a: Alarm) -> Alarm:
        unshelved = replace(a, shelved_until=None, shelve_mode=None, shelve_reason=None, shelved_by=None)
        if a.cleared_ts is not None:
            return replace(unshelved, state="closed")
        # still active: announce it again, as if new
        return replace(unshelved, state=self._announce_state(a), acked_ts=None, acked_by=None, ack_comment=None)

    # -- operator actions (shown at once, then run ahead of the readings, audited) ---------
    def ack(self, alarm_id: int, who: Who, comment: str = "", on_durable: Callable[[], None] | None = None) -> None:
        """Acknowledge as ``who`` (the desk's Session, or an Actor), with a ``comment`` colleagues see
        with the alarm and the audit keeps; a role that may not is refused and audited.

        ``open_alarms`` shows it acknowledged at once; ``on_durable()`` runs (event thread)
        once the acknowledgement and its audit row are committed."""
        if self._permitted("alarm.ack", alarm_id, who):
            user = user_of(who)
            now = self.hub.clock.now()
            said = comment.strip()
            self._show_at_once(alarm_id, lambda a: None if a.state not in ("unack", "rtn_unack") else replace(
                a, state="closed" if a.state == "rtn_unack" else "acked", acked_ts=now, acked_by=user,
                ack_comment=said or None))
            # the time shown at once is the time kept: a centre's consoles see one state, not two
            self._run_soon(alarm_id, lambda: self._ack(alarm_id, user, said, now), on_durable)

    def shelve(self, alarm_id: int, who: Who, seconds: float | None, reason: str = "",
               on_durable: Callable[[], None] | None = None) -> None:
        """Shelve with a reason: for ``seconds``, or one-shot (``None``) until it clears."""
        if self._permitted("alarm.shelve", alarm_id, who):
            user = user_of(who)
            now = self.hub.clock.now()
            self._show_at_once(alarm_id, lambda a: None if _shelve_refusal(a, seconds, reason) else replace(
                a, state="shelved", shelved_until=None if seconds is None else now + seconds,
                shelve_mode="oneshot" if seconds is None else "timed", shelve_reason=reason.strip(), shelved_by=user))
            self._run_soon(alarm_id, lambda: self._shelve(alarm_id, user, seconds, reason, now), on_durable)

    def unshelve(self, alarm_id: int, who: Who, on_durable: Callable[[], None] | None = None) -> None:
        if self._permitted("alarm.unshelve", alarm_id, who):
            user = user_of(who)
            self._show_at_once(alarm_id, lambda a: self._unshelved(a) if a.state == "shelved" else None)
            self._run_soon(alarm_id, lambda: self._unshelve(alarm_id, user), on_durable)

    def comment(self, alarm_id: int, who: Who, text: str, on_durable: Callable[[], None] | None = None) -> None:
        """Add a comment colleagues see with the alarm, without acknowledging it (a shift's notes on
        an alarm that stays open); audited as ``alarm.comment``, refused for a role that may not."""
        if self._permitted("alarm.comment", alarm_id, who):
            user = user_of(who)
            now = self.hub.clock.now()
            said = text.strip()
            self._show_at_once(alarm_id, lambda a: None if not said else replace(
                a, comments=(*a.comments, (now, user, said))))
            self._run_soon(alarm_id, lambda: self._comment(alarm_id, user, said, now), on_durable)

    def adopt(self, theirs: Alarm, source: str) -> bool:
        """Take the operators' part of ``theirs`` (the same alarm, as another engine of the centre
        holds it: acknowledgement, comment, shelving) into this engine's own alarm, so a hot
        standby takes over with what the operators did. The process part (active, cleared, value)
        stays this engine's own, from its own readings. Saved, and audited as adopted from
        ``source``; False when this engine has no such alarm or nothing differs."""
        fields = ("acked_ts", "acked_by", "ack_comment", "shelved_until", "shelve_mode", "shelve_reason", "shelved_by",
                  "comments")

        def differs() -> Alarm | None:
            """This engine's alarm, when it is the same one and the operators' part differs."""
            with self._lock:
                mine = self._open.get((theirs.rule, theirs.stream))
            if mine is None or abs(mine.raised_ts - theirs.raised_ts) > 1e-3:
                return None
            return None if all(getattr(mine, f) == getattr(theirs, f) for f in fields) else mine

        if differs() is None:
            return False

        def run() -> None:
            mine = differs()  # again, when it runs: the same state may have been adopted since it was queued
            if mine is None:
                return
            adopted = replace(mine, **{f: getattr(theirs, f) for f in fields})
            if theirs.shelve_mode is not None:
                state = "shelved"
            elif theirs.acked_by is not None:
                state = "closed" if mine.cleared_ts is not None else "acked"
            else:
                state = self._announce_state(mine) if mine.state == "shelved" else mine.state
            adopted = replace(adopted, state=state)
            with self.store.durable_together():
                self._update(adopted)
                by = theirs.acked_by or theirs.shelved_by or (theirs.comments[-1][1] if theirs.comments else "system")
                self._audit(by, "alarm.adopt", mine.id, mine,
                            "ok", source=source, to=state)

        self.store.call_priority(run)
        return True

    def _show_at_once(self, alarm_id: int, change: Callable[[Alarm], Alarm | None]) -> None:
        """Show what a queued action will make of the alarm (as the alarm will be after the
        actions already queued on it); an action it would refuse shows nothing."""
        with self._lock:
            shown = self._overlay.get(alarm_id)
            a = shown[0] if shown else self._find(alarm_id)
            after = change(a) if a is not None else None
            queued = shown[1] if shown else 0
            self._overlay[alarm_id] = (after or a, queued + 1)
        if after is not None:
            self.hub.mark_alarms_changed(alarm_id)

    def _run_soon(self, alarm_id: int, action: Callable[[], None], on_durable: Callable[[], None] | None) -> None:
        def run() -> None:
            try:
                with self.store.durable_together():  # the new state and its audit row: one commit
                    action()
            finally:
                with self._lock:
                    shown, queued = self._overlay.pop(alarm_id, (None, 1))
                    if queued > 1:
                        self._overlay[alarm_id] = (shown, queued - 1)
                self.hub.mark_alarms_changed(alarm_id)  # the truth, had the action been refused
            if on_durable is not None:
                on_durable()

        self.store.call_priority(run)

    def _permitted(self, action: str, alarm_id: int, who: Who) -> bool:
        why = refusal(who, action)
        if why is None:
            return True
        user = user_of(who)
        self.store.call_priority(lambda: self._audit(user, action, alarm_id, self._find(alarm_id), why))
        return False

    def _find(self, alarm_id: int) -> Alarm | None:
        return next((a for a in list(self._open.values()) if a.id == alarm_id), None)

    def _audit(self, user: str, action: str, alarm_id: int, a: Alarm | None, outcome: str, **detail) -> None:
        if a is not None:
            detail = {"rule": a.rule, "stream": a.stream, "from": a.state} | detail
        self.store.audit(user, action, f"alarm:{alarm_id}", detail, outcome=outcome)  # wall time: when it was done

    def _ack(self, alarm_id: int, user: str, comment: str = "", now: float | None = None) -> None:
        a = self._find(alarm_id)
        said = {"comment": comment} if comment else {}
        if a is None or a.state not in ("unack", "rtn_unack"):
            why = "not open" if a is None else f"state {a.state}"
            return self._audit(user, "alarm.ack", alarm_id, a, f"rejected: {why}", **said)
        now = self.hub.clock.now() if now is None else now
        state = "closed" if a.state == "rtn_unack" else "acked"
        self._update(replace(a, state=state, acked_ts=now, acked_by=user, ack_comment=comment or None))
        self._audit(user, "alarm.ack", alarm_id, a, "ok", **said)

    def _comment(self, alarm_id: int, user: str, text: str, ts: float) -> None:
        a = self._find(alarm_id)
        why = "not open" if a is None else comment_refusal(text)
        if why:
            return self._audit(user, "alarm.comment", alarm_id, a, f"rejected: {why}", comment=text)
        self._update(replace(a, comments=(*a.comments, (ts, user, text))))
        self._audit(user, "alarm.comment", alarm_id, a, "ok", comment=text)

    def _shelve(self, alarm_id: int, user: str, seconds: float | None, reason: str, now: float | None = None) -> None:
        a = self._find(alarm_id)
        detail = {"seconds": seconds, "reason": reason}
        why = "not open" if a is None else _shelve_refusal(a, seconds, reason)
        if why:
            return self._audit(user, "alarm.shelve", alarm_id, a, f"rejected: {why}", **detail)
        now = self.hub.clock.now() if now is None else now
        mode = "oneshot" if seconds is None else "timed"
        until = None if seconds is None else now + seconds
        self._update(replace(a, state="shelved", shelved_until=until, shelve_mode=mode, shelve_reason=reason.strip(), shelved_by=user))
        self._audit(user, "alarm.shelve", alarm_id, a, "ok", **detail)

    def _unshelve(self, alarm_id: int, user: str) -> None:
        a = self._find(alarm_id)
        if a is None or a.state != "shelved":
            why = "not open" if a is None else f"state {a.state}"
            return self._audit(user, "alarm.unshelve", alarm_id, a, f"rejected: {why}")
        self._return_from_shelf(a)
        self._audit(user, "alarm.unshelve", alarm_id, a, "ok")


def comment_refusal(text: str) -> str | None:
    """Why a comment cannot be added, or None."""
    return None if text.strip() else "an empty comment"


def comments_from(value) -> tuple[tuple[float, str, str], ...]:
    """An alarm's comments from the cache's JSON text or a message's list: ``((ts, user, text), ...)``."""
    if isinstance(value, str):
        value = json.loads(value)
    return tuple((float(ts), str(user), str(text)) for ts, user, text in value or ())


def _shelve_refusal(a: Alarm, seconds: float | None, reason: str) -> str | None:
    """Why an alarm cannot be shelved so, or None."""
    if not reason.strip():
        return "a reason is required"
    if a.state not in ("unack", "acked", "rtn_unack"):
        return f"state {a.state}"
    if seconds is None and not a.active:
        return "one-shot shelving needs an active alarm"
    if seconds is not None and seconds < 0:
        return "negative duration"
    return None
