"""The tour player: a state machine with no Qt in it.

States: ``playing`` a step -> the next step when its duration has passed -> after the
last step the ``attract`` card, then step 0 again (a looping tour) or ``ended``.
Operators ``pause``, ``play``, ``skip``, ``back`` and ``return_to_live``. A real
top-priority alarm (severity 4, unacknowledged, raised after the tour started — in
simulated time, so alarms a source back-fills from history do not count — and not
caused by the tour's own scenario events) ``interrupts``: the wall goes back to live;
with ``auto_resume`` (the kiosk) the tour picks up again once that alarm is
acknowledged or gone, else an operator presses play.

Step timing comes from ``time_fn`` (real seconds: visitors read captions in real
time, whatever the simulators' speed); ``rate`` plays N times faster (tests, rehearsals).
A step's scenario events fire when the tour enters the step going forward, never
again on ``back``. The Qt side calls ``tick`` a few times a second and redraws from
the listeners' calls.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol

from console.tours.model import Tour, TourStep

TOP_SEVERITY = 4


class TourState(str, enum.Enum):
    PLAYING = "playing"
    PAUSED = "paused"
    ATTRACT = "attract"  # the calm title card between two passes
    INTERRUPTED = "interrupted"  # a real top-priority alarm took the wall
    LIVE = "live"  # an operator returned the wall to live
    ENDED = "ended"  # a tour that does not loop, after its last step


class Scenario(Protocol):
    """Where a step's scenario events go (the runtime's simulators)."""

    def fire(self, events: Sequence[dict[str, Any]], advance_s: float) -> None: ...

    def tour_made(self, alarm: Any) -> bool:
        """Whether an alarm follows from events this tour fired."""
        ...


Listener = Callable[["TourPlayer", str], None]


class TourPlayer:
    """Plays a tour. Listeners are called with (player, what): what is one of
    ``step``, ``attract``, ``state`` (paused, interrupted, live, ended, resumed)."""

    def __init__(
        self,
        tour: Tour,
        *,
        time_fn: Callable[[], float] = time.monotonic,
        scenario: Scenario | None = None,
        alarms: Callable[[], Iterable[Any]] = lambda: (),
        sim_time: Callable[[], float] | None = None,
        rate: float = 1.0,
        auto_resume: bool = False,
    ) -> None:
        if rate <= 0:
            raise ValueError(f"rate must be positive, got {rate}")
        self.tour = tour
        self.time_fn = time_fn
        self.scenario = scenario
        self.alarms = alarms
        self.sim_time = sim_time
        self.rate = rate
        self.auto_resume = auto_resume
        self.state = TourState.LIVE
        self.index = 0
        self.passes = 0  # completed passes through the steps
        self.interrupting: Any = None  # the alarm that interrupted
        self._listeners: list[Listener] = []
        self._started = 0.0  # when the current step (or attract card) began, in time_fn seconds
        self._elapsed = 0.0  # time already spent in it before a pause
        self._fired: set[int] = set()  # steps whose events fired in this pass
        self._known_alarms: set[int] = set()  # alarm ids that do not interrupt (open at start, dealt with)
        self._since = float("-inf")  # simulated time the tour started: older alarms are history
        self.step_since: float | None = None  # simulated time the current step began, before its events

    # -- what the views read ---------------------------------------------------------
    @property
    def step(self) -> TourStep:
        return self.tour.steps[self.index]

    @property
    def active(self) -> bool:
        """The tour owns the wall (playing, paused or on the attract card)."""
        return self.state in (TourState.PLAYING, TourState.PAUSED, TourState.ATTRACT)

    def remaining_s(self) -> float:
        """Real seconds left in the current step or attract card."""
        length = (self.tour.attract_s if self.state == TourState.ATTRACT else self.step.duration_s) / self.rate
        running = self.time_fn() - self._started if self.state in (TourState.PLAYING, TourState.ATTRACT) else 0.0
        return max(0.0, length - self._elapsed - running)

    def subscribe(self, fn: Listener) -> None:
        self._listeners.append(fn)

    # -- operator commands ---------------------------------------------------------
    def start(self, at: int = 0) -> None:
        """Begin at step ``at`` (0: the first); the scenario events of the steps before it fire
        at once, in order, so the wall is as a visitor who watched from the start would see it.
        Top alarms already open do not interrupt this tour."""
        if not 0 <= at < len(self.tour.steps):
            raise ValueError(f"step {at + 1} does not exist: the tour has {len(self.tour.steps)} steps")
        self._known_alarms = {a.id for a in self.alarms() if a.severity >= TOP_SEVERITY}
        if self.sim_time is not None:
            self._since = self.sim_time()
        self.passes = 0
        self._fired = set()
        for i in range(at):
            self._fire(i)
        self._enter(at, forward=True)

    def play(self) -> None:
        """Resume after a pause, an interruption or a return to live."""
        if self.state == TourState.PAUSED:
            self.state = TourState.PLAYING
            self._started = self.time_fn()
            self._emit("state")
        elif self.state in (TourState.INTERRUPTED, TourState.LIVE):
            if self.interrupting is not None:
                self._known_alarms.add(self.interrupting.id)
                self.interrupting = None
            self._enter(self.index, forward=False)
        elif self.state == TourState.ENDED:
            self.start()

    def pause(self) -> None:
        if self.state == TourState.PLAYING:
            self._elapsed += self.time_fn() - self._started
            self.state = TourState.PAUSED
            self._emit("state")

    def skip(self) -> None:
        """To the next step now (from the attract card: to step 0)."""
        if self.state == TourState.ATTRACT:
            self._new_pass()
        elif self.active:
            self._advance()

    def back(self) -> None:
        """To the previous step (from step 0: stays on step 0, restarted)."""
        if self.active:
            target = self.index - 1 if self.state != TourState.ATTRACT else len(self.tour.steps) - 1
            self._enter(max(target, 0), forward=False)

    def return_to_live(self) -> None:
        if self.state != TourState.LIVE:
            self.state = TourState.LIVE
            self._emit("state")

    # -- the clock -----------------------------------------------------------------
    def tick(self) -> None:
        """Check alarms, then move on if the step's time is up (called a few times a second)."""
        self._check_alarms()
        if self.state in (TourState.PLAYING, TourState.ATTRACT):
            # a long stall (a slow machine, a fake clock leaping) may pass several steps
            for _ in range(len(self.tour.steps) + 2):
                if self.state not in (TourState.PLAYING, TourState.ATTRACT) or self.remaining_s() > 0:
                    break
                if self.state == TourState.ATTRACT:
                    self._new_pass()
                else:
                    self._advance()

    # -- inside ----------------------------------------------------------------------
    def _check_alarms(self) -> None:
        if self.state == TourState.INTERRUPTED:
            if self.auto_resume and not any(
                a.id == self.interrupting.id and a.state == "unack" for a in self.alarms()
            ):
                self.play()
            return
        if not self.active:
            return
        for a in self.alarms():
            if a.severity < TOP_SEVERITY or a.state != "unack" or a.id in self._known_alarms:
                continue
            if a.raised_ts < self._since:  # raised on back-filled history, not news
                self._known_alarms.add(a.id)
                continue
            if self.scenario is not None and self.scenario.tour_made(a):
                self._known_alarms.add(a.id)
                continue
            self.interrupting = a
            self.state = TourState.INTERRUPTED
            self._emit("state")
            return

    def _advance(self) -> None:
        if self.index + 1 < len(self.tour.steps):
            self._enter(self.index + 1, forward=True)
            return
        self.passes += 1
        if not self.tour.loop:
            self.state = TourState.ENDED
            self._emit("state")
        elif self.tour.attract_s > 0:
            self.state = TourState.ATTRACT
            self._started, self._elapsed = self.time_fn(), 0.0
            self._emit("attract")
        else:
            self._new_pass()

    def _new_pass(self) -> None:
        self._fired = set()
        self._enter(0, forward=True)

    def _enter(self, index: int, forward: bool) -> None:
        self.index = index
        self.state = TourState.PLAYING
        self._started, self._elapsed = self.time_fn(), 0.0
        if self.sim_time is not None:
            self.step_since = self.sim_time()
        if forward:
            self._fire(index)
        self._emit("step")

    def _fire(self, index: int) -> None:
        """A step's scenario events, once a pass."""
        step = self.tour.steps[index]
        if index not in self._fired:
            self._fired.add(index)
            if self.scenario is not None and (step.events or step.advance_s):
                self.scenario.fire(step.events, step.advance_s)

    def _emit(self, what: str) -> None:
        for fn in list(self._listeners):
            fn(self, what)
