"""Selecting an entity (as a click on the map does) makes the following tiles follow it."""

import json

from tests.gui_helpers import running_console, tiles_of


def test_chart_and_cameras_follow_the_selected_gauge(qtbot, tmp_path):
    layout = tmp_path / "l.json"
    layout.write_text(json.dumps({"name": "sel", "grid": {"rows": 1, "columns": 2}, "tiles": [
        {"kind": "chart", "row": 0, "col": 0, "title": "{river}",
         "options": {"select": {"kind": "gauge", "attrs": {"river_no": 1}}, "stream": "level", "max_series": 4,
                     "thresholds": ["warning_level", "guarantee_level"], "follow_selection": True}},
        {"kind": "cameras", "row": 0, "col": 1, "options": {"rows": 2, "columns": 2, "follow_selection": True}},
    ]}))
    with running_console(qtbot, tmp_path, demo=True, speed=60, layout_file=layout) as (rt, window, ctx):
        chart = tiles_of(window, "chart")[0]
        grid = tiles_of(window, "cameras")[0]
        qtbot.waitUntil(lambda: len(chart.series) == 4 and bool(grid.cameras), timeout=10000)
        before = list(chart.series)
        with qtbot.waitSignal(ctx.selection.sig_entity_selected, timeout=2000):
            ctx.selection.select("DH-07")  # not one of the four shown
        assert chart.series == ["flood/gauge/DH-07/level"] and chart.series != before
        assert "DH-07" in chart.title_label.text()
        assert len(chart._threshold_items) == 2  # its warning and guarantee lines
        qtbot.waitUntil(lambda: len(chart.buffers["flood/gauge/DH-07/level"]) > 100, timeout=10000)  # its history
        # the cameras nearest DH-07 lead the grid
        from console.cameras.paging import nearest_cameras

        g = rt.hub.entities["DH-07"]
        nearest = [c.id for c in nearest_cameras(list(grid.cameras.values()), g.lat, g.lon, 4)]
        assert grid.page == 0 and list(grid.visible()) == nearest
        # selecting something without a level stream leaves the chart alone
        ctx.selection.select(nearest[0])
        assert chart.series == ["flood/gauge/DH-07/level"]
