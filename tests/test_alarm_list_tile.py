"""The alarm list: sort, filter, acknowledge, shelve, guidance, roles, floods, and 500 alarms
in ten minutes with the UI still responsive."""

from __future__ import annotations

import threading
import time

import pytest

from console.alarms.engine import AlarmEngine
from console.alarms.rules import compile_rule
from console.audit.auth import Session
from console.hub.hub import Hub
from console.layouts.layout import TileSpec
from console.model import Entity, Reading, StreamSpec
from console.store.store import Store
from tests.test_alarm_states import GUAR, T0, WARN, FakeClock


def gauges(n: int, river=lambda i: "弥河 Mi River" if i % 2 else "丹河 Dan River") -> list[Entity]:
    return [
        Entity(f"G{i:03d}", "gauge", f"{i}号站", attrs={"warning_level": 2.0, "guarantee_level": 3.0, "river": river(i)},
               streams=(StreamSpec(f"g/G{i:03d}/level", "l", "m", 60),))
        for i in range(n)
    ]


class Desk:
    def __init__(self, qtbot, tmp_path, n=4, role="operator", read_only=False, options=None, warn_delay=0):
        from console.gui.history_loader import HistoryLoader
        from console.gui.hub_signals import HubSignals
        from widgets.alarm_list_tile import AlarmListTile
        from widgets.tile import TileContext

        self.clock = FakeClock(T0)
        self.store = Store(tmp_path / "c.sqlite3", retention_days=None)
        self.hub = Hub(self.store, self.clock)
        self.hub.add_entities(gauges(n))
        self.engine = AlarmEngine(self.hub, [compile_rule(dict(WARN, delay_s=warn_delay)), compile_rule(GUAR)])
        self.session = Session(clock=self.clock.now)
        if role:
            self.session.login_auto("王工", role)
        self.signals = HubSignals(self.hub)
        self.ctx = TileContext(self.hub, self.signals, HistoryLoader(self.store), self.engine, session=self.session, read_only=read_only)
        self.tile = AlarmListTile(self.ctx, TileSpec("alarms", 0, 0, options=options or {}))
        qtbot.addWidget(self.tile)
        self.tile.resize(900, 500)
        self.tile.show()

    def levels(self, values: dict[int, float]) -> None:
        self.clock.t += 1
        self.hub.submit([Reading(f"g/G{i:03d}/level", self.clock.t, v) for i, v in values.items()])
        self.settle()

    def settle(self) -> None:
        assert self.store.flush()
        self.signals.drain()

    def close(self) -> None:
        self.tile.teardown()
        self.ctx.history.shutdown()
        self.signals.stop()
        self.store.close()

    def texts(self, col: int = 1) -> list[str]:
        return [self.tile.table.item(r, col).text() for r in range(self.tile.table.rowCount())]


@pytest.fixture
def desk(qtbot, tmp_path):
    d = Desk(qtbot, tmp_path)
    yield d
    d.close()


def test_filters_by_level_state_and_text_and_sorts_by_a_column(desk):
    desk.levels({0: 3.5, 1: 2.5, 2: 2.5})
    desk.clock.t += 100
    desk.levels({3: 3.6})
    tile = desk.tile
    assert tile.table.rowCount() == 4
    assert [t.split()[0] for t in desk.texts(0)] == ["◆", "◆", "▲", "▲"]  # red before orange
    tile.level_box.setCurrentIndex(tile.level_box.findText("◆ 红色 +"))
    assert all("guarantee" in t for t in desk.texts()) and tile.table.rowCount() == 2
    tile.level_box.setCurrentIndex(0)
    tile.text_edit.setText("2号站")
    assert desk.texts() == ["2号站 above warning"]
    tile.text_edit.clear()
    tile.set_sort("time", descending=True)
    assert desk.texts()[0] == "3号站 above guarantee"  # the newest first
    tile.set_sort("time", descending=False)
    assert desk.texts()[-1] == "3号站 above guarantee"
    tile.table.selectRow(0)
    tile.acknowledge_selected()
    desk.settle()
    tile.state_box.setCurrentIndex(tile.state_box.findText("未确认（含已恢复）"))
    assert tile.table.rowCount() == 3


def test_acknowledge_shelve_with_a_reason_and_unshelve_from_the_tile(desk, qtbot):
    desk.levels({0: 3.5})
    tile = desk.tile
    tile.table.selectRow(0)
    assert tile.ack_button.isEnabled() and tile.shelve_button.isEnabled() and not tile.unshelve_button.isEnabled()
    assert "巡查" not in tile.guidance_label.text()  # guarantee rule: no guidance given in this test's data
    qtbot.mouseClick(tile.ack_button, qtbot_button())
    desk.settle()
    assert desk.engine.open_alarms()[0].state == "acked" and tile.table.item(0, 3).text() == "已确认"
    qtbot.mouseClick(tile.shelve_button, qtbot_button())
    assert tile.shelve_bar.isVisible() and not tile.shelve_bar.ok_button.isEnabled()  # a reason first
    qtbot.keyClicks(tile.shelve_bar.reason_edit, "staff gauge washed away")
    tile.shelve_bar.duration_box.setCurrentIndex(2)  # 1 h
    qtbot.mouseClick(tile.shelve_bar.ok_button, qtbot_button())
    desk.settle()
    (a,) = desk.engine.open_alarms()
    assert (a.state, a.shelve_mode, a.shelved_by, a.shelved_until) == ("shelved", "timed", "王工", desk.clock.t + 3600)
    assert tile.table.item(0, 3).text() == "已搁置" and tile.unshelve_button.isEnabled()
    qtbot.mouseClick(tile.unshelve_button, qtbot_button())
    desk.settle()
    assert desk.engine.open_alarms()[0].state == "unack"
    rows = desk.store.query("SELECT user, action, outcome FROM audit ORDER BY id")
    assert rows == [("王工", "alarm.ack", "ok"), ("王工", "alarm.shelve", "ok"), ("王工", "alarm.unshelve", "ok")], rows


def qtbot_button():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_the_selected_alarm_shows_its_response_steps(desk):
    desk.levels({1: 2.5})
    desk.tile.table.selectRow(0)
    assert desk.tile.guidance_label.isVisible()
    assert "1. 巡查堤防 Patrol the levee" in desk.tile.guidance_label.text()


def test_a_viewer_sees_no_usable_controls_and_a_refused_ack_is_audited(qtbot, tmp_path):
    d = Desk(qtbot, tmp_path, role="viewer")
    try:
        d.levels({0: 3.5})
        d.tile.table.selectRow(0)
        assert d.tile.ack_button.isVisible() and not d.tile.ack_button.isEnabled()
        assert "只读" in d.tile.session_label.text()
        d.tile.acknowledge_selected()  # e.g. a double click
        d.settle()
        assert d.engine.open_alarms()[0].state == "unack"
        assert d.store.query("SELECT action, outcome FROM audit WHERE action LIKE 'alarm.%'") == [("alarm.ack", "denied: role viewer may not alarm.ack")]
        d.session.logout()
        d.tile.on_second(d.clock.t)
        assert "登录后可操作" in d.tile.session_label.text()
    finally:
        d.close()


def test_a_wall_screen_shows_no_operator_controls_whoever_is_logged_in(qtbot, tmp_path):
    d = Desk(qtbot, tmp_path, role="admin", read_only=True)
    try:
        d.levels({0: 3.5})
        assert d.tile.table.rowCount() == 1
        # not hidden: never built
        assert (d.tile.ack_button, d.tile.shelve_button, d.tile.unshelve_button, d.tile.session_label) == (None,) * 4
        from PySide6.QtWidgets import QPushButton

        assert not [b.text() for b in d.tile.findChildren(QPushButton) if "确认" in b.text() or "搁置" in b.text()]
        from PySide6.QtWidgets import QComboBox, QLineEdit

        assert d.tile.filter_row is None and not d.tile.findChildren(QComboBox) and not d.tile.findChildren(QLineEdit)
        assert not d.tile.table.horizontalHeader().sectionsClickable()
    finally:
        d.close()


def test_a_flood_is_announced_and_grouped_by_rule_or_area(qtbot, tmp_path):
    d = Desk(qtbot, tmp_path, n=14)
    try:
        d.levels({i: 3.5 for i in range(10)})
        assert not d.tile.flood_banner.isVisible() and d.tile.table.rowCount() == 10
        d.levels({10: 3.5})  # eleven in ten minutes: a flood
        assert d.tile.flood_banner.isVisible() and "报警泛滥" in d.tile.flood_banner.text()
        assert d.tile.table.rowCount() == 1 and "above guarantee · 11 条报警 · 11 未确认" in d.texts()[0]
        d.tile.group_box.setCurrentIndex(d.tile.group_box.findData("area"))
        assert sorted(t.split(" · ")[0] for t in d.texts()) == ["丹河 Dan River", "弥河 Mi River"]
        d.tile.table.selectRow(0)
        d.tile.acknowledge_selected()  # a group row acknowledges its alarms
        d.settle()
        assert sum(a.state == "acked" for a in d.engine.open_alarms()) in (5, 6)
        d.clock.t += 601  # the window moves on: the flood is over
        d.tile.on_second(d.clock.t)
        assert not d.tile.flood_banner.isVisible()
    finally:
        d.close()


def test_a_filtered_list_says_the_flood_is_the_centres(qtbot, tmp_path):
    """A list filtered to other streams holds none of a flood: its banner says the flood is centre-wide
    (beside "no alarms", "alarm flood" alone read as a contradiction)."""
    d = Desk(qtbot, tmp_path, n=14, options={"streams": ["other/*"]})
    try:
        d.levels({i: 3.5 for i in range(11)})
        assert d.tile.table.rowCount() == 0 and d.tile.flood_banner.isVisible()
        assert "全中心报警泛滥" in d.tile.flood_banner.text()
    finally:
        d.close()


@pytest.mark.slow
def test_500_alarms_in_ten_minutes_are_all_persisted_and_the_ui_stays_responsive(qtbot, tmp_path):
    from PySide6.QtCore import QTimer

    d = Desk(qtbot, tmp_path, n=500, options={"group_by": "none", "max_rows": 200})
    gaps: list[float] = []
    last = [time.perf_counter()]

    def beat() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    heartbeat = QTimer()
    heartbeat.setInterval(10)
    heartbeat.timeout.connect(beat)

    def source() -> None:  # a gauge crosses its guarantee level every 1.2 s of simulated time
        for k in range(0, 500, 10):
            d.hub.submit([Reading(f"g/G{i:03d}/level", T0 + 1.2 * i, 3.5) for i in range(k, k + 10)])
            time.sleep(0.005)

    try:
        d.clock.t = T0 + 600
        d.signals.start()
        heartbeat.start()
        last[0] = time.perf_counter()
        feeder = threading.Thread(target=source)
        feeder.start()
        qtbot.waitUntil(lambda: d.tile.table.rowCount() == 200 and len(d.engine.open_alarms()) == 500, timeout=60_000)
        feeder.join()
        heartbeat.stop()
        assert d.store.flush()
        rows = d.store.query("SELECT rule, state, count(*) FROM alarms WHERE raised_ts BETWEEN ? AND ? GROUP BY rule, state", (T0, T0 + 600))
        assert rows == [("guar", "unack", 500), ("warn", "suppressed", 500)]  # none lost (warnings suppressed by design)
        assert d.tile.flood_banner.isVisible()
        worst = max(gaps)
        print(f"500 alarms: event loop max stall {worst * 1000:.0f} ms over {len(gaps)} beats")
        assert worst < 0.5, f"the GUI stalled {worst * 1000:.0f} ms"
    finally:
        heartbeat.stop()
        d.close()


def test_a_domain_layout_lists_only_its_own_streams_alarms(qtbot, tmp_path):
    d = Desk(qtbot, tmp_path, options={"streams": ["g/G001/*"]})
    try:
        d.levels({0: 3.5, 1: 3.5, 2: 3.5})
        assert len(d.engine.open_alarms()) == 3
        assert d.tile.table.rowCount() == 1 and "G001" in str([a.stream for a in d.tile.alarms])
    finally:
        d.close()


def test_an_acknowledgement_comment_reaches_colleagues_the_cache_and_the_audit(desk, qtbot, tmp_path):
    import json

    from widgets.alarm_list_tile import AlarmListTile
    from widgets.tile import TileContext

    desk.levels({0: 3.5, 1: 2.5})
    tile = desk.tile
    tile.table.selectRow(0)
    assert tile.ack_comment_edit.isVisible() and tile.ack_comment_edit.isEnabled()
    tile.ack_comment_edit.setText("已通知纪台镇巡堤 levee patrol sent")  # QTest types ASCII only
    qtbot.keyClick(tile.ack_comment_edit, qtbot_key_return())  # Return acknowledges, as the button does
    desk.settle()
    acked = next(a for a in desk.engine.open_alarms() if a.state == "acked")
    assert (acked.acked_by, acked.ack_comment) == ("王工", "已通知纪台镇巡堤 levee patrol sent")
    assert tile.ack_comment_edit.text() == ""  # one comment, one acknowledgement

    # a colleague's desk, on the same engine, logged in as a viewer: the comment is in the row and the details
    from console.audit.auth import Session

    colleague = Session(clock=desk.clock.now)
    colleague.login_auto("李工", "viewer")
    ctx = TileContext(desk.hub, desk.signals, desk.ctx.history, desk.engine, session=colleague)
    other = AlarmListTile(ctx, TileSpec("alarms", 0, 0))
    qtbot.addWidget(other)
    other.resize(900, 500)
    other.show()
    row = next(r for r in range(other.table.rowCount()) if acked.id in other.rows[r])
    assert "✎ 王工: 已通知纪台镇巡堤 levee patrol sent" in other.table.item(row, 1).text()
    other.table.selectRow(row)
    assert "确认说明 王工" in other.guidance_label.text()
    assert "已通知纪台镇巡堤" in other.guidance_label.text() and other.guidance_label.isVisible()
    other.teardown()

    # the audit trail keeps it, and so does the cache (an engine started again on the file reads it back)
    (detail,) = [d for (d,) in desk.store.query("SELECT detail FROM audit WHERE action = 'alarm.ack' AND outcome = 'ok'")]
    assert json.loads(detail)["comment"] == "已通知纪台镇巡堤 levee patrol sent"
    again = AlarmEngine(desk.hub, desk.engine.rules)
    assert next(a for a in again.open_alarms() if a.id == acked.id).ack_comment == acked.ack_comment


def qtbot_key_return():
    from PySide6.QtCore import Qt

    return Qt.Key.Key_Return


def test_limits_crossed_inside_the_rules_delay_are_said_not_hidden(qtbot, tmp_path):
    """A KPI counts two gauges above warning at once; the rule waits its delay: the list says
    "2 条越限延时确认中" instead of a bare "no alarms", then shows the alarms when they rise."""
    d = Desk(qtbot, tmp_path, warn_delay=120)
    try:
        d.levels({0: 2.5, 1: 2.6, 2: 1.0})
        d.tile.on_second(d.clock.t)
        assert d.tile.status_label.text().endswith("2 条越限延时确认中"), d.tile.status_label.text()
        assert "2 条越限延时确认中" in d.tile.empty_label.text() and d.tile.empty_label.isVisible()
        d.clock.t += 130
        d.levels({0: 2.5, 1: 2.6, 2: 1.0})  # still above, the delay is over: two alarms
        d.tile.on_second(d.clock.t)
        assert sorted(d.texts()) == sorted(a.message for a in d.engine.open_alarms())
        assert len(d.texts()) == 2 and "延时" not in d.tile.status_label.text(), d.tile.status_label.text()
        d.levels({0: 1.0, 1: 2.7})  # one back below the limit, one still up
        d.tile.on_second(d.clock.t)
        assert "延时" not in d.tile.status_label.text()
    finally:
        d.close()


def test_a_comment_without_an_acknowledgement_shows_in_the_row_and_the_details(desk, qtbot):
    from console.audit.permissions import Actor

    desk.levels({0: 3.5})
    alarm = desk.engine.open_alarms()[0]
    desk.engine.comment(alarm.id, Actor("王工", "operator"), "河道办已到场 on site")
    desk.engine.comment(alarm.id, Actor("李工", "viewer"), "我也看到了")  # a viewer may not: refused, audited
    desk.settle()
    tile = desk.tile
    row = next(r for r in range(tile.table.rowCount()) if alarm.id in tile.rows[r])
    assert "✎ 王工: 河道办已到场 on site" in tile.table.item(row, 1).text() and "我也看到了" not in tile.table.item(row, 1).text()
    tile.table.selectRow(row)
    assert "说明 王工" in tile.guidance_label.text() and "河道办已到场 on site" in tile.guidance_label.text()
    assert next(a for a in desk.engine.open_alarms() if a.id == alarm.id).state == "unack"
    outcomes = [o for (o,) in desk.store.query("SELECT outcome FROM audit WHERE action = 'alarm.comment' ORDER BY id")]
    assert outcomes[0] == "ok" and outcomes[1].startswith("denied: role viewer"), outcomes


def test_the_comment_button_adds_the_typed_words_without_acknowledging(desk, qtbot):
    desk.levels({0: 3.5})
    tile = desk.tile
    tile.table.selectRow(0)
    assert not tile.comment_button.isEnabled(), "nothing typed yet"
    tile.ack_comment_edit.setText("泵站已启动")
    assert tile.comment_button.isEnabled()
    qtbot.mouseClick(tile.comment_button, qtbot_button())
    desk.settle()
    (a,) = desk.engine.open_alarms()
    assert a.state == "unack" and [c[2] for c in a.comments] == ["泵站已启动"], a.comments
    assert tile.ack_comment_edit.text() == "" and "泵站已启动" in tile.table.item(0, 1).text()


def test_a_narrow_list_puts_its_buttons_under_the_comment(qtbot, tmp_path):
    """Squeezed onto one row in a narrow tile, the buttons read "knowlec"; under the comment, as
    many a row as fit, they keep their words. Wide again: one row."""
    d = Desk(qtbot, tmp_path)
    try:
        grid, tile = d.tile.actions_grid, d.tile
        buttons = [tile.ack_button, tile.comment_button, tile.shelve_button, tile.unshelve_button]

        def row_of(w):
            return grid.getItemPosition(grid.indexOf(w))[0]

        assert {row_of(w) for w in (tile.ack_comment_edit, *buttons)} == {0}  # 900 px wide
        for width in (480, 200):
            tile.resize(width, 500)
            qtbot.waitUntil(lambda: row_of(tile.ack_button) >= 1)
            assert row_of(tile.ack_comment_edit) == 0
            qtbot.wait(50)
            assert all(b.width() >= b.sizeHint().width() for b in buttons), [(b.width(), b.sizeHint().width()) for b in buttons]
            assert all(b.geometry().right() <= tile.width() for b in buttons)
        assert {row_of(b) for b in buttons} == {1}  # the tile's narrowest (~400 px): four fit on one row
        tile.resize(1200, 500)
        qtbot.waitUntil(lambda: row_of(tile.ack_button) == 0)
    finally:
        d.close()
