"""OutageListTile: feeders out of supply now and restored today, with how long each lasted.

Built from the fault indicators' trip readings: the last day from the cache at
start (off the GUI thread), then live; only state changes are kept per feeder.
"""

from __future__ import annotations


from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout

from console.city_time import format_city
from console.freshness import Freshness
from widgets import theme
from console.layouts.layout import TileSpec
from console.selection import select_entities
from plugins.energy.faults import Outage, outages_from_history
from widgets._table import make_table, set_cell
from widgets.tile import Tile, TileContext


def format_duration(seconds: float) -> str:
    minutes = int(max(seconds, 0) // 60)
    return f"{minutes // 60} h {minutes % 60:02d} min" if minutes >= 60 else f"{minutes} min"


class OutageListTile(Tile):
    kind = "energy_outages"
    options_schema = {
        "type": "object",
        "properties": {
            "select": {"type": "object"},
            "window_h": {"type": "number", "exclusiveMinimum": 0, "maximum": 168},
            "max_rows": {"type": "integer", "minimum": 1},
        },
    }

    def __init__(self, ctx: TileContext, spec: TileSpec) -> None:
        super().__init__(ctx, spec)
        self.window_s = float(self._options.get("window_h", 24)) * 3600
        box = QVBoxLayout(self.body)
        box.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel("")
        self.summary.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # never widens the wall
        box.addWidget(self.summary)
        self.table = make_table([QCoreApplication.translate("Energy", "线路"),
            QCoreApplication.translate("Energy", "影响"),
            QCoreApplication.translate("Energy", "时长"),
            QCoreApplication.translate("Energy", "起")], stretch=0)
        box.addWidget(self.table, 1)
        self._changes: dict[str, list[tuple[float, float]]] = {}  # stream -> state changes (ts, value)
        self.outages: list[Outage] = []
        self._by_stream = {}
        self._build()

    def _build(self) -> None:
        ents = select_entities(self.ctx.hub.entities, self._options.get("select", {"kind": "fault_indicator"}))
        self._by_stream = {e.streams[0].id: e for e in ents if e.streams}
        if not self._by_stream:
            self.show_message(QCoreApplication.translate("Energy", "尚无故障指示器"))
            self.refresh()
            return
        self.show_message("")
        streams = list(self._by_stream)
        self.subscribe(streams)
        self.ctx.history.request(self, streams, self.ctx.hub.clock.now() - self.window_s, self._history_loaded)
        self.refresh()

    def _add(self, sid: str, rows) -> bool:
        changes = self._changes.setdefault(sid, [])
        changed = False
        for ts, value in rows:
            if value is None or (changes and ts <= changes[-1][0]):
                continue
            if not changes or (value >= 0.5) != (changes[-1][1] >= 0.5):
                changes.append((ts, value))
                changed = True
        return changed

    def _history_loaded(self, result) -> None:
        if isinstance(result, Exception):
            self.show_message(QCoreApplication.translate("Chart", "历史数据读取失败：{error}").format(error=result))
            return
        live = self._changes
        self._changes = {}
        for sid, rows in result.items():
            self._add(sid, [(r[0], r[1]) for r in rows])
        for sid, rows in live.items():  # readings that came while the history loaded
            self._add(sid, rows)
        self.refresh()

    def on_readings(self, readings) -> None:
        # a batch need not be in time order (a simulator sends its events after its grid)
        changed = [self._add(sid, sorted((r[1], r[2]) for r in rows)) for sid, rows in readings.items()]
        if any(changed):
            self.refresh()

    def on_entities(self, event) -> None:
        if not self._by_stream:
            self._build()

    def on_second(self, now: float) -> None:
        if not self._by_stream:
            return
        self.refresh(now)

    def refresh(self, now: float | None = None) -> None:
        hub = self.ctx.hub
        now = hub.clock.now() if now is None else now
        outages = []
        for sid, changes in self._changes.items():
            e = self._by_stream.get(sid)
            for o in outages_from_history(e.id if e else sid, changes, now):
                if o.end is None or o.end > now - self.window_s:
                    outages.append(o)
        # ongoing first (longest out first), then restored, newest first
        outages.sort(key=lambda o: (o.end is not None, o.start if o.end is None else -o.end))
        self.outages = outages[: int(self._options.get("max_rows", 50))]
        self.table.setRowCount(len(self.outages))
        ents = {e.id: e for e in self._by_stream.values()}
        for i, o in enumerate(self.outages):
            e = ents.get(o.indicator)
            ongoing = o.end is None
            mark = "◆" if ongoing else "✓"
            color = theme.ALARM if ongoing else theme.MUTED
            affected = QCoreApplication.translate("Energy", "{transformers} 台 · {households} 户").format(
                transformers=e.attrs.get("transformers", "?"), households=e.attrs.get("households", "?")) if e else ""
            unknown = "" if o.start_known else "≥ "
            town = e.attrs.get("town", "") if e else ""
            set_cell(self.table, i, 0, f"{mark} {o.indicator} {town}", color=color, bold=ongoing)
            set_cell(self.table, i, 1, affected)
            set_cell(self.table, i, 2, unknown + format_duration(o.duration(now)), bold=ongoing, right=True)
            set_cell(self.table, i, 3, format_city(o.start, "%H:%M"), color=theme.MUTED)
        out_now = sum(o.end is None for o in self.outages)
        hours = int(self.window_s // 3600)
        text = "◆ " + QCoreApplication.translate("Energy", "{n} 条线路停电中").format(n=out_now) if out_now else "✓ " + QCoreApplication.translate("Energy", "无停电")
        self.summary.setText(text + " · " + QCoreApplication.translate("Energy", "{h} h 内已恢复 {n} 条").format(n=len(self.outages) - out_now, h=hours))
        self.summary.setStyleSheet(f"color: {theme.ALARM if out_now else theme.MUTED};")
        self._update_freshness(now)

    def _update_freshness(self, now: float) -> None:
        if not self.set_freshness_of_newest(self._by_stream, now):
            self.set_freshness(Freshness.OFFLINE, None)
