"""HeadwayTile: each route's buses in order along it, with the headway to the bus ahead against
the timetable's (▼ bunched under a third, ▲ a gap over twice), delay and load."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from console.freshness import Freshness
from console.layouts.layout import TileSpec
from console.selection import select_entities
from plugins.transit.route_status import route_rows
from plugins.transit.timetable import timetable_of
from plugins.transit.views._table_box import table_with_note
from widgets import theme
from widgets._table import set_cell
from widgets.tile import Tile, TileContext

_MARK = {"bunched": "▼ ", "gap": "▲ ", "ok": "", "first": ""}


class HeadwayTile(Tile):
    kind = "transit_headways"
    options_schema = {"type": "object", "properties": {"select": {"type": "object"}}}
    example_options = {"select": {"kind": "bus_route"}}

    def __init__(self, ctx: TileContext, spec: TileSpec) -> None:
        super().__init__(ctx, spec)
        self.table, self.summary = table_with_note(self.body, [
            QCoreApplication.translate("Transit", "车辆"),
            QCoreApplication.translate("Transit", "开往"),
            QCoreApplication.translate("Transit", "下一站"),
            QCoreApplication.translate("Transit", "间隔"),
            QCoreApplication.translate("Transit", "晚点"),
            QCoreApplication.translate("Transit", "满载率"),
        ])
        self.rows = []
        self._routes = []
        self._tt = None
        self._build()

    def _build(self) -> None:
        hub = self.ctx.hub
        self._tt = timetable_of(hub.entities.values())
        self._routes = select_entities(hub.entities, self._options.get("select", {"kind": "bus_route"})) if self._tt else []
        if not self._routes:
            self.show_message(QCoreApplication.translate("Transit", "尚无公交线路"))
            self.set_freshness(Freshness.OFFLINE, None)
            return
        self.show_message("")
        self.subscribe([f"transit/route/{r.attrs['route']}/buses" for r in self._routes])
        self.refresh()

    def on_readings(self, readings) -> None:
        self.refresh()

    def on_entities(self, event) -> None:
        if not self._routes:
            self._build()

    def on_second(self, now: float) -> None:
        if self._routes:
            self._update_freshness(now)

    def refresh(self, now: float | None = None) -> None:
        hub = self.ctx.hub
        now = hub.clock.now() if now is None else now
        self.rows = []
        lines = []  # (route title or None, row)
        for r in self._routes:
            rows = route_rows(hub, self._tt, r.attrs["route"], now)
            self.rows += rows
            lines.append((r.name, None))
            lines += [(None, row) for row in rows]
        self.table.setRowCount(len(lines))
        for i, (title, row) in enumerate(lines):
            if row is None:
                set_cell(self.table, i, 0, title, bold=True)
                for c in range(1, 6):
                    set_cell(self.table, i, c, "")
                continue
            bad = row.state in ("bunched", "gap")
            color = theme.WARNING if bad else None
            set_cell(self.table, i, 0, row.bus)
            set_cell(self.table, i, 1, row.headsign)
            set_cell(self.table, i, 2, row.next_stop)
            hw = "—" if row.headway_min is None else f"{_MARK[row.state]}{row.headway_min:.0f} min ({row.ratio:.1f}×)"
            set_cell(self.table, i, 3, hw, color=color, bold=bad, right=True)
            set_cell(self.table, i, 4, f"{row.delay_min:+.0f} min", right=True)
            set_cell(self.table, i, 5, "—" if row.load_pct is None else f"{row.load_pct:.0f} %", right=True)
        bunched = sum(r.state == "bunched" for r in self.rows)
        gaps = sum(r.state == "gap" for r in self.rows)
        self.summary.setText(QCoreApplication.translate("Transit", "{n} 辆在线 · ▼ 串车 {b} · ▲ 大间隔 {g} · 间隔按计划间隔之比").format(n=len(self.rows), b=bunched, g=gaps))
        self._update_freshness(now)

    def _update_freshness(self, now: float) -> None:
        self.set_freshness_of_newest((f"transit/route/{r.attrs['route']}/buses" for r in self._routes), now)
