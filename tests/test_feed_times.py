"""Times as Chinese platforms send them: local formats read in the mapping's zone, and
``since`` sent as a local strftime pattern (``yyyy-MM-dd HH:mm:ss`` in Beijing time)."""

import json
import time
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from console.hub.hub import Hub
from console.settings.sources import SettingsError, parse_settings
from console.sources.http_source import HttpSource, format_since
from console.sources.json_mapping import to_epoch
from console.store.store import Store
from tests.source_servers import LoopbackServer, wait_until

BJ = ZoneInfo("Asia/Shanghai")
NOON_BJ = datetime(2024, 6, 1, 12, 0, tzinfo=BJ).timestamp()


@pytest.mark.parametrize("text", [
    "2024/06/01 12:00:00", "2024/6/1 12:00", "2024-06-01 12:00", "2024-06-01 12:00:00", "20240601120000",
    20240601120000, "202406011200", "2024年06月01日 12:00", "2024年06月01日 12时00分00秒", "2024.06.01 12:00:00",
    "2024-06-01T04:00:00Z", "2024-06-01T12:00:00+08:00", "2024-05-31T00:00:00Z/2024-06-01T04:00:00Z",
])
def test_common_platform_time_formats_read_in_the_mappings_zone(text):
    assert to_epoch(text, "auto", BJ) == NOON_BJ


@pytest.mark.parametrize("number", [NOON_BJ, NOON_BJ * 1000, str(int(NOON_BJ))])
def test_epoch_numbers_still_read_as_seconds_or_ms(number):
    assert to_epoch(number, "auto", BJ) == NOON_BJ


@pytest.mark.parametrize("bad", ["2024/13/01 12:00", "yesterday", "20241301120000", "", "2024/06/01 25:00"])
def test_unreadable_times_are_none_never_a_wrong_time(bad):
    assert to_epoch(bad, "auto", BJ) is None


def test_since_as_a_local_pattern():
    assert format_since(NOON_BJ, "%Y-%m-%d %H:%M:%S") == "2024-06-01 12:00:00"
    assert format_since(NOON_BJ, "%Y%m%d%H%M%S", "UTC") == "20240601040000"
    assert format_since(NOON_BJ, "iso") == "2024-06-01T04:00:00.000Z"


def test_a_platform_that_wants_local_since_gets_it_and_back_fills(tmp_path):
    """The server parses ``since`` as local ``%Y-%m-%d %H:%M:%S`` (400 otherwise) and answers
    with local ``2024/06/01 12:00:00`` times, as many county platforms do."""
    now = time.time()
    rows = [now - 600 + 60 * i for i in range(10)]  # a reading a minute, the last 10 minutes

    def app(req):
        since = req.query.get("since")
        start = 0.0
        if since is not None:
            try:
                start = datetime.strptime(since, "%Y-%m-%d %H:%M:%S").replace(tzinfo=BJ).timestamp()
            except ValueError:
                return 400, {"Content-Type": "application/json"}, json.dumps({"msg": f"bad since {since}"}).encode()
        data = [{"code": "G1", "t": datetime.fromtimestamp(t, BJ).strftime("%Y/%m/%d %H:%M:%S"), "v": 1.0 + i}
                for i, t in enumerate(rows) if t > start]
        return 200, {"Content-Type": "application/json"}, json.dumps({"data": data}).encode()

    server = LoopbackServer(app).start()
    store = Store(tmp_path / "c.sqlite3", retention_days=None)
    hub = Hub(store)
    settings = parse_settings({"sources": [{
        "name": "county", "type": "http", "url": f"{server.url}/levels", "interval_s": 0.2, "timeout_s": 1.0,
        "since_param": "since", "since_format": "%Y-%m-%d %H:%M:%S", "backfill_s": 3600,
        "mapping": {"items": "data", "id": "code", "time": "t", "value": "v", "stream": "flood/gauge/{id}/level",
                    "timezone": "Asia/Shanghai"},
    }]}).sources[0]
    src = HttpSource(settings, hub)
    src.start()
    try:
        def cached():
            store.flush()
            return store.history("flood/gauge/G1/level", 0)
        wait_until(lambda: len(cached()) == 10 and len(server.requests) >= 3, 5, what="the back-fill and two more polls")
        assert [r[0] for r in cached()] == [float(int(t)) for t in rows]  # whole seconds: the platform's precision
        sent = [r.query["since"] for r in server.requests]
        assert all(datetime.strptime(s, "%Y-%m-%d %H:%M:%S") for s in sent)
        assert sent[-1] == datetime.fromtimestamp(int(rows[-1]), BJ).strftime("%Y-%m-%d %H:%M:%S")
        assert src.health.last_error in (None, "")
    finally:
        src.stop()
        store.close()
        server.stop()


def test_a_bad_since_pattern_or_zone_is_refused_with_the_key(hub):
    base = {"name": "x", "type": "http", "url": "http://127.0.0.1:1/", "mapping": {"value": "v", "stream": "a/b"}}
    with pytest.raises((SettingsError, ValueError), match="since_format"):
        parse_settings({"sources": [{**base, "since_param": "s", "since_format": "yyyy-MM-dd"}]})
    settings = parse_settings({"sources": [{**base, "since_param": "s", "since_format": "%Y", "since_tz": "Mars/Olympus"}]})
    with pytest.raises(ValueError, match="since_tz"):
        HttpSource(settings.sources[0], hub)
