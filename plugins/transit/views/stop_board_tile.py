"""StopBoardTile: what the e-stop board at one stop shows: the next buses, minutes to arrival,
live (from the bus) or by the timetable, and how full each bus is."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from console.freshness import Freshness
from console.layouts.layout import TileSpec
from plugins.transit.board import buses_now, next_arrivals
from plugins.transit.timetable import timetable_of
from plugins.transit.views._table_box import table_with_note
from widgets import theme
from widgets._table import set_cell
from widgets.tile import Tile, TileContext


class StopBoardTile(Tile):
    kind = "transit_board"
    options_schema = {
        "type": "object",
        "properties": {"stop": {"type": "string"}, "n": {"type": "integer", "minimum": 1, "maximum": 12}},
        "required": ["stop"],
    }
    example_options = {"stop": "S05", "n": 6}

    def __init__(self, ctx: TileContext, spec: TileSpec) -> None:
        super().__init__(ctx, spec)
        self.table, self.note = table_with_note(self.body, [
            QCoreApplication.translate("Transit", "线路"),
            QCoreApplication.translate("Transit", "开往"),
            QCoreApplication.translate("Transit", "到站"),
            QCoreApplication.translate("Transit", "满载率"),
        ])
        self.arrivals = []
        self._tt = None
        self._stop = None
        self._build()

    def _build(self) -> None:
        ents = list(self.ctx.hub.entities.values())
        self._tt = timetable_of(ents)
        sid = self._options.get("stop", "")
        self._stop = next((e for e in ents if e.kind == "bus_stop" and e.attrs.get("stop_id") == sid), None)
        if self._tt is None or self._stop is None:
            self.show_message(QCoreApplication.translate("Transit", "尚无此站点的公交数据") + f" ({sid})")
            self.set_freshness(Freshness.OFFLINE, None)
            return
        self.show_message("")
        self.subscribe([f"transit/bus/{e.attrs['block']}/position" for e in ents if e.kind == "bus"])
        self.refresh()

    def on_readings(self, readings) -> None:
        self.refresh()

    def on_entities(self, event) -> None:
        if self._stop is None:
            self._build()

    def on_second(self, now: float) -> None:
        if self._stop is not None:
            self.refresh(now)  # minutes count down between reports

    def refresh(self, now: float | None = None) -> None:
        hub = self.ctx.hub
        now = hub.clock.now() if now is None else now
        buses = buses_now(hub, now)
        self.arrivals = next_arrivals(self._tt, self._stop.attrs["stop_id"], now, buses, int(self._options.get("n", 6)))
        self.table.setRowCount(len(self.arrivals))
        for i, a in enumerate(self.arrivals):
            faint = None if a.live else theme.MUTED
            set_cell(self.table, i, 0, a.route, bold=True)
            set_cell(self.table, i, 1, a.headsign, color=faint)
            when = QCoreApplication.translate("Transit", "即将进站") if a.live and a.minutes == 0 else f"{a.minutes} " + QCoreApplication.translate("Transit", "分钟")
            set_cell(self.table, i, 2, when + ("" if a.live else " " + QCoreApplication.translate("Transit", "(计划)")), color=faint, bold=a.live, right=True)
            set_cell(self.table, i, 3, "—" if a.load_pct is None else f"{a.load_pct:.0f} %", right=True,
                     color=theme.WARNING if (a.load_pct or 0) >= 100 else None)
        live = sum(a.live for a in self.arrivals)
        text = f"{self._stop.name} · " + QCoreApplication.translate("Transit", "{live} 班实时，{plan} 班按时刻表").format(live=live, plan=len(self.arrivals) - live)
        if not self.arrivals:
            text = f"{self._stop.name} · " + QCoreApplication.translate("Transit", "一小时内无班次")
        self.note.setText(text)
        newest = max((r for e in hub.entities.values() if e.kind == "bus"
                      if (r := hub.latest(f"transit/bus/{e.attrs['block']}/position")) is not None), key=lambda r: r.ts, default=None)
        first = next((e for e in hub.entities.values() if e.kind == "bus"), None)
        stream = newest.stream if newest else (f"transit/bus/{first.attrs['block']}/position" if first else None)
        if stream is None:
            self.set_freshness(Freshness.OFFLINE, None)
        else:
            self.set_freshness(*hub.freshness(stream, now))
