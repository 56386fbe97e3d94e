"""Alarm-load figures after ISA-18.2 / EEMUA 191, from the alarms table. Qt-free.

How many alarms per ten minutes, how long the centre spent in an alarm flood (more
than ten new alarms in ten minutes), which alarms have stood for over a day, which
chatter (three or more raises of one alarm within a minute), and the top ten
offenders. The tile runs ``alarm_load`` off the GUI thread; the pure functions
under it take plain records so tests can script a history.
"""

from __future__ import annotations

import bisect
import collections
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from console.store.store import Store

WINDOW_S = 600.0  # ten minutes
FLOOD_LIMIT = 10  # more than this many new alarms in a window is a flood
STANDING_S = 86400.0
CHATTER_COUNT, CHATTER_WITHIN_S = 3, 60.0


@dataclass(frozen=True)
class AlarmRecord:
    """One row of the alarms table, as the figures need it."""

    rule: str
    stream: str
    severity: int
    state: str
    raised_ts: float
    message: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return (self.rule, self.stream)


@dataclass(frozen=True)
class Offender:
    rule: str
    stream: str
    count: int
    message: str  # the latest message: names the place


@dataclass(frozen=True)
class AlarmLoad:
    since: float
    until: float
    total: int
    per_window: list[int]  # new alarms in each ten minutes, oldest first
    flood_s: float  # time spent in a flood
    standing: list[AlarmRecord]  # open for over a day
    chattering: list[Offender]
    top: list[Offender] = field(default_factory=list)

    @property
    def average_per_window(self) -> float:
        return self.total / max(len(self.per_window), 1)

    @property
    def peak_per_window(self) -> int:
        return max(self.per_window, default=0)


def new_in_window(raise_times: Sequence[float], now: float, window: float = WINDOW_S) -> int:
    """Alarms raised in (now - window, now]; ``raise_times`` sorted."""
    return bisect.bisect_right(raise_times, now) - bisect.bisect_right(raise_times, now - window)


def is_flood(raise_times: Sequence[float], now: float, window: float = WINDOW_S, limit: int = FLOOD_LIMIT) -> bool:
    return new_in_window(raise_times, now, window) > limit


def per_window(raise_times: Iterable[float], since: float, until: float, window: float = WINDOW_S) -> list[int]:
    n = max(int((until - since + window - 1e-9) // window), 1)
    counts = [0] * n
    for ts in raise_times:
        if since <= ts < until:
            counts[min(int((ts - since) // window), n - 1)] += 1
    return counts


def time_in_flood(
    raise_times: Iterable[float], since: float, until: float, window: float = WINDOW_S, limit: int = FLOOD_LIMIT
) -> float:
    """Seconds of [since, until] during which more than ``limit`` alarms were raised in the
    trailing window. Each raise counts from its time until ``window`` later: a sweep."""
    events = sorted([(t, 1) for t in raise_times] + [(t + window, -1) for t in raise_times])
    total, count, prev = 0.0, 0, since
    for t, step in events:
        if count > limit:
            lo, hi = max(prev, since), min(t, until)
            if hi > lo:
                total += hi - lo
        prev = t
        count += step
    if count > limit and until > prev:
        total += until - max(prev, since)
    return total


def standing(records: Iterable[AlarmRecord], now: float, older_than: float = STANDING_S) -> list[AlarmRecord]:
    """Open alarms raised more than ``older_than`` ago, oldest first."""
    return sorted((r for r in records if r.state != "closed" and r.raised_ts < now - older_than), key=lambda r: r.raised_ts)


def chattering(records: Iterable[AlarmRecord], count: int = CHATTER_COUNT, within: float = CHATTER_WITHIN_S) -> list[Offender]:
    """Alarms raised ``count`` or more times within ``within`` seconds, most raises first."""
    by_key: dict[tuple[str, str], list[AlarmRecord]] = collections.defaultdict(list)
    for r in records:
        by_key[r.key].append(r)
    out = []
    for (rule, stream), rs in by_key.items():
        times = sorted(r.raised_ts for r in rs)
        if any(times[i + count - 1] - times[i] <= within for i in range(len(times) - count + 1)):
            out.append(Offender(rule, stream, len(times), max(rs, key=lambda r: r.raised_ts).message))
    return sorted(out, key=lambda o: (-o.count, o.rule, o.stream))


def top_offenders(records: Iterable[AlarmRecord], n: int = 10) -> list[Offender]:
    by_key: dict[tuple[str, str], list[AlarmRecord]] = collections.defaultdict(list)
    for r in records:
        by_key[r.key].append(r)
    ranked = sorted(by_key.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    return [Offender(rule, stream, len(rs), max(rs, key=lambda r: r.raised_ts).message) for (rule, stream), rs in ranked[:n]]


def compute_load(records: Sequence[AlarmRecord], since: float, until: float) -> AlarmLoad:
    """The figures for [since, until] (standing alarms may be older than ``since``)."""
    recent = [r for r in records if since <= r.raised_ts <= until]
    times = [r.raised_ts for r in recent]
    return AlarmLoad(
        since=since,
        until=until,
        total=len(recent),
        per_window=per_window(times, since, until),
        flood_s=time_in_flood(times, since, until),
        standing=standing(records, until),
        chattering=chattering(recent),
        top=top_offenders(recent),
    )


def load_records(store: Store, since: float) -> list[AlarmRecord]:
    """Alarms raised since ``since``, and every alarm still open (any thread). Alarms
    suppressed by design are not the operator's load and are left out."""
    rows = store.query(
        "SELECT rule, stream, severity, state, raised_ts, message FROM alarms"
        " WHERE (raised_ts >= ? OR state != 'closed') AND state != 'suppressed' ORDER BY raised_ts",
        (since,),
    )
    return [AlarmRecord(*row) for row in rows]


def alarm_load(store: Store, now: float, period_s: float = 86400.0) -> AlarmLoad:
    """Query and compute: what the alarm-load tile runs off the GUI thread."""
    since = now - period_s
    return compute_load(load_records(store, since), since, now)
