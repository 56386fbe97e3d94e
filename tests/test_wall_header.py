"""The wall header: the centre, the clock naming its zone, the demo mark, and the weather only when a
source gives it (a ``weather`` entity with readings)."""

from __future__ import annotations

import time

import pytest

from console.hub.hub import Hub
from console.model import Entity, Reading, StreamSpec
from console.store.store import Store
from console.wall.header_text import weather_text


@pytest.fixture
def hub(tmp_path):
    store = Store(tmp_path / "c.sqlite3", retention_days=None)
    yield Hub(store)
    store.close()


def _station(hub: Hub) -> Entity:
    e = Entity("WX-1", "weather", "寿光气象站", 36.86, 118.79, streams=(
        StreamSpec("weather/WX-1/temp", "气温 temperature", "°C"), StreamSpec("weather/WX-1/rain", "雨强 rain", "mm/h")))
    hub.add_entities([e], persist=False)
    return e


def test_no_weather_is_made_up(hub):
    assert weather_text(hub) == ""
    _station(hub)
    assert weather_text(hub) == "", "a station with no readings yet says nothing"


def test_the_weather_comes_from_a_weather_entity(hub):
    _station(hub)
    now = time.time()
    hub.submit([Reading("weather/WX-1/temp", now, -3.5), Reading("weather/WX-1/rain", now, 1.2)])
    assert weather_text(hub) == "天气 寿光气象站 -3.5 °C · 1.2 mm/h"


def test_the_header_shows_centre_marks_clock_and_weather(qtbot, hub):
    from console.gui.hub_signals import HubSignals
    from console.gui.history_loader import HistoryLoader
    from console.gui.wall_header import WallHeader
    from widgets.tile import TileContext

    ctx = TileContext(hub, HubSignals(hub), HistoryLoader(hub.store))
    header = WallHeader(ctx, "寿光市城市运营中心", ("演示数据 · DEMO DATA",))
    qtbot.addWidget(header)
    header.show()
    assert "北京时间 UTC+8" in header.text() and "演示数据" in header.text() and "Weather" not in header.text()
    assert not header.weather_label.isVisible()
    _station(hub)
    hub.submit([Reading("weather/WX-1/temp", time.time(), 12.0)])
    header.tick(hub.clock.now())
    assert header.weather_label.isVisible() and "12 °C" in header.text()
    header.teardown()
    ctx.history.shutdown()
