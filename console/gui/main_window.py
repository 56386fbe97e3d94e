"""The main window: a header (city, layout, clock, demo mark), the wall grid, a status bar."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from console.alarms.listing import alarm_counts
from console.freshness import format_progress
from console.gui.login_dialog import SessionBar
from console.gui.wall_grid import WallGrid
from console.layouts.layout import Layout
from console.app.runtime import Runtime
from console.city import centre_title
from console.languages import Text
from console.plugins.api import load_object
from console.wall.header_text import clock_text
from widgets.tile import TileContext
from widgets.translation import shown, title_shown
from widgets.tile_kinds import CORE_TILE_KINDS

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

DEMO_MARK = Text("MainWindow", "演示数据")


def header_marks(runtime: Runtime) -> tuple[str, ...]:
    """The badges every header carries, desk and wall: the demo mark, the replay period."""
    marks = [DEMO_MARK] if runtime.options.demo else []
    if runtime.replay_period is not None:
        marks.append(runtime.replay_period.badge())  # 回放 REPLAY 2026-07-21 14:00–18:00
    return tuple(marks)


class MainWindow(QMainWindow):
    def __init__(self, runtime: Runtime, ctx: TileContext) -> None:
        super().__init__()
        self.runtime = runtime
        self.ctx = ctx
        city = runtime.city
        # each language names the city as the city data does: {city} in Chinese, {city_en} in English
        names = {"city": city.name, "city_en": city.name_en}
        self.setWindowTitle("city-console · " + translate("MainWindow", "{city}").format(**names))
        central = QWidget()
        central.setObjectName("wall")
        col = QVBoxLayout(central)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(0)
        header = QHBoxLayout()
        header.setContentsMargins(14, 8, 14, 0)
        self.title_label = QLabel(shown(centre_title(city)))
        self.title_label.setObjectName("headerTitle")
        f = self.title_label.font()
        f.setPointSizeF(f.pointSizeF() * 1.4)
        self.title_label.setFont(f)
        self.layout_label = QLabel("")
        self.layout_label.setObjectName("muted")
        self.clock_label = QLabel("")
        self.clock_label.setFont(f)
        header.addWidget(self.title_label)
        header.addSpacing(16)
        header.addWidget(self.layout_label, 1)
        self.demo_label = self.replay_label = None
        for text in header_marks(runtime):
            mark = QLabel(shown(text))
            mark.setObjectName("demoMark")
            header.addWidget(mark)
            header.addSpacing(12)
            if text == DEMO_MARK:
                self.demo_label = mark
            else:
                self.replay_label = mark
        header.addWidget(self.clock_label)
        col.addLayout(header)
        self.notice_label = QLabel("")
        self.notice_label.setObjectName("tileMessage")
        self.notice_label.setWordWrap(True)
        self.notice_label.setContentsMargins(14, 4, 14, 0)
        col.addWidget(self.notice_label)
        self.wall_holder = QVBoxLayout()
        col.addLayout(self.wall_holder, 1)
        self.setCentralWidget(central)
        self.wall: WallGrid | None = None
        self.desk = None  # console.gui.desk.Desk: wall, switching, editor; attached by build_window
        self.sources_label = QLabel("")
        self.cache_label = QLabel("")
        self.alarm_label = QLabel("")
        # long texts must never force the window wider than the screen it is on
        self.sources_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.layout_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        bar = self.statusBar()
        bar.addWidget(self.sources_label, 1)
        # who is logged in (a demo auto-login says so); a wall-only window has no operator
        self.session_bar = SessionBar(runtime.session, runtime.users, ctx.signals) if not ctx.read_only else None
        if self.session_bar is not None:
            bar.addPermanentWidget(self.session_bar)
        bar.addPermanentWidget(self.alarm_label)
        bar.addPermanentWidget(self.cache_label)
        self.task_editor = None  # a plugin's desk action may keep its window here (the task editor)
        self.desk_actions: dict[str, QAction] = {}
        if not ctx.read_only:  # read-only (kiosk, wall): a plugin's desk actions are not built at all
            self._add_desk_actions(bar)
        ctx.signals.sig_second_ticked.connect(self._tick)
        self.show_notices()

    def tile_kinds(self) -> dict[str, str]:
        return CORE_TILE_KINDS | self.runtime.registry.tile_kinds()

    def show_layout(self, layout: Layout) -> None:
        """Replace the wall's tiles with a layout's (the old tiles let go of everything)."""
        if self.wall is not None:
            self.wall.teardown()
            self.wall.setParent(None)
            self.wall.deleteLater()
        self.wall = WallGrid(self.ctx, layout, self.tile_kinds())
        self.wall_holder.addWidget(self.wall)
        self.layout_label.setText(title_shown(layout.title) if layout.title else layout.name)
        self.runtime.layout_shown(layout.name)
        self.show_notices()

    def _add_desk_actions(self, bar) -> None:
        """Each plugin's desk actions (manifest ``desk_actions``): a shortcut and a status-bar button."""
        for m in self.runtime.registry.plugins.values():
            for action in m.desk_actions:
                if action.needs_service and action.needs_service not in self.ctx.services:
                    continue
                title = translate("DeskAction", action.title)
                qa = QAction(title, self, shortcut=QKeySequence(action.shortcut))
                qa.triggered.connect(lambda _=False, a=action: self.run_desk_action(a))
                self.addAction(qa)
                self.desk_actions[action.title] = qa
                button = QPushButton(f"{title} ({action.shortcut})")
                button.clicked.connect(qa.trigger)
                bar.addPermanentWidget(button)

    def run_desk_action(self, action):
        """Run a plugin's desk action; a failure is a notice, never a crash."""
        try:
            return load_object(action.target)(self.ctx, self)
        except Exception as exc:  # noqa: BLE001
            log.exception("desk action %s failed", action.title)
            self.runtime.notices.append(translate("MainWindow", "操作失败 {action}：{error}").format(
                action=translate("DeskAction", action.title), error=f"{type(exc).__name__}: {exc}"))
            self.show_notices()
            return None

    def show_notices(self) -> None:
        notices = self.runtime.notices
        self.notice_label.setText("\n".join(f"⚠ {shown(n)}" for n in notices[-4:]))
        self.notice_label.setVisible(bool(notices))

    def _tick(self, now: float) -> None:
        rt = self.runtime
        self.clock_label.setText(shown(clock_text(now, rt.clock.speed)))  # the city's clock on any PC, naming its zone
        parts = []
        for h in rt.hub.sources.values():
            state = rt.hub.source_state(h.name)
            mark, word = {"catching_up": ("⟳", translate("MainWindow", "追赶中")),
                          "live": ("●", translate("MainWindow", "在线"))}.get(state, ("✕", translate("MainWindow", "离线")))
            if state == "catching_up":
                word += f" · {shown(format_progress(*h.catch_up(now)))}"
            err = f" — {h.last_error}" if h.last_error and not h.live else ""  # a past error is not news once back
            bad = f" · {h.detail.split(' · ', 1)[1]}" if " · bad items" in h.detail else ""
            readings = translate("MainWindow", "{n} 条读数").format(n=h.readings)
            parts.append(f"{mark} {h.name} {word} · {readings}{bad}{err}")
        if not parts:
            parts.append("✕ " + translate("MainWindow", "无数据源")
                         + (translate("MainWindow", "（离线模式）") if rt.options.offline else ""))
        self.sources_label.setText("   ".join(parts))
        health = rt.store.health
        size = sum(p.stat().st_size for p in rt.cache_path.parent.glob(rt.cache_path.name + "*") if p.exists())
        cache = translate("MainWindow", "缓存 {mb} MB").format(mb=f"{size / 1e6:.1f}")
        if health.last_error:
            cache = f"⚠ {health.last_error}"
        self.cache_label.setText(cache)
        counts = alarm_counts(rt.alarms.open_alarms())  # the alarm list's count: one function
        text = translate("MainWindow", "报警 {open} · 未确认 {unack}").format(open=counts.open, unack=counts.unacked)
        if rt.centre is not None:  # whose alarms these are: the centre's, or this console's alone
            members = rt.centre.members()
            up = sum(m.online for m in members)
            text = (translate("MainWindow", "✕ 单机：中心服务器不可达") if rt.centre.standalone
                    else translate("MainWindow", "中心 {name} · {up}/{n} 在线").format(
                        name=rt.centre.topics.centre, up=up, n=len(members))) + " · " + text
            roles = {"engine": translate("MainWindow", "引擎"), "console": translate("MainWindow", "坐席"),
                     "wall": translate("MainWindow", "大屏")}
            self.alarm_label.setToolTip("\n".join(
                f"{'●' if m.online else '✕'} {roles.get(m.role, m.role)} {m.name}"
                + ("" if m.online else " " + translate("MainWindow", "离线")) for m in members))
        self.alarm_label.setText(text)
        self.show_notices()

    def teardown(self) -> None:
        if self.task_editor is not None:
            self.task_editor.close()
        if self.session_bar is not None:
            self.session_bar.teardown(self.ctx.signals)
        if self.wall is not None:
            self.wall.teardown()
