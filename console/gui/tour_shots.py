"""Screenshots of a playing tour, S seconds into given steps (``--in-step S [--at-steps K,K]``):
what each step shows, taken at a moment of that step however long the sources took to catch up.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from console.tours.player import TourState


def step_path(path: Path | None, step: int) -> Path | None:
    """``wall.png`` -> ``wall-step9.png``."""
    return None if path is None else path.with_name(f"{path.stem}-step{step}{path.suffix}")


class TourShots(QObject):
    """Calls ``shoot(step, last)`` once the tour has been ``in_step_s`` seconds in each step
    of ``steps`` (1-based); a step that ended sooner is named on stderr and makes ``failed`` true."""

    def __init__(self, driver, in_step_s: float, steps: Iterable[int], shoot: Callable[[int, bool], None]) -> None:
        super().__init__(driver)
        self.driver = driver
        self.in_step_s = in_step_s
        self.pending = sorted(set(steps))
        self.shoot = shoot
        self.failed = False
        self._seen: set[int] = set()  # steps the tour entered while we waited for them
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._check)
        self.timer.start(100)

    def _check(self) -> None:
        d = self.driver
        p = d.player
        if d.started is None or p.state != TourState.PLAYING or not self.pending:
            return
        step = p.index + 1
        for k in [k for k in self.pending if k in self._seen and k != step]:  # it ended before its moment
            print(f"city-console: tour step {k} lasted less than --in-step {self.in_step_s:g} s: no screenshot of it",
                  file=sys.stderr)
            self.failed = True
            self.pending.remove(k)
        if step not in self.pending:
            if not self.pending:
                self._finish()
            return
        self._seen.add(step)
        elapsed = p.step.duration_s / p.rate - p.remaining_s()
        if elapsed >= self.in_step_s:
            self.pending.remove(step)
            last = not self.pending
            if last:
                self.timer.stop()
            self.shoot(step, last)

    def _finish(self) -> None:
        self.timer.stop()
        self.shoot(0, True)  # nothing more to take: end as a last shot would
