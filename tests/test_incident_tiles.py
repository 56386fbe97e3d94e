"""The operator's side of incidents (pytest-qt, real classes on a real SQLite file): one key in
the alarm list opens an incident, a second alarm of the same entity joins it; the incident
list shows level, state, teams and the SLA clock (red once over); the timeline tile shows the
selected incident's steps and timeline and takes a note, a step done and a close."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from console.alarms.engine import AlarmEngine
from console.alarms.rules import compile_rule
from console.audit.auth import Session
from console.hub.hub import Hub
from console.incidents.book import IncidentBook
from console.incidents.plans import Plans, parse_plan
from console.layouts.layout import TileSpec
from console.store.store import Store
from tests.test_alarm_list_tile import Desk as AlarmDesk
from tests.test_alarm_list_tile import gauges
from tests.test_alarm_states import GUAR, T0, WARN, FakeClock
from tests.test_incidents import LEAK
from widgets import theme


class Desk(AlarmDesk):
    """The alarm list's test desk (its levels and settle), with the incident book and both incident tiles."""

    def __init__(self, qtbot, tmp_path, role="operator", read_only=False):
        from console.gui.history_loader import HistoryLoader
        from console.gui.hub_signals import HubSignals
        from console.gui.selection import Selection
        from widgets.alarm_list_tile import AlarmListTile
        from widgets.incident_list_tile import IncidentListTile
        from widgets.incident_timeline_tile import IncidentTimelineTile
        from widgets.tile import TileContext

        self.clock = FakeClock(T0)
        self.store = Store(tmp_path / "c.sqlite3", retention_days=None)
        self.hub = Hub(self.store, self.clock)
        self.hub.add_entities(gauges(3))
        self.engine = AlarmEngine(self.hub, [compile_rule(WARN | {"delay_s": 0, "incident_plan": "test.leak"}), compile_rule(GUAR)])
        self.book = IncidentBook(self.store, self.hub, Plans([parse_plan(LEAK, "test")]), self.clock,
                                 rule_plans={"warn": "test.leak"})
        self.session = Session(clock=self.clock.now)
        if role:
            self.session.login_auto("王工", role)
        self.signals = HubSignals(self.hub)
        self.selection = Selection()
        self.ctx = TileContext(self.hub, self.signals, HistoryLoader(self.store), self.engine, session=self.session,
                               read_only=read_only, selection=self.selection, incidents=self.book)
        self.alarms = AlarmListTile(self.ctx, TileSpec("alarms", 0, 0))
        self.list = IncidentListTile(self.ctx, TileSpec("incident_list", 0, 1))
        self.timeline = IncidentTimelineTile(self.ctx, TileSpec("incident_timeline", 0, 2))
        self.tiles = (self.alarms, self.list, self.timeline)
        for t in self.tiles:
            qtbot.addWidget(t)
            t.resize(900, 500)
            t.show()

    def select_alarm(self, text: str) -> None:
        table = self.alarms.table
        row = next(r for r in range(table.rowCount()) if text in table.item(r, 1).text())
        table.setFocus()
        table.selectRow(row)

    def audit(self) -> list[tuple]:
        return self.store.query("SELECT action, outcome FROM audit WHERE action LIKE 'incident.%' ORDER BY id")

    def close(self) -> None:
        for t in self.tiles:
            t.teardown()
        self.ctx.history.shutdown()
        self.signals.stop()
        self.store.close()


@pytest.fixture
def desk(qtbot, tmp_path):
    d = Desk(qtbot, tmp_path)
    yield d
    d.close()


def test_the_key_i_opens_an_incident_and_a_second_alarm_of_the_entity_joins_it(desk, qtbot):
    desk.levels({0: 2.5})
    desk.select_alarm("0号站 above warning")
    assert desk.alarms.incident_button.isEnabled()
    qtbot.keyClick(desk.alarms.table, Qt.Key.Key_I)
    desk.settle()
    (i,) = desk.book.open_incidents()
    warn = desk.engine.open_alarms()[0]
    assert (i.alarm_ids, i.entity_id, i.plan_id, i.opened_by) == ((warn.id,), "G000", "test.leak", "王工")
    assert desk.selection.incident_id == i.id
    assert desk.list.table.rowCount() == 1 and "0号站" in desk.list.table.item(0, 1).text()
    assert desk.timeline.incident.id == i.id and desk.timeline.timeline.item(0, 2).text() == "开启"
    desk.levels({0: 3.5})  # the same gauge above its guarantee level: a second alarm
    desk.select_alarm("0号站 above guarantee")
    qtbot.keyClick(desk.alarms.table, Qt.Key.Key_I)
    desk.settle()
    (joined,) = desk.book.open_incidents()
    guar = next(a for a in desk.engine.open_alarms() if a.rule == "guar")
    assert joined.id == i.id and joined.alarm_ids == (warn.id, guar.id)
    assert desk.timeline.timeline.item(0, 2).text() == "关联报警"  # the newest entry on top
    assert desk.audit() == [("incident.open", "ok"), ("incident.join_alarm", "ok")]


def test_the_button_opens_one_incident_for_alarms_of_two_entities(desk, qtbot):
    desk.levels({1: 2.5, 2: 2.6})
    desk.alarms.table.selectAll()
    qtbot.mouseClick(desk.alarms.incident_button, Qt.MouseButton.LeftButton)
    desk.settle()
    (i,) = desk.book.open_incidents()
    assert sorted(i.alarm_ids) == sorted(a.id for a in desk.engine.open_alarms())


def test_the_list_shows_level_state_teams_and_a_red_clock_once_over(desk):
    i = desk.book.open("leak", "氨气泄漏", desk.session, severity=1, place="化工园区")
    desk.book.act(i.id, "assign", "system", team="team-1")
    desk.settle()
    table = desk.list.table
    assert table.item(0, 0).text() == "◆ 特别重大 (I)" and table.item(0, 0).foreground().color().name() == theme.ALARM
    assert (table.item(0, 2).text(), table.item(0, 3).text()) == ("已派遣", "1")
    desk.clock.t = T0 + 15 * 60
    desk.signals.sig_second_ticked.emit(desk.clock.t)
    assert table.item(0, 4).text() == "剩 05:00 · 疏散群众"
    assert table.item(0, 4).foreground().color().name() != theme.ALARM
    desk.clock.t = T0 + 21 * 60 + 5
    desk.signals.sig_second_ticked.emit(desk.clock.t)
    assert table.item(0, 4).text() == "⏰ 超时 01:05 · 疏散群众"
    assert table.item(0, 4).foreground().color().name() == theme.ALARM
    assert "1 起超时" in desk.list.status_label.text()
    steps = desk.timeline.steps
    row = next(r for r in range(steps.rowCount()) if steps.item(r, 0).text() == "疏散群众")
    assert "超时 01:05" in steps.item(row, 1).text() and steps.item(row, 1).foreground().color().name() == theme.ALARM


def test_the_timeline_tile_takes_a_note_a_step_and_a_close(desk, qtbot):
    i = desk.book.open("leak", "氨气泄漏", desk.session, severity=2)
    desk.settle()
    tl = desk.timeline
    assert not tl.close_button.isEnabled()  # a summary first
    tl.text_edit.setText("风向东北")  # QTest types ASCII only
    qtbot.mouseClick(tl.note_button, Qt.MouseButton.LeftButton)
    row = tl.step_ids.index("evacuate")
    tl.steps.selectRow(row)
    qtbot.mouseClick(tl.step_button, Qt.MouseButton.LeftButton)
    assert tl.steps.item(row, 2).text().startswith("✓") and "王工" in tl.steps.item(row, 2).text()
    tl.text_edit.setText("处置完毕")
    qtbot.mouseClick(tl.close_button, Qt.MouseButton.LeftButton)
    desk.settle()
    done = desk.book.get(i.id)
    assert [e.action for e in done.timeline] == ["open", "note", "step_done", "close"] and done.summary == "处置完毕"
    assert desk.list.table.rowCount() == 0 and desk.list.empty_label.isVisible()
    assert not tl.note_button.isEnabled() and not tl.close_button.isEnabled()


def test_a_viewer_cannot_open_and_the_refusal_is_audited(qtbot, tmp_path):
    d = Desk(qtbot, tmp_path, role="viewer")
    try:
        d.levels({0: 2.5})
        d.select_alarm("0号站")
        assert not d.alarms.incident_button.isEnabled()
        qtbot.keyClick(d.alarms.table, Qt.Key.Key_I)  # the key still reaches the book: refused, audited, said
        assert d.book.open_incidents() == []
        assert d.audit() == [("incident.open", "denied: role viewer may not incident.open")]
        assert "viewer" in d.alarms.message_label.text()
    finally:
        d.close()


def test_a_wall_screen_has_no_incident_controls(qtbot, tmp_path):
    d = Desk(qtbot, tmp_path, read_only=True)
    try:
        d.book.open("leak", "氨气泄漏", "system", severity=2)
        d.settle()
        assert d.alarms.incident_button is None and d.timeline.text_edit is None
        assert d.list.table.rowCount() == 1 and d.timeline.incident is not None
    finally:
        d.close()
