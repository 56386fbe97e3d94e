"""AlarmListTile: open alarms, worst first; the operator acknowledges from here."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout

from console.gui import theme
from console.layout import TileSpec
from widgets.tile import Tile, TileContext

_STATE_TEXT = {"unack": "未确认 UNACK", "acked": "已确认 ACK", "rtn_unack": "已恢复未确认 CLEARED", "shelved": "已搁置 SHELVED"}


class AlarmListTile(Tile):
    kind = "alarms"
    options_schema = {"type": "object", "properties": {"max_rows": {"type": "integer", "minimum": 1}}}

    def __init__(self, ctx: TileContext, spec: TileSpec) -> None:
        super().__init__(ctx, spec)
        box = QVBoxLayout(self.body)
        box.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["级别 Sev", "报警 Alarm", "时间 Time", "状态 State"])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        head.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        box.addWidget(self.table, 1)
        self.empty_label = QLabel("✓ 无报警 No active alarms")
        self.empty_label.setObjectName("muted")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(self.empty_label)
        # a read-only role (the kiosk) gets no acknowledge control at all, not a hidden one
        self.ack_button: QPushButton | None = None
        if not ctx.read_only and ctx.alarms is not None:
            row = QHBoxLayout()
            self.ack_button = QPushButton("确认所选 Acknowledge selected")
            self.ack_button.clicked.connect(self.acknowledge_selected)
            row.addStretch(1)
            row.addWidget(self.ack_button)
            box.addLayout(row)
            self.table.itemDoubleClicked.connect(lambda _item: self.acknowledge_selected())
        ctx.signals.sig_alarms_changed.connect(self.refresh)
        self.alarms = []
        self.refresh()

    def refresh(self) -> None:
        engine = self.ctx.alarms
        self.alarms = _worst_per_stream(engine.open_alarms() if engine else [])
        limit = self._options.get("max_rows", 200)
        shown = self.alarms[:limit]
        self.table.setRowCount(len(shown))
        bold = QFont(self.table.font())
        bold.setBold(True)
        for i, a in enumerate(shown):
            mark, color, label = theme.SEVERITY_STYLE.get(a.severity, theme.SEVERITY_STYLE[1])
            cells = [f"{mark} {label}", a.message, time.strftime("%m-%d %H:%M", time.localtime(a.raised_ts)), _STATE_TEXT.get(a.state, a.state)]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, a.id)
                if j == 0:
                    item.setForeground(QColor(color))
                if a.state in ("unack", "rtn_unack"):
                    item.setFont(bold)  # unacknowledged: bold, so it is seen without colour
                elif a.state == "shelved":
                    item.setForeground(QColor(theme.FAINT))
                self.table.setItem(i, j, item)
        self.table.setVisible(bool(shown))
        self.empty_label.setVisible(not shown)
        every = engine.open_alarms() if engine else []
        unack = sum(a.state in ("unack", "rtn_unack") for a in every)
        self.status_label.setText(f"{len(every)} 条 open · {unack} 未确认 unack · {len(self.alarms)} 站 places")

    def acknowledge_selected(self) -> None:
        if self.ctx.read_only or self.ctx.alarms is None:
            return
        ids = {item.data(Qt.ItemDataRole.UserRole) for item in self.table.selectedItems()}
        streams = {a.stream for a in self.alarms if a.id in ids}
        for a in self.ctx.alarms.open_alarms():
            if a.stream in streams and a.state in ("unack", "rtn_unack"):
                self.ctx.alarms.ack(a.id, self.ctx.user)

    def teardown(self) -> None:
        try:
            self.ctx.signals.sig_alarms_changed.disconnect(self.refresh)
        except (RuntimeError, TypeError):
            pass
        super().teardown()


def _worst_per_stream(alarms):
    """One row per stream: a gauge above its guarantee level is not listed a second time
    as above its warning level. The row shows the most severe alarm; acknowledging the
    row acknowledges every alarm of that stream."""
    best: dict[str, object] = {}
    for a in alarms:
        cur = best.get(a.stream)
        if cur is None or (a.severity, a.state in ("unack", "rtn_unack")) > (cur.severity, cur.state in ("unack", "rtn_unack")):
            best[a.stream] = a
    return [a for a in alarms if best[a.stream] is a]
