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
        self._moved: float | None = None  # when the moving entities were last placed (simulated time)
        self.health = hub.register_source(name, (s.id for e in simulator.entities() for s in e.streams))
        self.health.detail = "simulator"

    def start(self) -> None:
        # catching up from the first instant: the cache's last values are hours old until the back-fill is in
        self._begin_catch_up(self.clock.now())
        super().start()

    def _begin_catch_up(self, now: float) -> None:
        self.health.backlog_from = now - self.simulator.backfill_s
        self.health.backlog_newest = None
        self.health.catching_up = True

    def backfill(self) -> int:
        """Submit the recent past at once so charts start full. Returns readings sent."""
        now = self.clock.now()
        start = now - self.simulator.backfill_s
        self.health.backlog_from = start
        sent = 0
        step = 3600.0
        t = start
        while t < now and not self._stop.is_set():  # hours of back-fill must not hold up a stop
            t_next = min(t + step, now)
            batch = self.simulator.readings_between(t, t_next)
            if batch:
                self.hub.submit(batch, source=self.name)
                sent += len(batch)
            t = t_next
        self._last = now
        self._move(now)
        return sent

    def step(self) -> int:
        """Submit the readings of simulated time since the last step."""
        now = self.clock.now()
        last = now - self.tick_s * self.clock.speed if self._last is None else self._last
        batch = self.simulator.readings_between(last, now)
        self._last = now
        if batch:
            self.hub.submit(batch, source=self.name)
        self._move(now)
        return len(batch)

    def _move(self, now: float) -> None:
        """Re-add the simulator's moving entities at their places, every ``move_interval_s`` of
        simulated time (not per reading); the map moves their markers. Not saved to the cache: a
        position is live data, and the next start places them anew."""
        every = self.simulator.move_interval_s
        if not every or (self._moved is not None and now - self._moved < every):
            return
        self._moved = now
        moved = self.simulator.moved_entities(now)
        if moved:
            self.hub.add_entities(moved, persist=False)

    def _run(self) -> None:
        if not self.health.catching_up:
            self._begin_catch_up(self.clock.now())
        try:
            self.backfill()
        except Exception as exc:
            log.exception("simulator %s failed to back-fill", self.name)
            self.health.last_error = f"{type(exc).__name__}: {exc}"
        finally:
            # its data is current now; the stale-data rules wait on their own until the
            # back-filled batches have reached them (AlarmEngine.check_stale)
            self.health.catching_up = False
        while not self._stop.wait(self.tick_s):
            try:
                self.step()
            except Exception as exc:  # a broken simulator must not take the console down
                log.exception("simulator %s failed", self.name)
                self.health.last_error = f"{type(exc).__name__}: {exc}"
                self.health.live = False
