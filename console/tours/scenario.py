"""A tour's scenario events, sent to the runtime's simulators; and which alarms they caused.

An event goes to every simulator whose ``apply_event`` takes it. The streams of those
simulators are then "touched" from that simulated instant on: a top alarm raised on a
touched stream afterwards is the tour's own doing and does not interrupt it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from console.sources.simulator import ScenarioEvent


class RuntimeScenario:
    def __init__(self, runtime: Any) -> None:
        self.runtime = runtime
        self.touched: dict[str, float] = {}  # stream id -> simulated time of the first event
        self.notices: list[str] = []
        self.fired: list[tuple[ScenarioEvent, list[str]]] = []  # each event and the sources that took it

    def fire(self, events: Sequence[dict[str, Any]], advance_s: float) -> None:
        clock = self.runtime.clock
        now = clock.now()
        for data in events:
            params = {k: v for k, v in data.items() if k not in ("type", "params")}
            if isinstance(data.get("params"), dict):  # the parameters in their own object: the same event
                params = {**data["params"], **params}
            event = ScenarioEvent(data["type"], now, params)
            taken = self.runtime.apply_event(event)
            self.fired.append((event, taken))
            if not taken:
                self.notices.append(f"无模拟器接受场景事件 No simulator took the scenario event {data['type']!r}")
            for src in self.runtime.sources:
                if src.name in taken:
                    for e in src.simulator.entities():
                        for s in e.streams:
                            self.touched.setdefault(s.id, now)
        if advance_s and hasattr(clock, "jump"):
            clock.jump(advance_s)
            for src in self.runtime.sources:  # cameras polled on a timer would look dead for the jump's length
                refresh = getattr(src, "refresh_all", None)
                if callable(refresh):
                    refresh()

    def tour_made(self, alarm: Any) -> bool:
        since = self.touched.get(alarm.stream)
        return since is not None and alarm.raised_ts >= since
