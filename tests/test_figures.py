"""One figure, one source: how values, limits and counts are written, and that every view
that shows a figure takes it from the same function (no Qt here)."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta

from console.alarms.engine import AlarmEngine
from console.alarms.listing import alarm_counts, in_scope, scope_text
from console.alarms.rules import compile_rule
from console.city_time import city_time
from console.figures import distinct_texts, format_value
from console.freshness import Freshness
from console.kpi import compute_kpi
from console.model import Entity, Reading, StreamSpec
from console.plugins.registry import PluginRegistry


def test_a_value_and_its_limit_never_read_equal():
    assert distinct_texts(3.012, 3.008) == ("3.012", "3.008")
    assert distinct_texts(4.32, 3.8) == ("4.32", "3.80")  # apart already: the asked precision
    assert distinct_texts(253.4, 252.6, 0) == ("253.4", "252.6")


def test_counts_are_integers_and_levels_keep_their_decimals():
    assert format_value(264.0, StreamSpec("h/x/queue", "q", "人", 300, 0)) == "264 人"
    assert format_value(3.0, StreamSpec("f/g/level", "l", "m", 60)) == "3.00 m"
    assert format_value(None, StreamSpec("f/g/level", "l", "m", 60)) == "—"


def test_an_alarm_message_tells_value_and_limit_apart(hub):
    """The flood plugin's own rule, on a reading just past the limit (3.012 over 3.008: both "3.01" at two places)."""
    flood = PluginRegistry.discover().plugins["flood"]
    rule = next(compile_rule(r) for r in flood.rules if r["id"] == "flood.above_warning")
    hub.add_entities([Entity("G1", "gauge", "一号站", attrs={"warning_level": 3.008, "guarantee_level": 3.8},
                             streams=(StreamSpec("flood/gauge/G1/level", "水位", "m", 60),))])
    engine = AlarmEngine(hub, [rule])
    t0 = 1_000_000.0
    hub.submit([Reading("flood/gauge/G1/level", t0 + i * 60, 3.012) for i in range(int(rule.delay_s // 60) + 3)])
    assert hub.store.flush()
    (a,) = engine.open_alarms()
    assert "3.012 m > 3.008 m" in a.message, a.message


def test_every_shipped_rule_has_a_name_that_is_not_its_id():
    for m in PluginRegistry.discover().plugins.values():
        for data in m.rules:
            rule = compile_rule(data)
            assert rule.title and rule.title != rule.id and "." not in rule.title.split()[0], (m.name, rule.id)


def test_a_rule_without_a_title_is_named_from_its_message():
    rule = compile_rule({"id": "x.overload", "type": "threshold", "streams": "x/*", "limit": 1,
                         "message": "{name} 过载 overloaded: {value:.0f} kW > {limit:.0f} kW"})
    assert rule.title == "过载 overloaded"


def _alarm_world(hub):
    rules = [compile_rule({"id": f"{d}.high", "title": "高 High", "type": "threshold", "streams": f"{d}/*/v",
                           "limit": 1.0, "message": "{name} {value:.1f}"}) for d in ("parking", "flood")]
    ents = [Entity(f"{d}{i}", "x", f"{d}{i}", streams=(StreamSpec(f"{d}/{d}{i}/v", "v", "", 60),))
            for d in ("parking", "flood") for i in range(3 if d == "parking" else 5)]
    hub.add_entities(ents)
    engine = AlarmEngine(hub, rules)
    hub.submit([Reading(e.streams[0].id, 1_000_000.0, 5.0) for e in ents])
    assert hub.store.flush()
    return engine


def test_the_status_bar_and_a_filtered_list_count_with_one_function(hub):
    engine = _alarm_world(hub)
    every = engine.open_alarms()
    assert alarm_counts(every).open == 8
    assert alarm_counts(every, ["parking/*"]).open == 3 == len(in_scope(every, ["parking/*"]))
    assert scope_text(["parking/*"]) == "筛选：parking"  # the filtered list says its filter
    assert scope_text(None) == ""


def test_the_guidance_panel_and_the_kpi_read_the_same_free_spaces(hub):
    """The guidance heading's city total is compute_kpi on the KPI's stream, whatever the car parks say."""
    spec = StreamSpec("parking/class/all/free", "全市空位", "spaces", 60, 0)
    hub.add_entities([Entity("all", "parking_class", "全市", streams=(spec,))])
    hub.submit([Reading(spec.id, time.time(), 7080.0)])
    assert hub.store.flush()
    assert compute_kpi(hub, [spec.id], "value").text == "7080"  # a count: no decimals, whatever the layout says


# -- the task board: the report's days overdue are the board's -------------------------------
def test_the_weekly_report_says_the_days_overdue_the_board_says(tmp_path):
    from plugins.taskboard.board import summarise
    from plugins.taskboard.importer import import_file
    from plugins.taskboard.report import build_weekly_report, render_markdown
    from plugins.taskboard.task_store import TaskStore
    from tests.taskbook_helpers import SEEDS

    book = "禹城市"
    zone = city_time().zone
    today = date(2021, 3, 24)  # a Wednesday: the week of the report is not over
    with TaskStore(tmp_path / "cache.sqlite") as s:
        s.save_book(import_file(SEEDS / "yucheng.txt").book, who="导入", at=datetime(2021, 3, 1, 9, tzinfo=zone))
        s.update_task(book, "2.1.4", {"due": "2021-03-09"}, who="王强", at=datetime(2021, 3, 2, 9, tzinfo=zone))
        board = summarise(s.book_as_of(book, datetime.combine(today, datetime.min.time(), zone) + timedelta(days=1)), today)
        report = build_weekly_report(s, book, "2021-W12", today=today)
    days_on_board = {key: days for key, _t, _d, days in board.overdue}
    assert days_on_board["2.1.4"] == 15
    row = next(r for r in report.overdue_rows if "【2.1.4】" in r[0])
    assert row[2] == "15", row  # not 19 (Sunday's count, four days ahead of the board)
    assert "| 15 |" in render_markdown(report)


def test_no_fixed_utc_offset_in_the_task_board():
    from pathlib import Path

    import plugins.taskboard as tb

    for py in Path(tb.__file__).parent.rglob("*.py"):
        text = py.read_text(encoding="utf-8")
        assert "timedelta(hours=8)" not in text and "BEIJING" not in text, py



# -- a figure over many streams: as fresh as the ones reporting, the silent ones counted -----
def test_one_silent_transformer_does_not_make_the_city_figure_stale(hub):
    """2 of 3 transformers report, one went quiet hours ago (an outage): "overloaded" and
    "max load" are fresh and say one is not reporting; with all quiet the figure is offline."""
    specs = [StreamSpec(f"energy/T{k}/load", "负载率", "%", 900, 1) for k in range(3)]
    hub.add_entities([Entity(f"T{k}", "transformer", f"{k}号配变", attrs={"limit": 100.0}, streams=(s,))
                      for k, s in enumerate(specs)])
    health = hub.register_source("energy", [s.id for s in specs])
    health.live = True
    now = time.time()
    hub.submit([Reading(specs[0].id, now - 60, 120.0), Reading(specs[1].id, now - 60, 40.0),
                Reading(specs[2].id, now - 6 * 3600, 150.0)])
    assert hub.store.flush()
    ids = [s.id for s in specs]
    above = compute_kpi(hub, ids, "above", limit_attr="limit")
    assert (above.text, above.freshness) == ("1", Freshness.FRESH), above
    assert str(above.detail) == "0号配变 · 1 未报", above.detail
    peak = compute_kpi(hub, ids, "max", unit="%")
    assert peak.freshness is Freshness.FRESH and peak.age_s < 120 and "1 未报" in str(peak.detail), peak
    alone = compute_kpi(hub, ids[2:], "max", unit="%")  # the quiet one alone: no figure to trust
    assert alone.freshness is Freshness.OFFLINE and "未报" not in str(alone.detail), alone


def test_a_kpi_counts_its_streams_by_the_layouts_noun_in_each_language(hub):
    """A sum over bus routes says "3 条线路" (the layout's noun), not the default "3 个站点";
    in English the noun comes from the catalog like a layout title."""
    from console.languages import translated

    specs = [StreamSpec(f"bus/R{k}/buses", "在线车辆", "", 60, 0) for k in range(3)]
    hub.add_entities([Entity(f"R{k}", "bus_route", f"{k}路", streams=(s,)) for k, s in enumerate(specs)])
    now = time.time()
    hub.submit([Reading(s.id, now - 30, 4.0 + k) for k, s in enumerate(specs)])
    assert hub.store.flush()
    ids = [s.id for s in specs]
    routes = compute_kpi(hub, ids, "sum", count_noun="条线路")
    assert (routes.text, str(routes.detail)) == ("15", "3 条线路"), routes
    assert str(compute_kpi(hub, ids, "sum").detail) == "3 个站点"
    english = {("Kpi", "{n} {noun}"): "{n} {noun}", ("Layout", "条线路"): "routes"}
    assert translated(routes.detail, lambda ctx, src: english.get((ctx, src), src)) == "3 routes"


def test_a_kpi_over_routes_leaves_out_the_ones_with_no_bus_in_service_and_says_so_when_none_runs(hub):
    """The highest mean load over the routes: a route with 0 buses in service is silent for a
    reason, not missing; with none in service (the night) the KPI says the layout's idle words,
    fresh, never offline. A route whose in-service count itself went silent still counts as silent."""
    from console.languages import translated

    routes = []
    for k in range(3):
        load = StreamSpec(f"bus/R{k}/load_pct", "平均满载率", "%", 60, 0)
        buses = StreamSpec(f"bus/R{k}/buses", "在线车辆", "", 60, 0)
        routes.append(Entity(f"R{k}", "bus_route", f"{k}路", streams=(load, buses)))
    hub.add_entities(routes)
    hub.register_source("transit", [s.id for e in routes for s in e.streams]).live = True
    now = time.time()
    loads = [f"bus/R{k}/load_pct" for k in range(3)]
    active = {f"bus/R{k}/load_pct": f"bus/R{k}/buses" for k in range(3)}
    hub.submit([Reading("bus/R0/buses", now - 30, 4.0), Reading("bus/R0/load_pct", now - 30, 60.0),
                Reading("bus/R1/buses", now - 30, 0.0), Reading("bus/R1/load_pct", now - 3 * 3600, 95.0),
                Reading("bus/R2/buses", now - 30, 0.0)])
    assert hub.store.flush()
    evening = compute_kpi(hub, loads, "max", unit="%", count_noun="条线路", active=active, idle_text="无车辆运营")
    assert (evening.text, str(evening.detail), evening.freshness) == ("60 %", "1 条线路", Freshness.FRESH), evening
    without = compute_kpi(hub, loads, "max", unit="%", count_noun="条线路")  # as before: the idle ones "not reporting"
    assert "2 未报" in str(without.detail)
    hub.submit([Reading("bus/R0/buses", now - 20, 0.0)])
    assert hub.store.flush()
    night = compute_kpi(hub, loads, "max", unit="%", count_noun="条线路", active=active, idle_text="无车辆运营")
    assert (str(night.text), night.freshness, night.abnormal) == ("无车辆运营", Freshness.FRESH, False), night
    english = {("Layout", "无车辆运营"): "No buses in service"}
    assert translated(night.text, lambda ctx, src: english.get((ctx, src), src)) == "No buses in service"
    # no count at all: nothing says the routes are idle, so the figure is as old as it is
    later = compute_kpi(hub, loads, "max", unit="%", active={s: "bus/none/buses" for s in loads})
    assert later.text != "无车辆运营"
