"""The whole path, as an operator sees it: simulator -> hub -> cache -> tiles; offline restart; bad input."""

import json

import numpy as np

from console.freshness import Freshness
from tests.gui_helpers import running_console, tiles_of
from tests.plugin_fixtures import install_broken_plugins


def test_data_reaches_the_tiles_through_hub_and_cache(qtbot, tmp_path):
    with running_console(qtbot, tmp_path, demo=True, speed=120) as (rt, window, ctx):
        chart = tiles_of(window, "chart")[0]
        sid = chart.series[0]
        assert sid.startswith("flood/gauge/MH-")
        # back-filled history and live readings land in the chart's buffer
        qtbot.waitUntil(lambda: len(chart.buffers[sid]) > 300, timeout=15000)
        t, v = chart.curves[sid].xData, chart.curves[sid].yData  # all of it, not the clipped view
        assert len(t) > 300 and np.all(np.diff(t) > 0)
        # ... and what the chart shows is what the cache holds
        rt.store.flush()
        cached = dict((ts, val) for ts, val, _ in rt.store.history(sid, t[0]))
        assert all(cached[ts] == val for ts, val in zip(t[-50:], v[-50:]))
        kpi = tiles_of(window, "kpi")[0]
        qtbot.waitUntil(lambda: kpi.value_label.text() == "42/42", timeout=10000)
        # live: new readings keep arriving
        last = chart.buffers[sid].last_ts
        qtbot.waitUntil(lambda: chart.buffers[sid].last_ts > last, timeout=10000)
        assert "42/42" in kpi.value_label.text()
        qtbot.waitUntil(lambda: chart.status_label.property("freshness") == "fresh", timeout=10000)  # "late" a moment on a loaded PC


def test_offline_restart_shows_cached_values_marked_stale(qtbot, tmp_path):
    with running_console(qtbot, tmp_path, demo=True, speed=60) as (rt, window, ctx):
        chart = tiles_of(window, "chart")[0]
        sid = chart.series[0]
        qtbot.waitUntil(lambda: len(chart.buffers[sid]) > 100, timeout=15000)
    last = None
    with running_console(qtbot, tmp_path, offline=True) as (rt, window, ctx):
        assert rt.sources == []
        last = rt.hub.latest(sid)
        assert last is not None  # known before any source answers
        chart = tiles_of(window, "chart")[0]
        assert chart.series[0] == sid  # entities came from the cache too
        qtbot.waitUntil(lambda: len(chart.buffers[sid]) > 100, timeout=10000)  # history from the cache
        qtbot.waitUntil(lambda: chart.status_label.property("freshness") in ("stale", "offline"), timeout=5000)
        assert rt.hub.freshness(sid)[0] in (Freshness.STALE, Freshness.OFFLINE)
        assert f"{last.value:.2f}" in chart.legend.text()
        assert "陈旧" in chart.legend.text() or "离线" in chart.legend.text()
        kpi = tiles_of(window, "kpi")[0]
        qtbot.waitUntil(lambda: kpi.value_label.text().endswith(" 0/42"), timeout=5000)  # with the abnormal mark
        assert any("离线模式" in str(n) for n in rt.notices)  # zh, the default


def test_a_broken_layout_file_is_named_and_the_default_is_shown(qtbot, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"name": "x", "grid": {"rows": 1, "columns": 1}, "tiles": [{"kind": "kpi", "row": 0, "col": 3}]}))
    with running_console(qtbot, tmp_path, demo=True, layout_file=bad) as (rt, window, ctx):
        assert window.wall.layout_model.name == "flood-overview"
        assert any(str(bad) in n and "tiles[0].colspan" in n for n in rt.notices)
        assert str(bad) in window.notice_label.text()


def test_a_broken_plugin_is_reported_and_the_console_still_starts(qtbot, tmp_path, monkeypatch):
    install_broken_plugins(tmp_path / "site")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    settings = tmp_path / "settings.toml"
    settings.write_text('[plugins]\nallow = ["broken", "wrongtype"]\n')  # named, so they are tried
    with running_console(qtbot, tmp_path, demo=True, settings_file=settings) as (rt, window, ctx):
        assert "flood" in rt.registry.plugins
        assert any("'broken'" in n and "boom" in n for n in rt.notices)
        assert len(tiles_of(window, "chart")) == 2


def test_a_tile_of_a_missing_plugin_becomes_a_placeholder(qtbot, tmp_path):
    layout = tmp_path / "l.json"
    layout.write_text(json.dumps({"name": "x", "grid": {"rows": 1, "columns": 2}, "tiles": [
        {"kind": "weather-radar", "row": 0, "col": 0}, {"kind": "kpi", "row": 0, "col": 1, "options": {"metric": "nonsense"}}]}))
    with running_console(qtbot, tmp_path, demo=True, layout_file=layout) as (rt, window, ctx):
        placeholder, broken = window.wall.tiles
        assert placeholder.kind == "placeholder" and "no loaded plugin" in placeholder.reason
        assert broken.kind == "placeholder" and "nonsense" in broken.reason
