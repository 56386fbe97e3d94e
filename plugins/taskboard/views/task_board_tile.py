"""TaskBoardTile: the pilot task book on the wall, readable from across the room.

The weighted completion of the prescribed tasks on a gauge marked at the 70 % floor
and the 80 % target (and each smart community against its 80 % bar), counts by
status and by area, the three milestones with days left, and the overdue list.
It is given BoardStates by the task board service (through ``board_signals(ctx)``) and redraws when
one arrives; it never touches the cache.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame, QGridLayout, QHBoxLayout, QLabel, QLayout, QSizePolicy, QStackedWidget, QVBoxLayout, QWidget,
)

from console.languages import QT_TRANSLATE_NOOP
from widgets import theme
from widgets.translation import shown
from console.layouts.layout import TileSpec
from plugins.taskboard.board import FLOOR, TARGET, COMMUNITY_BAR, BoardSummary, Completion
from plugins.taskboard.board_service import BoardState
from plugins.taskboard.model import Status
from plugins.taskboard.views.completion_gauge import CompletionGauge
from plugins.taskboard.views.task_signals import board_signals
from widgets.tile import Tile, TileContext

STATUS_TEXT = {Status.NOT_STARTED: QT_TRANSLATE_NOOP("TaskBoard", "未开始"), Status.IN_PROGRESS: QT_TRANSLATE_NOOP("TaskBoard", "进行中"),
               Status.DONE: QT_TRANSLATE_NOOP("TaskBoard", "已完成"), Status.BLOCKED: QT_TRANSLATE_NOOP("TaskBoard", "受阻")}  # shown through tr()


def tr(text: str) -> str:
    return QCoreApplication.translate("TaskBoard", text)
# the task books' areas and milestones, named as the books name them; tr() shows them in the interface's language
_BOOK_WORDS = (QT_TRANSLATE_NOOP("TaskBoard", "数字惠民"), QT_TRANSLATE_NOOP("TaskBoard", "数字政府"),
               QT_TRANSLATE_NOOP("TaskBoard", "数字经济"), QT_TRANSLATE_NOOP("TaskBoard", "基础设施"),
               QT_TRANSLATE_NOOP("TaskBoard", "保障措施"), QT_TRANSLATE_NOOP("TaskBoard", "地方特色"),
               QT_TRANSLATE_NOOP("TaskBoard", "未定"), QT_TRANSLATE_NOOP("TaskBoard", "启动动员会"),
               QT_TRANSLATE_NOOP("TaskBoard", "中期考核"), QT_TRANSLATE_NOOP("TaskBoard", "终期验收"))


def percent(share: float) -> str:
    return f"{share * 100:.1f}%"


class _ElidedLabel(QLabel):
    """One line that ends in "…" when the tile is too narrow for it."""

    def __init__(self, text: str = "") -> None:
        super().__init__(text)
        self.full_text = text

    def setText(self, text: str) -> None:
        self.full_text = text
        self._elide()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = max(self.width(), 40)
        super().setText(self.fontMetrics().elidedText(self.full_text, Qt.TextElideMode.ElideRight, width))


def _label(text: str = "", scale: float = 1.0, bold: bool = False, muted: bool = False,
           elide: bool = False) -> QLabel:
    label = _ElidedLabel(text) if elide else QLabel(text)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(bold)
    label.setFont(font)
    if muted:
        label.setObjectName("muted")
    # long texts are cut by the tile, never widen the wall
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    return label


def _clear(layout: QLayout, keep: int = 0) -> None:
    """Remove and delete everything in ``layout`` after its first ``keep`` items."""
    while layout.count() > keep:
        item = layout.takeAt(keep)
        if item.widget() is not None:
            item.widget().deleteLater()
        elif item.layout() is not None:
            _clear(item.layout())
            item.layout().deleteLater()


def _panel(title: str) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setObjectName("boardPanel")
    frame.setStyleSheet(f"QFrame#boardPanel {{ border-top: 1px solid {theme.TILE_BORDER}; }}")
    box = QVBoxLayout(frame)
    box.setContentsMargins(0, 8, 12, 0)
    box.setSpacing(4)
    box.addWidget(_label(title, 1.2, muted=True))
    return frame, box


class TaskBoardTile(Tile):
    kind = "taskboard"
    options_schema = {
        "type": "object",
        "properties": {"max_overdue": {"type": "integer", "minimum": 1, "maximum": 30}},
    }

    def __init__(self, ctx: TileContext, spec: TileSpec) -> None:
        super().__init__(ctx, spec)
        self.tasks = board_signals(ctx)
        self.state: BoardState | None = None
        box = QVBoxLayout(self.body)
        box.setContentsMargins(0, 0, 0, 0)
        self.pages = QStackedWidget()
        box.addWidget(self.pages)
        self.empty_label = _label(QCoreApplication.translate("TaskBoard", "载入任务书…"), 2.0, muted=True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.pages.addWidget(self.empty_label)
        self.board = QWidget()
        self.pages.addWidget(self.board)
        self._build_board()
        if self.tasks is None:
            self._show_empty(QCoreApplication.translate("TaskBoard", "本控制台没有任务看板服务"))
            return
        self.tasks.sig_board_changed.connect(self.show_state)
        self.show_state(self.tasks.state)

    # -- building ------------------------------------------------------------
    def _build_board(self) -> None:
        grid = QGridLayout(self.board)
        grid.setContentsMargins(4, 4, 4, 4)
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(14)

        head = QVBoxLayout()
        head.setSpacing(2)
        head.addWidget(_label(QCoreApplication.translate("TaskBoard", "规定任务完成权重"), 1.3, muted=True))
        line = QHBoxLayout()
        self.percent_label = _label("—", 6.0, bold=True)
        self.percent_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.verdict_label = _label("", 1.7, bold=True)
        self.verdict_label.setWordWrap(True)
        line.addWidget(self.percent_label)
        line.addSpacing(20)
        line.addWidget(self.verdict_label, 1)
        head.addLayout(line)
        self.gauge = CompletionGauge([(FLOOR, QCoreApplication.translate("TaskBoard", "底线 {p}").format(p=f"{FLOOR:.0%}")), (TARGET, QCoreApplication.translate("TaskBoard", "目标 {p}").format(p=f"{TARGET:.0%}"))], bar_px=72)
        head.addWidget(self.gauge)
        self.progress_label = _label("", 1.25, muted=True)
        head.addWidget(self.progress_label)
        self.standard_label = _label("", 1.1, muted=True)
        head.addWidget(self.standard_label)
        self.community_box = QVBoxLayout()
        self.community_box.setSpacing(2)
        head.addLayout(self.community_box)
        head.addStretch(1)
        grid.addLayout(head, 0, 0, 1, 2)

        frame, self.milestone_box = _panel(QCoreApplication.translate("TaskBoard", "里程碑"))
        self.milestone_box.addStretch(1)
        grid.addWidget(frame, 0, 2)

        frame, inner = _panel(QCoreApplication.translate("TaskBoard", "按状态"))
        counts = QGridLayout()
        counts.setHorizontalSpacing(12)
        self.status_count_labels: dict[Status, QLabel] = {}
        for i, status in enumerate(Status):
            number = _label("0", 4.6, bold=True)
            name = _label(tr(STATUS_TEXT[status]), 1.6, muted=True)
            counts.addWidget(number, (i // 2) * 2, i % 2)
            counts.addWidget(name, (i // 2) * 2 + 1, i % 2)
            self.status_count_labels[status] = number
        inner.addLayout(counts)
        inner.addStretch(1)
        grid.addWidget(frame, 1, 0)

        frame, self.area_box = _panel(QCoreApplication.translate("TaskBoard", "按领域"))
        self.area_labels: dict[str, QLabel] = {}
        grid.addWidget(frame, 1, 1)

        frame, self.overdue_box = _panel(QCoreApplication.translate("TaskBoard", "逾期任务"))
        self.overdue_title = self.overdue_box.itemAt(0).widget()
        self.overdue_labels: list[QLabel] = []
        grid.addWidget(frame, 1, 2)

        grid.setColumnStretch(0, 4)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(2, 5)
        grid.setRowStretch(0, 0)
        grid.setRowStretch(1, 1)

    # -- showing -------------------------------------------------------------
    def show_state(self, state: BoardState) -> None:
        """Redraw from a BoardState (GUI thread)."""
        self.state = state
        if state.summary is None:
            self._show_empty(shown(state.message) if state.message else QCoreApplication.translate("TaskBoard", "载入任务书…"))
            return
        self.pages.setCurrentWidget(self.board)
        summary = state.summary
        self._show_completion(summary.completion)
        self._show_communities(summary)
        self._show_milestones(summary)
        self._show_counts(summary)
        self._show_overdue(summary)
        as_of = QCoreApplication.translate("TaskBoard", "截至 {date}").format(date=summary.as_of.isoformat())
        if state.book is not None and state.book.city:  # whose book: a visitor reads the city's own
            as_of = f"{state.book.city} · {as_of}"
        if state.demo:
            self.status_label.setText(QCoreApplication.translate("TaskBoard", "◇ 演示数据 · {as_of}").format(as_of=as_of))
            self.status_label.setStyleSheet(f"color: {theme.DEMO}; font-weight: 700;")
        else:
            self.status_label.setText(as_of)
            self.status_label.setStyleSheet(f"color: {theme.MUTED};")

    def _show_empty(self, text: str) -> None:
        self.empty_label.setText(text)
        self.pages.setCurrentWidget(self.empty_label)
        self.status_label.setText("")

    def _show_completion(self, c: Completion) -> None:
        self.percent_label.setText(percent(c.done))
        if not c.meets_floor:
            verdict, color = QCoreApplication.translate("TaskBoard", "▲ 低于底线 {p}").format(p=f"{c.floor:.0%}"), theme.WARNING
        elif not c.meets_target:
            gap = (c.target - c.done) * 100
            verdict, color = QCoreApplication.translate("TaskBoard", "● 已过底线 · 距目标 {gap} 点").format(gap=f"{gap:.1f}"), theme.TEXT
        else:
            verdict, color = QCoreApplication.translate("TaskBoard", "✓ 达到目标 {p}").format(p=f"{c.target:.0%}"), theme.TEXT
        self.verdict_label.setText(verdict)
        self.verdict_label.setStyleSheet(f"color: {color};")
        self.percent_label.setStyleSheet(f"color: {theme.WARNING if not c.meets_floor else theme.TEXT};")
        self.gauge.set_values(c.done, c.progress, theme.WARNING if not c.meets_floor else "#aeb6c0")
        self.progress_label.setText(
            QCoreApplication.translate("TaskBoard", "{n} 项规定任务 · 计入进行中进度 {p}").format(n=c.tasks, p=percent(c.progress)))
        self.standard_label.setText(QCoreApplication.translate("TaskBoard", "计分标准：{version}").format(version=self.state.summary.standard_version))

    def _show_communities(self, summary: BoardSummary) -> None:
        _clear(self.community_box)
        self.community_gauges: dict[str, CompletionGauge] = {}
        if not summary.communities:
            return
        self.community_box.addWidget(_label(QCoreApplication.translate("TaskBoard", "智慧社区（≥ {p}）").format(p=f"{COMMUNITY_BAR:.0%}"), 1.2, muted=True))
        for name, c in list(summary.communities.items())[:4]:
            row = QHBoxLayout()
            mark = "✓" if c.meets_target else "▲"
            label = _label(f"{mark} {name}  {percent(c.done)}", 1.25)
            label.setStyleSheet(f"color: {theme.TEXT if c.meets_target else theme.WARNING};")
            gauge = CompletionGauge([(COMMUNITY_BAR, f"{COMMUNITY_BAR:.0%}")], bar_px=16)
            gauge.set_values(c.done, c.progress, "#aeb6c0" if c.meets_target else theme.WARNING)
            row.addWidget(label, 2)
            row.addWidget(gauge, 3)
            self.community_box.addLayout(row)
            self.community_gauges[name] = gauge
        extra = len(summary.communities) - 4
        if extra > 0:
            self.community_box.addWidget(_label(QCoreApplication.translate("TaskBoard", "另有 {n} 个社区").format(n=extra), 1.0, muted=True))

    def _show_milestones(self, summary: BoardSummary) -> None:
        box = self.milestone_box
        _clear(box, keep=1)
        self.milestone_labels: dict[str, QLabel] = {}
        for m in summary.milestones:
            name = _label(tr(m.name), 1.6, bold=True)
            when = m.due.isoformat() if m.due else QCoreApplication.translate("TaskBoard", "日期未定")
            if m.done:
                text, color = QCoreApplication.translate("TaskBoard", "✓ 已完成 · {when}").format(when=when), theme.MUTED
            elif m.due is None:
                text, color = when, theme.MUTED
            elif m.overdue:
                text, color = QCoreApplication.translate("TaskBoard", "▲ 逾期 {n} 天 · {when}").format(n=-m.days_left, when=when), theme.WARNING
            else:
                text, color = QCoreApplication.translate("TaskBoard", "剩 {n} 天 · {when}").format(n=m.days_left, when=when), theme.TEXT
            detail = _label(text, 1.6)
            detail.setStyleSheet(f"color: {color};")
            box.addWidget(name)
            box.addWidget(detail)
            box.addSpacing(8)
            self.milestone_labels[m.key] = detail
        box.addStretch(1)

    def _show_counts(self, summary: BoardSummary) -> None:
        for status, label in self.status_count_labels.items():
            n = summary.by_status.get(status, 0)
            abnormal = status is Status.BLOCKED and n > 0
            label.setText(f"▲ {n}" if abnormal else str(n))
            label.setStyleSheet(f"color: {theme.WARNING if abnormal else theme.TEXT};")
        _clear(self.area_box, keep=1)
        self.area_labels = {}
        for area, n in summary.by_area.items():
            if n == 0 and area not in ("数字惠民", "数字政府", "数字经济", "基础设施"):
                continue
            row = QHBoxLayout()
            name = _label(tr(area), 1.6, muted=n == 0, elide=True)
            count = _label(str(n), 1.9, bold=True, muted=n == 0)
            count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            row.addWidget(name, 4)
            row.addWidget(count, 1)
            self.area_box.addLayout(row)
            self.area_labels[area] = count
        self.area_box.addStretch(1)

    def _show_overdue(self, summary: BoardSummary) -> None:
        box = self.overdue_box
        _clear(box, keep=1)
        n = len(summary.overdue)
        self.overdue_title.setText(QCoreApplication.translate("TaskBoard", "逾期任务（{n}）").format(n=n))
        self.overdue_labels = []
        if not n:
            box.addWidget(_label(QCoreApplication.translate("TaskBoard", "✓ 无逾期任务"), 1.35, muted=True))
        limit = self._options.get("max_overdue", 8)
        for key, title, due, days in summary.overdue[:limit]:
            label = _label(QCoreApplication.translate("TaskBoard", "▲ {n} 天 · {title}").format(n=days, title=title), 1.7, elide=True)
            label.setToolTip(f"{key} {title} · {due.isoformat()}")
            label.setStyleSheet(f"color: {theme.WARNING};")
            box.addWidget(label)
            self.overdue_labels.append(label)
        if n > limit:
            box.addWidget(_label(QCoreApplication.translate("TaskBoard", "另有 {n} 项").format(n=n - limit), 1.2, muted=True))
        box.addStretch(1)

    # -- the tile's life -----------------------------------------------------
    def on_second(self, now: float) -> None:
        if self.tasks is not None:
            self.tasks.refresh_if_new_day()

    def teardown(self) -> None:
        if self.tasks is not None:
            try:
                self.tasks.sig_board_changed.disconnect(self.show_state)
            except (RuntimeError, TypeError):
                pass
        super().teardown()
