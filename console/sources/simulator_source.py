"""Runs a plugin's simulator as a source: a thread that submits what simulated time yields."""

from __future__ import annotations

import logging

from console.clock import Clock
from console.hub.hub import Hub
from console.sources.simulator import Simulator
from console.sources.thread_source import ThreadSource

log = logging.getLogger(__name__)


class SimulatorSource(ThreadSource):
    """Feeds the hub from a simulator, ``tick_s`` of real time at a time."""

    def __init__(self, name: str, simulator: Simulator, hub: Hub, clock: Clock, tick_s: float = 0.25) -> None:
        self.name = name
        self.simulator = simulator
        self.hub = hub
        self.clock = clock
        self.tick_s = tick_s
        super().__init__()
        self._last: float | None = None
        self.health = hub.register_source(name, (s.id for e in simulator.entities() for s in e.streams))
        self.health.detail = "simulator"

    def backfill(self) -> int:
        """Submit the recent past at once so charts start full. Returns readings sent."""
        now = self.clock.now()
        start = now - self.simulator.backfill_s
        sent = 0
        step = 3600.0
        t = start
        while t < now:
            t_next = min(t + step, now)
            batch = self.simulator.readings_between(t, t_next)
            if batch:
                self.hub.submit(batch, source=self.name)
                sent += len(batch)
            t = t_next
        self._last = now
        return sent

    def start(self) -> None:
        # catching up from this moment, not from when the thread gets going: a reader never sees
        # "live and caught up" before the back-fill began
        self.health.catching_up = True
        super().start()

    def _caught_up(self) -> None:
        self.health.catching_up = False

    def step(self) -> int:
        """Submit the readings of simulated time since the last step."""
        now = self.clock.now()
        last = now - self.tick_s * self.clock.speed if self._last is None else self._last
        batch = self.simulator.readings_between(last, now)
        self._last = now
        if batch:
            self.hub.submit(batch, source=self.name)
        return len(batch)

    def _run(self) -> None:
        self.health.catching_up = True
        try:
            self.backfill()
        except Exception as exc:
            log.exception("simulator %s failed to back-fill", self.name)
            self.health.last_error = f"{type(exc).__name__}: {exc}"
        finally:
            self.hub.store.call_soon(self._caught_up)  # after the back-filled batches are written
        while not self._stop.wait(self.tick_s):
            try:
                self.step()
            except Exception as exc:  # a broken simulator must not take the console down
                log.exception("simulator %s failed", self.name)
                self.health.last_error = f"{type(exc).__name__}: {exc}"
                self.health.live = False
