"""SpotParkingTile: each scenic spot's share of capacity beside the free spaces of the car parks
within a few kilometres, and the nearest car park with room (the car parks the hub holds, by kind
and distance: plugins.tourism.nearby)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QVBoxLayout

from console.layouts.layout import TileSpec
from console.selection import select_entities
from plugins.tourism.nearby import CARPARK_SELECT, RADIUS_KM, NearbyParking, free_stream, parking_near
from plugins.tourism.spots import FULL_PCT, WARN_PCT
from widgets import theme
from widgets._table import make_table, set_cell
from widgets.tile import Tile, TileContext


def _km(m: float) -> str:
    return f"{m / 1000:.1f} km"


class SpotParkingTile(Tile):
    kind = "tourism_parking"
    options_schema = {
        "type": "object",
        "properties": {
            "select": {"type": "object"},  # the spots
            "parking_select": {"type": "object"},  # the car parks (kind "carpark" by default)
            "radius_km": {"type": "number", "exclusiveMinimum": 0, "maximum": 50},
        },
    }
    example_options = {"select": {"kind": "scenic_spot"}, "radius_km": 3}

    def __init__(self, ctx: TileContext, spec: TileSpec) -> None:
        super().__init__(ctx, spec)
        box = QVBoxLayout(self.body)
        box.setContentsMargins(0, 0, 0, 0)
        self.table = make_table([QCoreApplication.translate("Tourism", "景区"), QCoreApplication.translate("Tourism", "承载率"), QCoreApplication.translate("Tourism", "周边车场"),
                                 QCoreApplication.translate("Tourism", "空位/车位"), QCoreApplication.translate("Tourism", "最近有空位")], stretch=0)
        box.addWidget(self.table, 1)
        self.rows: list[NearbyParking] = []
        self._spots = []
        self._parks = []
        self._build()

    def _radius(self) -> float:
        return float(self._options.get("radius_km", RADIUS_KM))

    def _build(self) -> None:
        hub = self.ctx.hub
        self._spots = [e for e in select_entities(hub.entities, self._options.get("select", {"kind": "scenic_spot"})) if e.has_position]
        self._parks = [e for e in select_entities(hub.entities, self._options.get("parking_select", CARPARK_SELECT))
                       if e.has_position and free_stream(e)]
        if not self._spots:
            self.show_message(QCoreApplication.translate("Tourism", "尚无景区"))
            return
        self.show_message("" if self._parks else QCoreApplication.translate("Tourism", "尚无停车场数据"))
        occupancy = [s.id for e in self._spots for s in e.streams if s.id.endswith("/occupancy")]
        self.subscribe(occupancy + [free_stream(e) for e in self._parks])
        self.refresh()

    def on_readings(self, readings) -> None:
        self.refresh()

    def on_entities(self, event) -> None:
        self._build()

    def on_second(self, now: float) -> None:
        if self._spots:
            self._update_freshness(now)

    def refresh(self) -> None:
        hub = self.ctx.hub
        self.rows = [parking_near(e, self._parks, hub.latest, self._radius()) for e in self._spots]
        self.table.setRowCount(len(self.rows))
        for i, row in enumerate(self.rows):
            spot = row.spot
            occ = next((hub.latest(s.id) for s in spot.streams if s.id.endswith("/occupancy")), None)
            set_cell(self.table, i, 0, spot.name)
            if occ is None:
                set_cell(self.table, i, 1, "—", right=True)
            else:
                full, warn = occ.value >= spot.attrs.get("full_pct", FULL_PCT), occ.value >= spot.attrs.get("warn_pct", WARN_PCT)
                mark = "◆ " if full else "▲ " if warn else ""
                set_cell(self.table, i, 1, f"{mark}{occ.value:.0f} %", color=theme.ALARM if full else theme.WARNING if warn else None,
                         bold=warn, right=True)
            set_cell(self.table, i, 2, QCoreApplication.translate("Tourism", "{n} 个 · {r:g} km 内").format(n=row.count, r=self._radius()), right=True)
            set_cell(self.table, i, 3, f"{row.free}/{row.capacity}" if row.capacity else "—", right=True,
                     color=theme.WARNING if row.capacity and row.free == 0 else None)
            near = "—" if row.nearest is None else f"{row.nearest.name} · {_km(row.nearest_m or 0.0)}"
            set_cell(self.table, i, 4, near)
        self._update_freshness(hub.clock.now())

    def _update_freshness(self, now: float) -> None:
        """The car parks' counts make the tile's freshness; with none, the spots' occupancy does."""
        hub = self.ctx.hub
        parks = [sid for e in self._parks if (sid := free_stream(e))]
        occupancy = [s.id for e in self._spots for s in e.streams if s.id.endswith("/occupancy")]
        for streams in (parks, occupancy):
            if any(hub.latest(sid) is not None for sid in streams):
                self.set_freshness_of_newest(streams, now)
                return
        self.set_freshness_of_newest((s.id for e in self._spots for s in e.streams), now)
