"""The desk in a running console: the editor saves what it edits, a bad file changes nothing on screen,
an alarm takes the wall and gives it back after acknowledgement and a timeout."""

import json
from dataclasses import replace

import pytest

import widgets._map_scheme  # noqa: F401  (before the QApplication: the takeover layout has a map)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLineEdit

from console.layouts.layout import load_layout
from console.wall.wall_config import parse_wall_config
from tests.gui_helpers import desk_console
from tests.wall_helpers import wall_alarm


def test_layout_editing_needs_an_operator_login(qtbot, tmp_path):
    with desk_console(qtbot, tmp_path, login=False) as (rt, window, desk):
        assert desk.edit_layout() is None
        rt.session.login_auto("访客", "viewer")
        assert desk.edit_layout() is None  # a viewer may look, not edit
        rt.session.login_auto("王工", "operator")
        ed = desk.edit_layout()
        assert ed is not None
        qtbot.addWidget(ed)


def test_editor_edits_save_as_a_new_layout_and_show_it(qtbot, tmp_path):
    with desk_console(qtbot, tmp_path) as (rt, window, desk):
        before = window.wall.layout_model
        ed = desk.edit_layout()
        qtbot.addWidget(ed)
        ed.select_cell(0, 0)  # the first KPI
        assert ed.selected == 0
        ed.form.fields["severity"].setText("4")
        ed.form.fields["unit"].setText("个")
        ed.title_edit.setText("特急 Critical")
        ed.colspan_spin.setValue(2)  # refused: overlaps the next KPI
        ed.apply_tile()
        assert "overlaps" in ed.status.text() and ed.edit.layout == before
        ed.colspan_spin.setValue(1)
        ed.apply_tile()
        assert ed.edit.layout.tiles[0].options["severity"] == 4 and ed.edit.layout.tiles[0].title == "特急 Critical"
        ed.remove_tile()
        assert len(ed.edit.layout.tiles) == len(before.tiles) - 1
        ed.undo()
        assert len(ed.edit.layout.tiles) == len(before.tiles)
        ed.select_cell(0, 0)
        ed.form.fields["decimals"].setText("two")  # not an integer: named, nothing applied
        ed.apply_tile()
        assert "decimals" in ed.status.text()
        ed.name_edit.setText("overview-night")
        path = ed.save_as()
        assert path == tmp_path / "layouts" / "overview-night.json"
        assert load_layout(path).to_dict() == ed.edit.layout.to_dict()
        assert "overview-night" in rt.layouts
        ed.sig_layout_applied.emit(ed.edit.layout)
        assert window.wall.layout_model.name == "overview-night"
        assert window.wall.tiles[0].title_label.text() == "特急 Critical"


def test_options_form_covers_the_schema_types(qtbot):
    from console.gui.options_form import OptionsForm
    from widgets.camera_grid_tile import CameraGridTile
    from widgets.chart_tile import ChartTile

    form = OptionsForm(ChartTile.options_schema, {"streams": ["a/*", "b"], "select": {"kind": "gauge"}, "window_h": 2.5, "x": 1})
    qtbot.addWidget(form)
    assert form.fields["streams"].text() == "a/*, b"
    assert form.options() == {"streams": ["a/*", "b"], "select": {"kind": "gauge"}, "window_h": 2.5, "x": 1}
    form.fields["select"].setText("{bad")
    try:
        form.options()
        raise AssertionError("bad JSON accepted")
    except ValueError as exc:
        assert str(exc).startswith("select:")
    cams = OptionsForm(CameraGridTile.options_schema, {"alarm_first": True})
    qtbot.addWidget(cams)
    box = cams.fields["alarm_first"]
    assert isinstance(box, QCheckBox) and box.checkState() == Qt.CheckState.Checked
    box.setCheckState(Qt.CheckState.PartiallyChecked)  # not set
    cams.fields["rows"].setText("40")  # beyond the schema's maximum
    try:
        cams.options()
        raise AssertionError("rows 40 accepted")
    except ValueError as exc:
        assert str(exc).startswith("rows:")
    assert isinstance(cams.fields["group_by"], QLineEdit)


def test_an_invalid_layout_file_opens_nothing_and_the_layout_stays(qtbot, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"name": "x", "grid": {"rows": 2, "columns": 2},
                               "tiles": [{"kind": "kpi", "row": 0, "col": 0, "rowspan": 3}]}))
    with desk_console(qtbot, tmp_path) as (rt, window, desk):
        shown = window.wall
        assert desk.open_layout_file(bad) is None
        assert window.wall is shown  # not even rebuilt
        assert "tiles[0].rowspan" in window.notice_label.text() and "保持不变" in window.notice_label.text()
        assert "x" not in rt.layouts
        good = tmp_path / "good.json"
        good.write_text(json.dumps({"name": "good", "grid": {"rows": 1, "columns": 1}, "tiles": [{"kind": "text", "row": 0, "col": 0}]}))
        assert desk.open_layout_file(good).name == "good"
        assert window.wall.layout_model.name == "good"




# the takeover's map starts QtWebEngine, which probes for a GPU this headless machine lacks
@pytest.mark.qt_log_ignore("^QRhiGles2: Failed to create", "^Failed to create RHI", "^GBM is not supported")
def test_an_alarm_takes_the_wall_and_the_wall_returns_after_ack_and_timeout(qtbot, tmp_path, monkeypatch):
    from widgets.map_tile import MapTile

    flown = []
    monkeypatch.setattr(MapTile, "fly_to", lambda self, entity_id: flown.append(entity_id))
    wall = parse_wall_config({
        "screens": [{"id": "main", "span": True, "fullscreen": False, "layout": "flood-overview"}],
        "takeover": {"min_severity": 3, "return_after_s": 60, "steps": ["关闭闸门 Close the sluice"]},
    })
    with desk_console(qtbot, tmp_path, wall) as (rt, window, desk):
        clock = [1000.0]
        alarms = []
        desk.driver.now = lambda: clock[0]
        desk.driver.open_alarms = lambda: list(alarms)
        screen = desk.windows.windows["main"]
        assert screen.layout_model.name == "flood-overview" and not screen.banner.isVisible()
        card = desk.preview.cards["main"]
        assert desk.dock.isVisible() and "flood-overview" not in card.caption.text()  # titles, not names
        assert "防汛总览" in card.caption.text() and not card.thumb.pixmap().isNull()
        alarm = wall_alarm(7, "MH-03", "flood/gauge/MH-03/level", severity=3)
        alarms.append(alarm)
        with qtbot.waitSignal(desk.driver.sig_screen_switched):
            window.ctx.signals.sig_alarms_changed.emit()
        assert screen.layout_model.name == "takeover:MH-03"
        assert "报警接管" in screen.banner.text()
        kinds = sorted(t.kind for t in screen.grid.tiles)
        assert kinds == ["cameras", "chart", "map", "text"]
        assert flown == ["MH-03"]
        steps = next(t for t in screen.grid.tiles if t.kind == "text")
        # the rule's own response steps; the wall config's serve only a rule without any
        assert "核实水位" in steps.text_label.text() and "关闭闸门" not in steps.text_label.text()
        desk.preview.refresh()
        assert desk.preview.cards["main"].veto_btn.isEnabled()
        alarms[0] = replace(alarm, state="acked")
        window.ctx.signals.sig_alarms_changed.emit()
        clock[0] += 59
        desk.driver.tick()
        assert screen.layout_model.name == "takeover:MH-03"
        clock[0] += 1
        desk.driver.tick()
        assert screen.layout_model.name == "flood-overview" and not screen.banner.isVisible()


def _audit_rows(rt):
    rt.store.flush()
    return rt.store.query("SELECT user, action, target, outcome FROM audit ORDER BY id")


def test_with_nobody_logged_in_no_desk_action_works_and_each_refusal_is_audited(qtbot, tmp_path):
    """Ctrl+O, Ctrl+E, Ctrl+1…9, Space (hold), the palette's play/stop and a wall screen's
    take/veto: with nobody at the desk each is refused and audited; an operator's are done and audited."""
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"name": "mine", "grid": {"rows": 1, "columns": 1},
                                "tiles": [{"kind": "text", "row": 0, "col": 0, "options": {"text": "x"}}]}))
    from console.wall.commands import Command

    with desk_console(qtbot, tmp_path, login=False) as (rt, window, desk):
        before = window.wall.layout_model.name
        assert desk.open_layout_file(good) is None
        assert desk.edit_layout() is None
        desk.driver.hotkey(1)
        desk.driver.toggle_hold()
        desk.driver.veto(desk.driver.target)
        desk.driver.take_control(desk.driver.target, "mine")
        desk.driver.run_command(Command("stop", ""))
        assert window.wall.layout_model.name == before  # nothing changed on screen
        refused = [(a, o) for _u, a, _t, o in _audit_rows(rt) if not a.startswith("auth.")]
        assert refused == [("layout.open", "denied: not logged in"), ("layout.edit", "denied: not logged in"),
                           ("wall.hotkey", "denied: not logged in"), ("playlist.hold", "rejected: no playlist"),
                           ("wall.veto", "denied: not logged in"), ("wall.take", "denied: not logged in"),
                           ("playlist.stop", "rejected: no playlist")]
        rt.session.login_auto("访客", "viewer")
        assert desk.open_layout_file(good) is None
        assert ("访客", "layout.open", f"file:{good}", "denied: role viewer may not layout.open") in _audit_rows(rt)
        rt.session.login_auto("王工", "operator")
        assert desk.open_layout_file(good).name == "mine"
        qtbot.waitUntil(lambda: window.wall.layout_model.name == "mine", timeout=5000)
        rows = _audit_rows(rt)
        assert ("王工", "layout.open", f"file:{good}", "ok") in rows
        assert ("王工", "wall.take", f"screen:{desk.driver.target}", "ok") in rows


def test_another_desks_operator_sends_a_tile_through_run_as_leaving_this_desks_gate_and_target(qtbot, tmp_path):
    """``run_as``: a command checked and audited as someone else (the centre's WallRemote), this
    desk's own gate (nobody logged in) and target untouched; a tile named wrong changes nothing."""
    from console.audit.permissions import Actor, Gate
    from console.wall.commands import Command

    with desk_console(qtbot, tmp_path, login=False) as (rt, window, desk):
        gate, target, before = desk.driver.gate, desk.driver.target, window.wall.layout_model.name
        remote = Gate(Actor("王工", "operator"), rt.store.audit)
        desk.driver.run_as(remote, target, Command("tile", f"{before}/nonesuch"))
        assert window.wall.layout_model.name == before and any("nonesuch" in n for n in rt.notices)
        desk.driver.run_as(remote, target, Command("tile", f"{before}/1"))
        first = rt.layouts[before].tiles[0]
        qtbot.waitUntil(lambda: window.wall.layout_model.name.startswith(f"tile:{first.kind}"), timeout=5000)
        assert [t.kind for t in window.wall.layout_model.tiles] == [first.kind]
        assert (desk.driver.gate, desk.driver.target) == (gate, target)
        rows = _audit_rows(rt)
        assert ("王工", "wall.take", f"screen:{target}", "rejected: no such tile") in rows
        assert ("王工", "wall.take", f"screen:{target}", "ok") in rows
        desk.driver.take_control(target, before)  # this desk's own gate still says nobody is logged in
        assert window.wall.layout_model.name.startswith("tile:")
        assert _audit_rows(rt)[-1] == ("-", "wall.take", f"screen:{target}", "denied: not logged in")
