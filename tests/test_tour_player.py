"""The tour player as a state machine, driven by a fake clock (no Qt)."""


from dataclasses import replace

import pytest

from console.tours.model import parse_tour
from console.tours.player import TourPlayer, TourState
from tests.wall_helpers import stream_alarm


class FakeClock:
    def __init__(self):
        self.t = 1000.0

    def __call__(self):
        return self.t

    def advance(self, s):
        self.t += s


class FakeScenario:
    def __init__(self):
        self.fired = []
        self.touched = set()

    def fire(self, events, advance_s):
        self.fired.append(([e["type"] for e in events], advance_s))
        self.touched |= {e.get("stream") for e in events}

    def tour_made(self, alarm):
        return alarm.stream in self.touched


def _tour(n=4, loop=True, attract_s=5.0):
    steps = [{"id": f"s{i}", "caption_zh": f"第{i}步", "caption_en": f"Step {i}", "duration_s": 10 * (i + 1)} for i in range(n)]
    steps[1]["events"] = [{"type": "rainstorm", "stream": "flood/gauge/MH-07/level"}]
    steps[1]["advance_s"] = 300
    return parse_tour({"name": "t", "loop": loop, "attract_s": attract_s, "steps": steps})


def _player(tour=None, alarms=(), **kw):
    clock, scenario, open_alarms = FakeClock(), FakeScenario(), list(alarms)
    seen = []
    p = TourPlayer(tour or _tour(), time_fn=clock, scenario=scenario, alarms=lambda: open_alarms, **kw)
    p.subscribe(lambda player, what: seen.append((what, player.state.value, player.index)))
    return p, clock, scenario, open_alarms, seen


def _run(p, clock, seconds, dt=0.5):
    for _ in range(int(seconds / dt)):
        clock.advance(dt)
        p.tick()


def test_plays_every_step_in_time_then_the_attract_card_then_loops():
    p, clock, scenario, _, seen = _player()
    p.start()
    _run(p, clock, 100 + 5 + 10.5)  # steps of 10, 20, 30, 40 s, the card, into step 0 of pass 2
    steps = [(w, i) for w, s, i in seen if w == "step"]
    assert steps == [("step", 0), ("step", 1), ("step", 2), ("step", 3), ("step", 0), ("step", 1)]
    assert ("attract", "attract", 3) in seen
    assert p.passes == 1 and p.index == 1
    # each step entered going forward fires its events once per pass
    assert scenario.fired == [(["rainstorm"], 300.0), (["rainstorm"], 300.0)]


def test_step_timing_follows_the_clock_and_the_rate():
    p, clock, *_ = _player(rate=10)
    p.start()
    clock.advance(0.9)
    p.tick()
    assert p.index == 0 and p.remaining_s() == pytest.approx(0.1)
    clock.advance(0.2)
    p.tick()
    assert p.index == 1


def test_pause_holds_the_step_and_play_resumes_where_it_was():
    p, clock, *_ = _player()
    p.start()
    _run(p, clock, 4)
    p.pause()
    _run(p, clock, 60)
    assert p.state == TourState.PAUSED and p.index == 0 and p.remaining_s() == pytest.approx(6)
    p.play()
    _run(p, clock, 5.5)
    assert p.index == 0
    _run(p, clock, 1)
    assert p.index == 1


def test_skip_back_and_return_to_live():
    p, clock, scenario, _, _ = _player()
    p.start()
    p.skip()
    p.skip()
    assert p.index == 2
    p.back()
    assert p.index == 1 and p.state == TourState.PLAYING
    assert len(scenario.fired) == 1  # stepping back does not start a second rainstorm
    p.back()
    p.back()
    assert p.index == 0
    p.return_to_live()
    assert p.state == TourState.LIVE and not p.active
    _run(p, clock, 200)
    assert p.state == TourState.LIVE  # live stays live
    p.play()
    assert p.state == TourState.PLAYING and p.index == 0


def test_a_tour_that_does_not_loop_ends():
    p, clock, *_ = _player(_tour(n=2, loop=False))
    p.start()
    _run(p, clock, 31)
    assert p.state == TourState.ENDED


def test_a_real_top_alarm_interrupts_and_the_kiosk_resumes_when_it_is_dealt_with():
    old = stream_alarm(1, "energy/x/load", 4, 10.0)  # open before the tour: does not interrupt
    p, clock, _, alarms, seen = _player(alarms=[old], auto_resume=True)
    p.start()
    _run(p, clock, 15)
    assert p.state == TourState.PLAYING and p.index == 1
    alarms.append(stream_alarm(2, "flood/gauge/MH-07/level", 4, 20.0))  # the tour's own rainstorm did this
    alarms.append(stream_alarm(3, "flood/gauge/MH-03/level", 3, 20.0))  # not top priority
    _run(p, clock, 1)
    assert p.state == TourState.PLAYING
    real = stream_alarm(4, "flood/gauge/MH-03/level", 4, 21.0)
    alarms.append(real)
    p.tick()
    assert p.state == TourState.INTERRUPTED and p.interrupting is real
    assert seen[-1][:2] == ("state", "interrupted")
    _run(p, clock, 120)
    assert p.state == TourState.INTERRUPTED  # stays on live while the alarm is unacknowledged
    alarms[alarms.index(real)] = replace(real, state="acked")  # the engine replaces an alarm, never edits it
    p.tick()
    assert p.state == TourState.PLAYING and p.index == 1
    alarms[-1] = replace(real, state="unack")  # the same alarm does not interrupt twice
    p.tick()
    assert p.state == TourState.PLAYING


def test_alarms_raised_on_back_filled_history_do_not_interrupt():
    sim = [5000.0]
    p, clock, _, alarms, _ = _player(sim_time=lambda: sim[0])
    p.start()
    alarms.append(stream_alarm(7, "flood/gauge/MH-02/level", 4, 4000.0))  # a back-filled reading from before the start
    p.tick()
    assert p.state == TourState.PLAYING
    alarms.append(stream_alarm(8, "flood/gauge/MH-02/level", 4, 5001.0))
    p.tick()
    assert p.state == TourState.INTERRUPTED and p.interrupting.id == 8


def test_at_the_desk_an_interrupted_tour_waits_for_the_operator():
    p, clock, _, alarms, _ = _player()
    p.start()
    alarms.append(stream_alarm(9, "health/bed/x", 4, 5.0, state="unack"))
    p.tick()
    assert p.state == TourState.INTERRUPTED
    alarms[0] = replace(alarms[0], state="acked")
    _run(p, clock, 30)
    assert p.state == TourState.INTERRUPTED
    p.play()
    assert p.state == TourState.PLAYING and p.index == 0


def test_starting_at_a_step_plays_the_scenario_before_it_in_order_and_shows_only_that_step():
    tour = _tour(n=4)
    tour = replace(tour, steps=(*tour.steps[:3], replace(tour.steps[3], events=({"type": "market_day"},))))
    p, clock, scenario, _, seen = _player(tour)
    p.start(at=3)
    assert (p.index, p.state) == (3, TourState.PLAYING)
    assert scenario.fired == [(["rainstorm"], 300), (["market_day"], 0.0)]  # step 1's, then its own
    assert seen == [("step", "playing", 3)]
    p.back()  # going back never fires a step's events again
    assert len(scenario.fired) == 2
    with pytest.raises(ValueError, match="step 5 does not exist: the tour has 4 steps"):
        p.start(at=4)


def test_a_step_knows_the_simulated_instant_it_began_before_its_scenario_jumped_time():
    sim = [5000.0]

    class Jumping(FakeScenario):
        def fire(self, events, advance_s):
            super().fire(events, advance_s)
            sim[0] += advance_s

    tour = _tour()
    p = TourPlayer(tour, time_fn=FakeClock(), scenario=Jumping(), sim_time=lambda: sim[0])
    p.start()
    assert p.step_since == 5000.0
    p.skip()  # step 1 jumps 300 s: its alarms are raised after the step began
    assert p.step_since == 5000.0 and sim[0] == 5300.0
