"""What the alarm list shows: filtered, sorted, and grouped during a flood. Qt-free.

The tile holds no logic of its own beyond drawing: these functions take the
engine's open alarms and the operator's choices and return rows.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from console.alarms.engine import Alarm
from console.languages import Text

STATE_RANK = {"unack": 0, "rtn_unack": 1, "acked": 2, "shelved": 3, "suppressed": 4}
SORT_KEYS = ("priority", "severity", "time", "state", "text")
_ATTENTION = {"unack": 0, "acked": 1, "rtn_unack": 2, "shelved": 3, "suppressed": 4}  # the engine's order


@dataclass(frozen=True)
class AlarmFilter:
    severities: frozenset[int] = frozenset()  # empty: all
    states: frozenset[str] = frozenset()  # empty: all
    text: str = ""

    def accepts(self, a: Alarm) -> bool:
        if self.severities and a.severity not in self.severities:
            return False
        if self.states and a.state not in self.states:
            return False
        needle = self.text.strip().lower()
        return not needle or needle in f"{a.message} {a.rule} {a.stream}".lower()


@dataclass(frozen=True)
class AlarmGroup:
    """Alarms of one rule or one area, shown as one row during a flood."""

    key: str
    alarms: tuple[Alarm, ...]

    @property
    def severity(self) -> int:
        return max(a.severity for a in self.alarms)

    @property
    def unacknowledged(self) -> int:
        return sum(a.unacknowledged for a in self.alarms)

    @property
    def newest_ts(self) -> float:
        return max(a.raised_ts for a in self.alarms)

    @property
    def state(self) -> str:
        return min((a.state for a in self.alarms), key=lambda s: STATE_RANK.get(s, 9))


def sort_alarms(alarms: Iterable[Alarm], key: str = "severity", descending: bool = True) -> list[Alarm]:
    """Sort by one column; ties go worst, then newest, first. ``priority`` (the default):
    active unacknowledged, acknowledged, cleared unacknowledged, shelved; then worst, newest."""
    items = list(alarms)
    items.sort(key=lambda a: (-a.severity, -a.raised_ts))  # the tie-break, kept by the stable sort
    if key == "priority":
        items.sort(key=lambda a: _ATTENTION.get(a.state, 9), reverse=not descending)
    elif key == "severity":
        items.sort(key=lambda a: a.severity, reverse=descending)
    elif key == "time":
        items.sort(key=lambda a: a.raised_ts, reverse=descending)
    elif key == "state":
        items.sort(key=lambda a: STATE_RANK.get(a.state, 9), reverse=not descending)
    elif key == "text":
        items.sort(key=lambda a: a.message, reverse=descending)
    else:
        raise ValueError(f"sort key must be one of {SORT_KEYS}, not {key!r}")
    return items


def group_alarms(alarms: Iterable[Alarm], key_of: Callable[[Alarm], str]) -> list[AlarmGroup]:
    """Groups, most unacknowledged and worst first."""
    groups: dict[str, list[Alarm]] = {}
    for a in alarms:
        groups.setdefault(key_of(a), []).append(a)
    out = [AlarmGroup(k, tuple(v)) for k, v in groups.items()]
    return sorted(out, key=lambda g: (-g.severity, -g.unacknowledged, -len(g.alarms), g.key))


@dataclass(frozen=True)
class AlarmCounts:
    """The alarm figures every view shows (status bar, alarm list, state dump): one count."""

    open: int
    unacked: int


def in_scope(alarms: Iterable[Alarm], streams: list[str] | None = None) -> list[Alarm]:
    """The alarms a list filtered to ``streams`` (globs) shows; the console's own (``system/...``)
    show on every list. No globs: all."""
    if not streams:
        return list(alarms)
    return [a for a in alarms if a.stream.startswith("system/") or any(fnmatch.fnmatchcase(a.stream, g) for g in streams)]


def alarm_counts(alarms: Iterable[Alarm], streams: list[str] | None = None) -> AlarmCounts:
    """Open and unacknowledged alarms (of ``streams`` only, when given)."""
    shown = in_scope(alarms, streams)
    return AlarmCounts(len(shown), sum(a.unacknowledged for a in shown))


def pending_in_scope(pending: Iterable[tuple[str, str, float]], streams: list[str] | None = None) -> int:
    """How many conditions waiting out their rule's delay a list filtered to ``streams`` covers."""
    return sum(1 for _rule, stream, _since in pending if not streams or any(fnmatch.fnmatchcase(stream, g) for g in streams))


def scope_text(streams: list[str] | None) -> str:
    """What a filtered alarm list says in its title: ``筛选：parking`` (a Text); unfiltered: ""."""
    if not streams:
        return ""
    names = [g.split("/", 1)[0] if g.endswith("/*") and g.count("/") == 1 else g for g in streams]
    return Text("AlarmList", "筛选：{names}").format(names=", ".join(dict.fromkeys(names)))


def area_of(entity_attrs: dict) -> str:
    """The area an alarm belongs to: the entity's area, river or site."""
    for name in ("area", "district", "river", "site"):
        if entity_attrs.get(name):
            return str(entity_attrs[name])
    return "—"


def worst_per_stream(alarms: list[Alarm]) -> list[Alarm]:
    """One row per stream for rules not suppressed by design: the most severe alarm.
    Acknowledging the row acknowledges every alarm of that stream."""
    best: dict[str, Alarm] = {}
    for a in alarms:
        cur = best.get(a.stream)
        if cur is None or (a.severity, a.unacknowledged) > (cur.severity, cur.unacknowledged):
            best[a.stream] = a
    return [a for a in alarms if best[a.stream] is a]
