"""The runtime starts the sources of the settings file (not in --demo or --offline) and stops them."""

import json
import time

from console.app.runtime import Runtime, RuntimeOptions
from console.sources.http_source import HttpSource
from tests.source_servers import LoopbackServer, wait_until

SETTINGS = """
version = 1
[[sources]]
name = "city-levels"
type = "http"
url = "{url}/levels"
interval_s = 0.2
timeout_s = 1
[sources.mapping]
items = "items"
id = "id"
time = "t"
value = "v"
stream = "flood/gauge/{{id}}/level"
"""


def test_runtime_starts_configured_sources_and_stops_them(tmp_path):
    doc = {"items": [{"id": "MH-01", "t": time.time(), "v": 0.42}]}
    server = LoopbackServer(lambda req: (200, {}, json.dumps(doc).encode())).start()
    settings = tmp_path / "settings.toml"
    settings.write_text(SETTINGS.format(url=server.url), encoding="utf-8")
    rt = Runtime(RuntimeOptions(cache_dir=tmp_path, settings_file=settings))
    try:
        rt.start()
        assert [type(s) for s in rt.sources] == [HttpSource]
        wait_until(lambda: rt.hub.latest("flood/gauge/MH-01/level"), 5, what="a reading through the runtime")
        # a gauge the flood plugin does not know is still a stream with a source (stale rules apply)
        assert rt.hub.has_source("flood/gauge/MH-01/level") and rt.hub.sources["city-levels"].live
    finally:
        rt.stop()
        server.stop()
    assert not rt.sources[0].health.live and not rt.sources[0]._thread.is_alive()


def test_a_bad_settings_file_is_a_notice_not_a_crash(tmp_path):
    settings = tmp_path / "settings.toml"
    settings.write_text('[[sources]]\nname = "x"\ntype = "http"\nurl = "http://h"\n', encoding="utf-8")
    rt = Runtime(RuntimeOptions(cache_dir=tmp_path, settings_file=settings))
    try:
        rt.start()
        assert rt.sources == []
        assert any("sources[0].mapping" in n and str(settings) in n for n in rt.notices)
    finally:
        rt.stop()


def test_offline_starts_no_source_even_with_settings(tmp_path):
    settings = tmp_path / "settings.toml"
    settings.write_text(SETTINGS.format(url="http://127.0.0.1:9"), encoding="utf-8")
    rt = Runtime(RuntimeOptions(cache_dir=tmp_path, settings_file=settings, offline=True))
    try:
        rt.start()
        assert rt.sources == []
    finally:
        rt.stop()
