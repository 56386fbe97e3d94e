"""ResourcesTile: the rescue teams nearest the event by road time (status, ETA), the depots' stock per
kind, and the shelters' fill, in three tables."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QLabel, QVBoxLayout

from console.layouts.layout import TileSpec
from plugins.emergency.places import STOCK_KINDS, TEAM_STATUS
from plugins.emergency.resources_view import STOCK_COLUMNS, depot_rows, event_place, shelter_rows, team_rows
from widgets import theme
from widgets._table import make_table, set_cell
from widgets.tile import Tile, TileContext

_SPECIALTY = {"hazmat": QT_TRANSLATE_NOOP("Emergency", "防化"), "flood": QT_TRANSLATE_NOOP("Emergency", "防汛"),
              "medical": QT_TRANSLATE_NOOP("Emergency", "医疗")}


translate = QCoreApplication.translate  # literal calls, so lupdate finds their strings


def _tr(text: str) -> str:
    """A string marked with QT_TRANSLATE_NOOP where it is written, in the interface's language."""
    return QCoreApplication.translate("Emergency", text)


class ResourcesTile(Tile):
    kind = "emergency_resources"
    options_schema = {"type": "object", "properties": {"teams": {"type": "integer", "minimum": 1}}}
    example_options = {"teams": 5}

    def __init__(self, ctx: TileContext, spec: TileSpec) -> None:
        super().__init__(ctx, spec)
        box = QVBoxLayout(self.body)
        box.setContentsMargins(0, 0, 0, 0)
        self.where = QLabel("")
        box.addWidget(self.where)
        self.teams = make_table([translate("Emergency", "救援队伍"), translate("Emergency", "专业"), translate("Emergency", "人数"), translate("Emergency", "状态"), translate("Emergency", "道路用时")], stretch=0)
        self.depots = make_table([translate("Emergency", "储备点"), *(_tr(STOCK_KINDS[k][0]) for k in STOCK_COLUMNS)], stretch=0)
        self.shelters = make_table([translate("Emergency", "避难场所"), translate("Emergency", "安置"), translate("Emergency", "容量"), translate("Emergency", "占用")], stretch=0)
        for t, k in ((self.teams, 3), (self.depots, 2), (self.shelters, 2)):
            box.addWidget(t, k)
        self.team_rows = []
        self._subscribed = False
        self._build()

    def _build(self) -> None:
        ents = [e for e in self.ctx.hub.entities.values() if e.kind in ("rescue_team", "supply_depot", "shelter", "impact_range")]
        if not ents:
            self.show_message(translate("Emergency", "尚无应急资源"))
            return
        self.show_message("")
        self.subscribe([s.id for e in ents for s in e.streams])
        self._subscribed = True
        self.refresh()

    def on_entities(self, event) -> None:
        if not self._subscribed:
            self._build()
        else:
            self.refresh()  # the event's range moved: the road times change

    def on_readings(self, readings) -> None:
        self.refresh()

    def on_second(self, now: float) -> None:
        sid = next((s.id for e in self.ctx.hub.entities.values() if e.kind == "shelter" for s in e.streams), None)
        if sid is not None:
            self.set_freshness(*self.ctx.hub.freshness(sid, now))

    def refresh(self) -> None:
        hub = self.ctx.hub
        place = event_place(hub)
        self.where.setText(translate("Emergency", "道路用时按至：") + place[3] if place else "")
        self.team_rows = team_rows(hub)[: int(self._options.get("teams", 5))]
        self.teams.setRowCount(len(self.team_rows))
        for r, row in enumerate(self.team_rows):
            set_cell(self.teams, r, 0, row.name, bold=row.status > 0)
            set_cell(self.teams, r, 1, _tr(_SPECIALTY.get(row.specialty, row.specialty)))
            set_cell(self.teams, r, 2, str(row.members), right=True)
            status = _tr(TEAM_STATUS[row.status])
            if row.status == 1 and row.eta_min is not None:
                status += f" · ETA {row.eta_min:.0f} min"
            set_cell(self.teams, r, 3, status, color=theme.WARNING if row.status == 1 else None)
            set_cell(self.teams, r, 4, "—" if row.road_min is None else f"{row.road_min:.0f} min", right=True)
        depots = depot_rows(hub)
        self.depots.setRowCount(len(depots))
        for r, (name, stock) in enumerate(depots):
            set_cell(self.depots, r, 0, name)
            for c, k in enumerate(STOCK_COLUMNS, start=1):
                v = stock.get(k)
                set_cell(self.depots, r, c, "—" if v is None else f"{v:.0f}", right=True, color=theme.WARNING if v == 0 else None)
        shelters = shelter_rows(hub)
        self.shelters.setRowCount(len(shelters))
        for r, (name, n, cap) in enumerate(shelters):
            share = (n or 0) / cap
            color = theme.ALARM if share >= 0.9 else theme.WARNING if share >= 0.5 else None
            set_cell(self.shelters, r, 0, name)
            set_cell(self.shelters, r, 1, "—" if n is None else f"{n:.0f}", right=True, color=color)
            set_cell(self.shelters, r, 2, str(cap), right=True)
            set_cell(self.shelters, r, 3, f"{share:.0%}", right=True, color=color)
