"""Catching up is not offline: a real HTTP source back-filling two hours of readings page by
page is *catching up* (with how far behind and how far along), then fresh; a source that
dies, or answers with nothing more, goes offline."""

from __future__ import annotations

import json
import time
from datetime import datetime

import console.hub.hub as hub_module
from console.freshness import Freshness
from console.model import Reading
from console.settings.sources import parse_settings
from console.sources.http_source import HttpSource
from tests.source_servers import LoopbackServer, wait_until
from tests.test_source_http import running  # noqa: F401 (the fixture that stops what a test started)

STEP_S = 10.0  # each station reports every 10 s
PAGE = 20  # the platform answers at most 20 reports a station per request: 200 s of history


def settings(url: str, **over):
    opts = {
        "name": "feed", "type": "http", "url": f"{url}/levels", "interval_s": 0.05, "timeout_s": 1.0,
        "max_backoff_s": 0.2, "since_param": "since", "since_format": "iso", "backfill_s": 7200,
        "mapping": {"items": "data", "id": "code", "time": "t", "value": "level", "stream": "flood/gauge/{id}/level",
                    "kind": "gauge", "name": "name", "expected_interval_s": STEP_S},
    }
    opts.update(over)
    return parse_settings({"sources": [opts]}).sources[0]


class History:
    """A platform that keeps history and hands it out a page at a time (oldest first)."""

    def __init__(self, stations=("G1", "G2"), page: int = PAGE, start_ago_s: float = 7200) -> None:
        self.stations = stations
        self.page = page
        self.t0 = (time.time() - start_ago_s) // STEP_S * STEP_S

    def app(self, req):
        now = time.time()
        since = req.query.get("since")
        start = datetime.fromisoformat(since).timestamp() if since else now - 30
        k0 = int((start - self.t0) // STEP_S) + 1
        times = [self.t0 + k * STEP_S for k in range(max(k0, 0), max(k0, 0) + self.page)]
        items = [{"code": s, "t": round(t * 1000), "level": 1.0, "name": f"站{s}"} for t in times if t <= now
                 for s in self.stations]
        return 200, {"Content-Type": "application/json"}, json.dumps({"data": items}).encode()


S1 = "flood/gauge/G1/level"


def test_a_source_back_filling_old_readings_is_catching_up_then_fresh(hub, running):
    server = LoopbackServer(History().app).start()
    try:
        running(HttpSource(settings(server.url), hub))
        wait_until(lambda: hub.latest(S1), 5, what="the first page")
        seen = []

        def sample():
            state, age = hub.freshness(S1)
            if state is Freshness.CATCHING_UP:
                seen.append((age, hub.catch_up(stream=S1)))
            return state is Freshness.FRESH

        wait_until(sample, 20, 0.01, "caught up")
        assert seen, "a back-fill two hours behind was never shown catching up"
        ages = [a for a, _ in seen]
        assert max(ages) > 3600, "it started far behind"
        progress = [p for _, (_, p) in seen]
        assert all(0.0 <= p <= 1.0 for p in progress) and progress[-1] > progress[0]
        behind = [b for _, (b, _) in seen]
        assert behind[-1] < behind[0]
        assert hub.source_state("feed") == "live" and hub.catch_up(stream=S1) == (None, None)
    finally:
        server.stop()


def test_a_source_that_dies_while_back_filling_goes_offline(hub, running):
    server = LoopbackServer(History(page=2).app).start()
    src = running(HttpSource(settings(server.url), hub))
    wait_until(lambda: hub.freshness(S1)[0] is Freshness.CATCHING_UP, 5, what="catching up")
    server.stop()  # down: its two-hour-old values are not on their way any more
    wait_until(lambda: not src.health.live, 5, what="the source down")
    assert hub.freshness(S1)[0] is Freshness.OFFLINE
    assert hub.source_state("feed") == "down"


def test_a_source_that_answers_with_nothing_more_is_silent_not_catching_up(hub, monkeypatch):
    monkeypatch.setattr(hub_module, "CATCH_UP_SILENCE_S", 0.3)
    health = hub.register_source("feed", [S1])
    old = time.time() - 7200
    hub.submit([Reading(S1, old, 1.0)], source="feed")  # a back-fill's first page, then nothing
    assert hub.freshness(S1)[0] is Freshness.CATCHING_UP and health.live
    wait_until(lambda: hub.freshness(S1)[0] is Freshness.OFFLINE, 5, what="silence counted")
    assert hub.source_state("feed") == "live" and hub.expects_data(S1)


def test_one_late_message_from_a_current_source_is_not_a_back_fill(hub):
    hub.register_source("feed", [S1, "flood/gauge/G2/level"])
    now = time.time()
    hub.submit([Reading(S1, now, 1.0)], source="feed")
    hub.submit([Reading("flood/gauge/G2/level", now - 3600, 1.0)], source="feed")
    assert hub.source_state("feed") == "live"
    assert hub.freshness("flood/gauge/G2/level")[0] is Freshness.OFFLINE
