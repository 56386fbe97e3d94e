"""IndicatorProgressTile: each smart community's completed indicator weight against the 80 % line,
and the weight still to complete. The figures come from the entities' data."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF, QRectF
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from console.layouts.layout import TileSpec
from console.selection import select_entities
from widgets import theme
from widgets._table import make_table, set_cell
from widgets.tile import Tile, TileContext


class LineBar(QWidget):
    """A bar of the completed weight with the 80 % line drawn across it: where the line is, is where it is."""

    def __init__(self) -> None:
        super().__init__()
        self.pct, self.line = 0.0, 80.0
        self.setMinimumWidth(60)

    def set_values(self, pct: float, line: float) -> None:
        if (pct, line) != (self.pct, self.line):
            self.pct, self.line = pct, line
            self.update()

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        w, h = self.width() - 2, self.height()
        top, bar_h = h * 0.25, h * 0.5
        p.fillRect(QRectF(1, top, w, bar_h), QColor(theme.FAINT))
        ok = self.pct >= self.line
        p.fillRect(QRectF(1, top, w * min(self.pct, 100) / 100, bar_h), QColor(theme.SERIES[0] if ok else theme.WARNING))
        p.setPen(QPen(QColor(theme.TEXT), 2))
        x = 1 + w * self.line / 100
        p.drawLine(QPointF(x, h * 0.1), QPointF(x, h * 0.9))
        p.end()


class IndicatorProgressTile(Tile):
    kind = "community_indicators"
    options_schema = {"type": "object", "properties": {"select": {"type": "object"}}}
    example_options = {"select": {"kind": "community"}}

    def __init__(self, ctx: TileContext, spec: TileSpec) -> None:
        super().__init__(ctx, spec)
        box = QVBoxLayout(self.body)
        box.setContentsMargins(0, 0, 0, 0)

        self.table = make_table([QCoreApplication.translate("Community", "社区"), QCoreApplication.translate("Community", "完成"), QCoreApplication.translate("Community", "进度"),
                                 QCoreApplication.translate("Community", "距80%")], stretch=2)
        box.addWidget(self.table, 1)
        self.summary = QLabel("")
        self.summary.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # never widens the wall
        self.summary.setObjectName("muted")
        self.summary.setWordWrap(True)
        box.addWidget(self.summary)
        self.rows: list[tuple[str, float | None]] = []
        self._sites = []
        self._build()

    def _build(self) -> None:
        self._sites = select_entities(self.ctx.hub.entities, self._options.get("select", {"kind": "community"}))
        if not self._sites:
            self.show_message(QCoreApplication.translate("Community", "尚无智慧社区"))
            return
        self.show_message("")
        self.subscribe([e.streams[0].id for e in self._sites if e.streams])
        self.refresh()

    def on_readings(self, readings) -> None:
        self._update_freshness(self.ctx.hub.clock.now())

    def on_entities(self, event) -> None:
        if not self._sites:
            self._build()

    def on_second(self, now: float) -> None:
        if self._sites:
            self._update_freshness(now)

    def refresh(self) -> None:
        sites = sorted(self._sites, key=lambda e: -float(e.attrs.get("indicator_pct", -1)))
        self.table.setRowCount(len(sites))
        self.rows = []
        smart = 0
        for i, e in enumerate(sites):
            a = e.attrs
            pct, line = a.get("indicator_pct"), float(a.get("bar_pct", 80.0))
            self.rows.append((e.id, pct))
            set_cell(self.table, i, 0, e.name)
            if pct is None:
                for c in (1, 3):
                    set_cell(self.table, i, c, "—", right=True)
                continue
            ok = pct >= line
            smart += ok
            set_cell(self.table, i, 1, f"{pct:.0f}%" + ("✓" if ok else ""), bold=ok, right=True)
            bar = self.table.cellWidget(i, 2)
            if not isinstance(bar, LineBar):
                bar = LineBar()
                self.table.setCellWidget(i, 2, bar)
            bar.set_values(float(pct), line)
            set_cell(self.table, i, 3, "—" if ok else f"{line - pct:.0f}", right=True)
        self.summary.setText(QCoreApplication.translate("Community", "{smart}/{n} 个社区达到80%线（竖线）· 权重为演示数据")
                             .format(smart=smart, n=len(sites)))
        self._update_freshness(self.ctx.hub.clock.now())

    def _update_freshness(self, now: float) -> None:
        self.set_freshness_of_newest((e.streams[0].id for e in self._sites if e.streams), now)
