"""The stale-data check the store's ticker runs once a second: event-thread ("writer") time per
check at 1k, 10k and 100k streams, ours (due times in a heap, console.alarms.stale) against the
old full scan (every stream every second, copied below as it was) in the same run, interleaved.

Each stream reports every 60 s and its stale rule fires after 3 intervals; the clock moves 1 s per
check and a sixtieth of the streams bring a reading each second, so every stream stays fresh and
nothing is raised: what is measured is the cost of watching. Ours is measured in its steady state
(after WARM checks, longer than the rule's limit, so every stream has been pushed back at least
once) over MEASURED checks; its first check (planning every stream, the rules' globs matched
for the first time) and the check after one stream's spec changed (every slot re-wired and
looked at once) are reported apart. The old scan
costs the same every second, so it is measured over OLD_CHECKS checks. Readings are put into the
hub's latest values directly (hub.submit would time the writer's commits, not the check).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from console.alarms.engine import AlarmEngine  # noqa: E402
from console.alarms.rules import compile_rule  # noqa: E402
from console.freshness import format_age  # noqa: E402
from console.hub.hub import Hub  # noqa: E402
from console.model import Entity, Reading, StreamSpec  # noqa: E402
from console.store.store import Store  # noqa: E402
from tests.bench.results import emit, result, spread  # noqa: E402

SIZES, REPS = (1_000, 10_000, 100_000), 3
INTERVAL, AFTER = 60.0, 3
WARM, MEASURED, OLD_CHECKS = 200, 180, 5
T0 = 1_800_000_000.0
RULE = {"id": "stale", "type": "stale", "streams": "g/*/level", "after_intervals": AFTER, "message": "{name} silent {age}"}


class Clock:
    def __init__(self, t: float) -> None:
        self.t, self.speed = t, 1.0

    def now(self) -> float:
        return self.t


def old_check_stale(engine: AlarmEngine, _wall_now: float | None = None) -> None:
    """AlarmEngine.check_stale before due times (main at 77551b2): every stream, every second."""
    self = engine
    now = self.hub.clock.now()
    if not self.store.undispatched():
        for stream in self.hub.streams():
            stale_rules = [r for r in self._rules_for(stream) if r.type == "stale"]
            if not stale_rules or not self.hub.expects_data(stream):
                continue
            silent = self.hub.silent_for(stream, now)
            if silent is None:
                continue
            for rule in stale_rules:
                if silent > rule.after_intervals * self.hub.expected_interval(stream) and (rule.id, stream) not in self._open:
                    age = now - self.hub.latest(stream).ts
                    e = self.hub.entity_of(stream)
                    msg = self._message(rule, name=e.name if e else stream, age=format_age(age), stream=stream, rule=rule.title)
                    self._raise(rule, stream, None, now, msg, e.attrs if e else {})
    self._end_timed_shelving(now)


def world(tmp: Path, n: int):
    store = Store(tmp / f"{n}-{time.monotonic_ns()}.db", retention_days=None)
    clock = Clock(T0)
    hub = Hub(store, clock)
    ids = [f"g/G{i}/level" for i in range(n)]
    hub.add_entities([Entity(f"G{i}", "gauge", f"G{i}", streams=(StreamSpec(s, "l", "m", INTERVAL),)) for i, s in enumerate(ids)],
                     persist=False)
    hub.register_source("sim", ids).live = True
    hub.sources["sim"].listening_since = T0 - 3600
    engine = AlarmEngine(hub, [compile_rule(RULE)])
    store._tickers.remove(engine.check_stale)  # the bench calls the check itself, in one thread
    for i, s in enumerate(ids):  # reported within the last interval, spread evenly
        hub._latest[s] = Reading(s, T0 - INTERVAL + (i % 60) + 0.5, 1.0)
    store.flush()
    return store, clock, hub, engine, ids


def step(clock: Clock, hub: Hub, ids: list[str]) -> None:
    """One second: the clock moves on and a sixtieth of the streams report."""
    clock.t += 1.0
    k = int(clock.t - T0) % 60
    latest = hub._latest
    for s in ids[k::60]:
        latest[s] = Reading(s, clock.t, 1.0)


def run(tmp: Path, n: int, ours: bool) -> tuple[float, float, float]:
    """(ms per check in the steady state, ms of the first check, ms of the check after one
    stream's spec changed: ours plans every stream again then)."""
    store, clock, hub, engine, ids = world(tmp, n)
    check = engine.check_stale if ours else (lambda: old_check_stale(engine))
    t0 = time.perf_counter()
    check()
    first = time.perf_counter() - t0
    if ours:
        for _ in range(WARM):
            step(clock, hub, ids)
            check()
    took, checks = 0.0, MEASURED if ours else OLD_CHECKS
    for _ in range(checks):
        step(clock, hub, ids)
        t0 = time.perf_counter()
        check()
        took += time.perf_counter() - t0
    assert engine.open_alarms() == [], "every stream reports: nothing may be raised"
    hub.add_entities([Entity("G0", "gauge", "G0", streams=(StreamSpec(ids[0], "l", "m", INTERVAL / 2),))], persist=False)
    step(clock, hub, ids)
    t0 = time.perf_counter()
    check()
    replan = time.perf_counter() - t0
    store.close()
    return took / checks * 1000, first * 1000, replan * 1000


def main() -> None:
    ours: dict[int, list[float]] = {n: [] for n in SIZES}
    old: dict[int, list[float]] = {n: [] for n in SIZES}
    plan: dict[int, list[float]] = {n: [] for n in SIZES}
    replan: dict[int, list[float]] = {n: [] for n in SIZES}
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(REPS):
            for n in SIZES:
                old[n].append(run(Path(tmp), n, False)[0])
                per_check, first, again = run(Path(tmp), n, True)
                ours[n].append(per_check)
                plan[n].append(first)
                replan[n].append(again)
    med = statistics.median
    k = {n: f"{n // 1000}k" for n in SIZES}
    figures = {f"ms_per_check_{k[n]}": spread(ours[n], 4) for n in SIZES}
    figures |= {f"vs_old_{k[n]}": round(med(ours[n]) / med(old[n]), 5) for n in SIZES}
    figures |= {f"first_check_ms_{k[n]}": spread(plan[n], 1) for n in SIZES}
    figures |= {f"replan_check_ms_{k[n]}": spread(replan[n], 1) for n in SIZES}
    baseline = {f"old_ms_per_check_{k[n]}": spread(old[n], 2) for n in SIZES}
    res = result("stale", figures=figures, baseline=baseline, targets={f"ms_per_check_{k[SIZES[-1]]}": ("<=", 1.0)},
                 interval_s=INTERVAL, after_intervals=AFTER, checks_per_s=1)
    lines = [f"stale: writer time per check (1 a second), every stream reporting each {INTERVAL:.0f} s, stale after"
             f" {AFTER} intervals, nothing raised, min/median of {REPS} interleaved runs:"]
    for n in SIZES:
        lines.append(f"  {n:>7,} streams: ours {min(ours[n]):.3f}/{med(ours[n]):.3f} ms, old full scan"
                     f" {min(old[n]):.1f}/{med(old[n]):.1f} ms = {med(ours[n]) / med(old[n]):.4f}x;"
                     f" ours' first check (planning) {med(plan[n]):.0f} ms, after a spec change (re-planning) {med(replan[n]):.0f} ms")
    lines.append("  target <= 1 ms/s at 100k streams")
    emit(res, lines)


if __name__ == "__main__":
    main()
