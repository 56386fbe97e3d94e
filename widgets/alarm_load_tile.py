"""AlarmLoadTile: how hard the alarms are working the operators (ISA-18.2 / EEMUA 191).

New alarms per ten minutes (bars, with the flood line), time spent in a flood,
standing alarms older than a day, chattering alarms, and the top ten offenders.
The figures come from console.alarms.metrics through the context's loader
(``ctx.history.alarm_load``), off the GUI thread: one request in flight, a newer one
supersedes it; the tile never touches the store.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractItemView, QGridLayout, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout

from widgets.translation import shown
from console.languages import QT_TRANSLATE_NOOP
from console.alarms.metrics import FLOOD_LIMIT, WINDOW_S, AlarmLoad
from console.freshness import format_age
from widgets import theme
from console.layouts.layout import TileSpec
from widgets.tile import Tile, TileContext
from widgets.plotting import pyqtgraph

_MIN_GAP_S = 2.0  # recompute at most this often, however many alarms change


class AlarmLoadTile(Tile):
    kind = "alarm_load"
    options_schema = {
        "type": "object",
        "properties": {
            "period_h": {"type": "number", "exclusiveMinimum": 0},
            "refresh_s": {"type": "number", "minimum": 1},
        },
    }

    def __init__(self, ctx: TileContext, spec: TileSpec) -> None:
        super().__init__(ctx, spec)
        self.load: AlarmLoad | None = None
        self._wanted = 0  # the token whose result is still wanted
        self._last_request = -1e18
        self._dirty = True
        box = QVBoxLayout(self.body)
        box.setContentsMargins(0, 0, 0, 0)
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        self.figure_labels: dict[str, QLabel] = {}
        for i, (key, title) in enumerate((
            ("rate", QT_TRANSLATE_NOOP("AlarmLoad", "报警率 / 10 min")), ("flood", QT_TRANSLATE_NOOP("AlarmLoad", "泛滥时长")),
            ("standing", QT_TRANSLATE_NOOP("AlarmLoad", "长期报警 > 24 h")), ("chatter", QT_TRANSLATE_NOOP("AlarmLoad", "振荡报警")),
        )):
            caption = QLabel(title)
            caption.setObjectName("muted")
            value = QLabel("—")
            value.setObjectName("kpiValue")
            f = value.font()
            f.setPointSizeF(f.pointSizeF() * 1.5)
            f.setBold(True)
            value.setFont(f)
            grid.addWidget(caption, 0, i)
            grid.addWidget(value, 1, i)
            self.figure_labels[key] = value
        box.addLayout(grid)
        pg = pyqtgraph()
        self.plot = pg.PlotWidget()
        self.plot.setBackground(theme.TILE_BG)
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.setLabel("left", QCoreApplication.translate("AlarmLoad", "条 / 10 min"))
        self.plot.getAxis("bottom").setLabel(QCoreApplication.translate("AlarmLoad", "小时前"))
        self.bars = pg.BarGraphItem(x=[], height=[], width=0.9 * WINDOW_S / 3600, brush=theme.SERIES[0], pen=None)
        self.plot.addItem(self.bars)
        self.flood_line = pg.InfiniteLine(pos=FLOOD_LIMIT, angle=0, pen=pg.mkPen(theme.ALARM, width=1, style=Qt.PenStyle.DashLine))
        self.plot.addItem(self.flood_line)
        box.addWidget(self.plot, 2)
        top_caption = QLabel(QCoreApplication.translate("AlarmLoad", "十大频发报警"))
        top_caption.setObjectName("muted")
        box.addWidget(top_caption)
        self.top_table = QTableWidget(0, 2)
        self.top_table.setHorizontalHeaderLabels([QCoreApplication.translate("AlarmLoad", "次数"), QCoreApplication.translate("AlarmLoad", "报警")])
        self.top_table.verticalHeader().hide()
        self.top_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.top_table.setShowGrid(False)
        self.top_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.top_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        box.addWidget(self.top_table, 2)
        ctx.signals.listen(self, "alarms", self._alarms_changed)
        self.request()

    def period_s(self) -> float:
        return float(self._options.get("period_h", 24)) * 3600

    # -- computing, off the GUI thread -----------------------------------------
    def request(self) -> None:
        """Recompute the figures in the background (supersedes a request in flight)."""
        now = self.ctx.hub.clock.now()
        self._last_request, self._dirty = now, False
        self._wanted = self.ctx.history.alarm_load(self, now, self.period_s(), self._loaded)

    def _loaded(self, result: object) -> None:
        self._apply(self._wanted, result)

    def _alarms_changed(self, alarm_ids: frozenset[int] = frozenset()) -> None:
        self._dirty = True

    def on_second(self, now: float) -> None:
        gap = now - self._last_request
        if (self._dirty and gap >= _MIN_GAP_S) or gap >= float(self._options.get("refresh_s", 30)):
            self.request()

    # -- showing (GUI thread) ------------------------------------------------------
    def _apply(self, token: int, result: object) -> None:
        if token != self._wanted:
            return  # an older request finished after a newer one was made
        if isinstance(result, Exception):
            self.show_message(QCoreApplication.translate("AlarmLoad", "报警统计失败：{error}").format(error=result))
            return
        self.show_message("")
        self.load = load = result
        self.figure_labels["rate"].setText(QCoreApplication.translate("AlarmLoad", "{average}（峰值 {peak}）").format(average=f"{load.average_per_window:.1f}", peak=load.peak_per_window))
        share = load.flood_s / max(load.until - load.since, 1)
        self.figure_labels["flood"].setText(f"{format_age(load.flood_s)}  ({share:.1%})" if load.flood_s else "0")
        self.figure_labels["standing"].setText(str(len(load.standing)))
        self.figure_labels["chatter"].setText(str(len(load.chattering)))
        for key, bad in (("rate", load.peak_per_window > FLOOD_LIMIT), ("flood", load.flood_s > 0),
                         ("standing", bool(load.standing)), ("chatter", bool(load.chattering))):
            self.figure_labels[key].setStyleSheet(f"color: {theme.WARNING if bad else theme.TEXT};")
        n = len(load.per_window)
        hours_ago = [-(n - i - 0.5) * WINDOW_S / 3600 for i in range(n)]
        self.bars.setOpts(x=hours_ago, height=load.per_window)
        self.top_table.setRowCount(len(load.top))
        for i, o in enumerate(load.top):
            chatter = " · " + QCoreApplication.translate("AlarmLoad", "振荡") if any(c.rule == o.rule and c.stream == o.stream for c in load.chattering) else ""
            self.top_table.setItem(i, 0, QTableWidgetItem(str(o.count)))
            self.top_table.setItem(i, 1, QTableWidgetItem(f"{shown(o.message) or o.stream}{chatter}"))
        self.status_label.setText(QCoreApplication.translate("AlarmLoad", "{n} 条报警 · 近 {h} h").format(n=load.total, h=f"{self.period_s() / 3600:g}"))

    def teardown(self) -> None:
        self._wanted = -1
        super().teardown()  # ends the alarm listener and cancels the load in flight
