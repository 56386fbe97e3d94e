"""PassengerFlowTile: per route, direction and hour, the fullest stop's load against the capacity
the timetable runs there, and the trips to add where it runs high (plugins.transit.passenger_flow).
The buses' counter history comes through the history loader, again every ``refresh_s`` (every 5 s
while it has none: a fresh cache fills as the source back-fills)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from console.freshness import Freshness
from console.layouts.layout import TileSpec
from plugins.transit.board import TZ_OFFSET_S
from plugins.transit.network import ADVISE_PCT, BUS_CAPACITY
from plugins.transit.passenger_flow import FlowAdvice, StopHour, observations, scheduling_advice, stop_hours
from plugins.transit.timetable import timetable_of
from plugins.transit.views._table_box import table_with_note
from widgets import theme
from widgets._table import set_cell
from widgets.tile import Tile, TileContext
from widgets.translation import shown

_STREAMS = ("trip", "position", "load_pct")


def _hours(h: float) -> str:
    start = (h + TZ_OFFSET_S) % 86400 // 3600
    return f"{start:02.0f}:00–{(start + 1) % 24:02.0f}:00"


class PassengerFlowTile(Tile):
    kind = "transit_flow"
    options_schema = {
        "type": "object",
        "properties": {
            "window_h": {"type": "number", "exclusiveMinimum": 0, "maximum": 24},
            "advise_pct": {"type": "number", "exclusiveMinimum": 0},
            "refresh_s": {"type": "number", "minimum": 5},
            "rows": {"type": "integer", "minimum": 1, "maximum": 50},
        },
    }
    example_options = {"window_h": 6}

    def __init__(self, ctx: TileContext, spec: TileSpec) -> None:
        super().__init__(ctx, spec)
        self.table, self.summary = table_with_note(self.body, [
            QCoreApplication.translate("Transit", "线路"),
            QCoreApplication.translate("Transit", "时段"),
            QCoreApplication.translate("Transit", "最拥挤站"),
            QCoreApplication.translate("Transit", "满载率"),
            QCoreApplication.translate("Transit", "客流"),
            QCoreApplication.translate("Transit", "建议"),
        ], stretch=2)  # the stop's name gives way first
        self.cells: list[StopHour] = []
        self.advice: list[FlowAdvice] = []
        self._tt = None
        self._blocks: list[str] = []
        self._since_request = 0
        self._build()

    def _build(self) -> None:
        ents = list(self.ctx.hub.entities.values())
        self._tt = timetable_of(ents)
        self._blocks = sorted(e.attrs["block"] for e in ents if e.kind == "bus") if self._tt else []
        if not self._blocks:
            self.show_message(QCoreApplication.translate("Transit", "尚无公交车辆"))
            self.set_freshness(Freshness.OFFLINE, None)
            return
        self.show_message("")
        self._request()

    def _request(self) -> None:
        self._since_request = 0
        now = self.ctx.hub.clock.now()
        streams = [f"transit/bus/{b}/{s}" for b in self._blocks for s in _STREAMS]
        self.ctx.history.request(self, streams, now - float(self._options.get("window_h", 6)) * 3600, self._loaded)

    def _loaded(self, history) -> None:
        if isinstance(history, Exception):
            self.show_message(QCoreApplication.translate("Transit", "客流历史读取失败：{error}").format(error=history))
            return
        obs = [o for b in self._blocks for o in observations(history, b)]
        self.cells = stop_hours(self._tt, obs)
        self.advice = scheduling_advice(self._tt, self.cells, float(self._options.get("advise_pct", ADVISE_PCT)))
        self._show()
        self._update_freshness()

    def _update_freshness(self) -> None:
        # as fresh as the routes' in-service counts: at night no counter reports, and that is no outage
        hub = self.ctx.hub
        counts = [x for x in (hub.latest(f"transit/route/{r}/buses") for r in self._tt.routes) if x is not None]
        if not counts:
            self.set_freshness(Freshness.OFFLINE, None)
            return
        self.set_freshness(*hub.freshness(max(counts, key=lambda x: x.ts).stream, hub.clock.now()))

    def _show(self) -> None:
        tt = self._tt
        advised = {(a.peak.route, a.peak.direction, a.peak.hour): a for a in self.advice}
        peaks: dict[tuple, StopHour] = {}
        for c in self.cells:
            key = (c.route, c.direction, c.hour)
            if key not in peaks or c.load_pct > peaks[key].load_pct:
                peaks[key] = c
        # the advice first (most trips to add), then the latest hours
        rest = sorted((p for k, p in peaks.items() if k not in advised), key=lambda p: (-p.hour, p.route, p.direction))
        rows = [a.peak for a in self.advice] + rest
        rows = rows[: int(self._options.get("rows", 12))]
        # a route's two ways as the operators say them (GTFS direction 0 and 1)
        ways = (QCoreApplication.translate("Transit", "上行"), QCoreApplication.translate("Transit", "下行"))
        self.table.setRowCount(len(rows))
        for i, p in enumerate(rows):
            a = advised.get((p.route, p.direction, p.hour))
            color = theme.WARNING if a else None
            set_cell(self.table, i, 0, f"{tt.routes[p.route].name} {ways[p.direction % 2]}")
            set_cell(self.table, i, 1, _hours(p.hour))
            set_cell(self.table, i, 2, tt.stops[p.stop].name)
            set_cell(self.table, i, 3, f"{p.load_pct:.0f} %", color=color, bold=a is not None, right=True)
            set_cell(self.table, i, 4, QCoreApplication.translate("Transit", "{n}人/{trips}班").format(n=f"{p.passengers(BUS_CAPACITY):.0f}", trips=p.trips), right=True)
            set_cell(self.table, i, 5, QCoreApplication.translate("Transit", "加开 {n} 班").format(n=a.add_trips) if a else "—", color=color, bold=a is not None)
        if self.advice:
            total = sum(a.add_trips for a in self.advice)
            self.summary.setText(shown(self.advice[0].text()) + " · " + QCoreApplication.translate("Transit", "共建议加开 {n} 班").format(n=total))
        elif not self.cells:
            self.summary.setText(QCoreApplication.translate("Transit", "近 {h} 小时无车载客流数据（无车辆运营）").format(
                h=f"{float(self._options.get('window_h', 6)):g}"))
        else:
            pct = float(self._options.get("advise_pct", ADVISE_PCT))
            self.summary.setText(QCoreApplication.translate("Transit", "各时段满载率均在 {pct} % 以下").format(pct=f"{pct:.0f}"))

    def on_entities(self, event) -> None:
        if not self._blocks:
            self._build()

    def on_second(self, now: float) -> None:
        if not self._blocks:
            return
        self._since_request += 1
        # nothing yet (the source still back-filling a fresh cache): ask again soon, not in a minute
        every = float(self._options.get("refresh_s", 60)) if self.cells else min(5.0, float(self._options.get("refresh_s", 60)))
        if self._since_request >= every:
            self._request()
        else:
            self._update_freshness()
