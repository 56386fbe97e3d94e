"""ParkingGuidanceTile: from a point, the nearest car parks with free spaces, and how far.

A small plan of the car parks (marked by occupancy, shape and colour only when
nearly full or full) sits beside the list; a click on the plan moves the point.
The map (or a tour) moves it too, through ``set_origin``.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout

from console.freshness import Freshness
from console.kpi import compute_kpi
from widgets import theme
from console.layouts.layout import TileSpec
from console.selection import select_entities
from plugins.parking.guidance import nearest_with_free
from plugins.parking.layers import occupancy_state
from widgets._table import make_table, set_cell
from widgets.tile import Tile, TileContext
from widgets.plotting import pyqtgraph

# occupancy state -> (symbol, colour, size): calm when normal, a shape and a colour when not
_MARK = {
    "normal": ("s", theme.SERIES[0], 7),
    "nearly_full": ("t", theme.WARNING, 10),
    "full": ("d", theme.ALARM, 11),
    "stale": ("o", theme.FAINT, 7),
}


CITY_FREE_STREAM = "parking/class/all/free"


def format_distance(m: float) -> str:
    return f"{m:.0f} m" if m < 1000 else f"{m / 1000:.1f} km"


class ParkingGuidanceTile(Tile):
    kind = "parking_guidance"
    options_schema = {
        "type": "object",
        "properties": {
            "select": {"type": "object"},
            "origin": {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2},
            "n": {"type": "integer", "minimum": 1, "maximum": 20},
            "min_free": {"type": "integer", "minimum": 1},
            # the city's free spaces, the stream the KPI shows: one figure, one source
            "total_stream": {"type": "string"},
        },
    }
    sig_origin_changed = Signal(float, float)
    """Emitted with (lat, lon) when the guidance point moves."""

    def __init__(self, ctx: TileContext, spec: TileSpec) -> None:
        super().__init__(ctx, spec)
        row = QHBoxLayout(self.body)
        row.setContentsMargins(0, 0, 0, 0)
        pg = pyqtgraph()
        self.plot = pg.PlotWidget()
        self.plot.setBackground(theme.TILE_BG)
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.setAspectLocked(True, ratio=1.25)  # a degree of longitude is shorter here
        for axis in ("left", "bottom"):
            self.plot.getPlotItem().hideAxis(axis)
        self.scatter = pg.ScatterPlotItem(pxMode=True)
        self.picks = pg.ScatterPlotItem(pxMode=True, symbol="o", size=18, brush=None, pen=pg.mkPen(theme.TEXT, width=1))
        self.origin_item = pg.ScatterPlotItem(pxMode=True, symbol="star", size=16, brush=pg.mkBrush(theme.TEXT), pen=None)
        for item in (self.scatter, self.picks, self.origin_item):
            self.plot.addItem(item)
        self.plot.scene().sigMouseClicked.connect(self._clicked)
        row.addWidget(self.plot, 3)
        col = QVBoxLayout()
        self.heading = QLabel("")
        self.heading.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # never widens the wall
        self.heading.setObjectName("muted")
        self.heading.setWordWrap(True)
        col.addWidget(self.heading)
        self.table = make_table(["#"] + [QCoreApplication.translate("Parking", "停车场"),
            QCoreApplication.translate("Parking", "空位"),
            QCoreApplication.translate("Parking", "距离"),
            QCoreApplication.translate("Parking", "收费")])
        col.addWidget(self.table, 1)
        room, full, point = (QCoreApplication.translate("Parking", "有空位"), QCoreApplication.translate("Parking", "已满"), QCoreApplication.translate("Parking", "诱导点"))
        self.legend = QLabel(
            f'<span style="color:{theme.SERIES[0]}">■</span> {room} &nbsp; '
            f'<span style="color:{theme.WARNING}">▲</span> ≥90 % &nbsp; '
            f'<span style="color:{theme.ALARM}">◆</span> {full} &nbsp; ☆ {point}'
        )
        self.legend.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # never widens the wall
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setObjectName("muted")
        col.addWidget(self.legend)
        row.addLayout(col, 2)
        self.suggestions = []
        self._parks = []
        self._newest = None
        self._shown_origin = None
        self._build()

    # -- public ------------------------------------------------------------------
    def origin(self) -> tuple[float, float]:
        o = self._options.get("origin")
        if o:
            return float(o[0]), float(o[1])
        pos = [(e.lat, e.lon) for e in self._parks if e.has_position]
        return (float(np.mean([p[0] for p in pos])), float(np.mean([p[1] for p in pos]))) if pos else (0.0, 0.0)

    def set_origin(self, lat: float, lon: float) -> None:
        """Move the guidance point (a click on the plan or the map); saved with the layout."""
        self._options["origin"] = [round(lat, 5), round(lon, 5)]
        self.sig_origin_changed.emit(lat, lon)
        self.refresh()

    # -- building and data -----------------------------------------------------------
    def _build(self) -> None:
        self._parks = [e for e in select_entities(self.ctx.hub.entities, self._options.get("select", {"kind": "carpark"})) if e.has_position]
        if not self._parks:
            self.show_message(QCoreApplication.translate("Parking", "尚无停车场"))
            self.set_freshness(Freshness.OFFLINE, None)
            return
        self.show_message("")
        self.subscribe([e.streams[0].id for e in self._parks])
        self.refresh()

    def _city_free(self) -> str:
        """The city's free spaces as the KPI tile computes them (console.kpi), stale marked as stale."""
        stream = self._options.get("total_stream", CITY_FREE_STREAM)
        kpi = compute_kpi(self.ctx.hub, [stream], "value")
        return kpi.text if kpi.freshness.is_current or kpi.text == "—" else f"{kpi.text} ◌"

    def _clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        p = self.plot.getPlotItem().vb.mapSceneToView(event.scenePos())
        self.set_origin(p.y(), p.x())

    def on_readings(self, readings) -> None:
        self.refresh()

    def on_entities(self, event) -> None:
        if not self._parks:
            self._build()

    def on_second(self, now: float) -> None:
        if not self._parks:
            return
        self._seconds = getattr(self, "_seconds", 0) + 1
        if self._seconds % 10 == 0 or self._options.get("origin") != self._shown_origin:
            self.refresh(now)  # a silent counter shows within ten seconds; redrawing the plan each second is waste
        elif self._newest is not None:
            self.set_freshness(*self.ctx.hub.freshness(self._newest.stream, now))

    def refresh(self, now: float | None = None) -> None:
        pg = pyqtgraph()
        hub = self.ctx.hub
        now = hub.clock.now() if now is None else now
        free: dict[str, tuple[float | None, bool]] = {}
        spots = {k: ([], [], []) for k in _MARK}  # x, y, whether the count is stale
        newest = None
        for e in self._parks:
            sid = e.streams[0].id
            r = hub.latest(sid)
            state, _ = hub.freshness(sid, now)
            value = None if r is None else r.value
            free[e.id] = (value, state.is_current)
            if r is not None and (newest is None or r.ts > newest.ts):
                newest = r
            cap = e.attrs.get("capacity", 1)
            # a full car park stays full on the plan when its count goes stale: drawn hollow, same shape and colour
            mark = "stale" if value is None else occupancy_state(100.0 * (cap - value) / cap)
            spots[mark][0].append(e.lon)
            spots[mark][1].append(e.lat)
            spots[mark][2].append(not state.is_current)
        spots_list = []
        for mark, (xs, ys, old) in spots.items():
            sym, color, size = _MARK[mark]
            spots_list += [{"pos": (x, y), "symbol": sym, "size": size, "brush": None if mark == "stale" or o else pg.mkBrush(color),
                            "pen": pg.mkPen(color)} for x, y, o in zip(xs, ys, old)]
        self.scatter.setData(spots_list)
        origin = self.origin()
        self.origin_item.setData([origin[1]], [origin[0]])
        o = self._options
        self.suggestions = nearest_with_free(self._parks, free, origin, int(o.get("n", 5)), int(o.get("min_free", 1)))
        self.picks.setData([s.carpark.lon for s in self.suggestions], [s.carpark.lat for s in self.suggestions])
        self.table.setRowCount(len(self.suggestions))
        for i, s in enumerate(self.suggestions):
            a = s.carpark.attrs
            faint = None if s.current else theme.FAINT
            set_cell(self.table, i, 0, str(i + 1), right=True)
            set_cell(self.table, i, 1, s.carpark.name, color=faint)
            set_cell(self.table, i, 2, f"{s.free}/{a.get('capacity', '?')}" + ("" if s.current else " ◌"), color=faint, bold=s.current, right=True)
            set_cell(self.table, i, 3, format_distance(s.distance_m), right=True)
            set_cell(self.table, i, 4, f"¥{a.get('tariff_yuan_h', 0):g}/h", right=True)
        self.heading.setText(f"☆ {origin[0]:.4f}, {origin[1]:.4f} · "
                             + QCoreApplication.translate("Parking", "最近有空位的车场 · 全市空位 {n}").format(n=self._city_free()))
        self._newest, self._shown_origin = newest, self._options.get("origin")
        # none yet: offline, or catching up while the source back-fills
        self.set_freshness(*hub.freshness(newest.stream if newest else self._parks[0].streams[0].id, now))
