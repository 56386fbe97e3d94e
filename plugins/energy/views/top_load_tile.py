"""TopLoadTile: the transformers carrying most of their rating now, highest load % first."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout

from widgets import theme
from console.layouts.layout import TileSpec
from console.selection import select_entities
from plugins.energy.grid import TYPE_NAMES
from plugins.energy.layers import HEAVY_PCT
from plugins.energy.ranking import top_by_load
from widgets._table import make_table, set_cell
from widgets.tile import Tile, TileContext


class TopLoadTile(Tile):
    kind = "energy_top_load"
    options_schema = {
        "type": "object",
        "properties": {
            "select": {"type": "object"},
            "n": {"type": "integer", "minimum": 1, "maximum": 50},
        },
    }

    def __init__(self, ctx: TileContext, spec: TileSpec) -> None:
        super().__init__(ctx, spec)
        box = QVBoxLayout(self.body)
        box.setContentsMargins(0, 0, 0, 0)
        self.table = make_table(["#"] + [QCoreApplication.translate("Energy", "配变"),
            QCoreApplication.translate("Energy", "容量 kVA"),
            QCoreApplication.translate("Energy", "负荷 kW"),
            QCoreApplication.translate("Energy", "负载率")])
        box.addWidget(self.table, 1)
        self.summary = QLabel("")
        self.summary.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # never widens the wall
        self.summary.setObjectName("muted")
        box.addWidget(self.summary)
        self.ranks = []
        self._entities = []
        self._build()

    def _build(self) -> None:
        self._entities = select_entities(self.ctx.hub.entities, self._options.get("select", {"kind": "transformer"}))
        streams = [e.streams[0].id for e in self._entities]
        if not streams:
            self.show_message(QCoreApplication.translate("Energy", "尚无配变终端"))
            return
        self.show_message("")
        self.subscribe(streams)
        self.refresh()

    def on_readings(self, readings) -> None:
        self.refresh()

    def on_entities(self, event) -> None:
        if not self._entities:
            self._build()

    def on_second(self, now: float) -> None:
        if not self._entities:
            return
        if not self.ranks:
            self.refresh(now)
        else:
            self._update_freshness(now)

    def refresh(self, now: float | None = None) -> None:
        hub = self.ctx.hub
        now = hub.clock.now() if now is None else now
        self.ranks, silent = top_by_load(hub, self._entities, int(self._options.get("n", 10)), now)
        self.table.setRowCount(len(self.ranks))
        for i, r in enumerate(self.ranks):
            over = r.load_pct > 100.0
            heavy = r.load_pct >= HEAVY_PCT
            mark = "▲ " if over else ("■ " if heavy else "")
            set_cell(self.table, i, 0, str(i + 1), right=True)
            a = r.entity.attrs
            set_cell(self.table, i, 1, f"{r.entity.id} {a.get('town', '')} · {TYPE_NAMES.get(a.get('type'), '').split(' ')[0]}", bold=over)
            set_cell(self.table, i, 2, str(r.entity.attrs["capacity_kva"]), right=True)
            set_cell(self.table, i, 3, f"{r.load_kw:.0f}", right=True)
            color = theme.WARNING if over else (theme.MUTED if heavy else None)
            set_cell(self.table, i, 4, f"{mark}{r.load_pct:.0f} %", color=color, bold=over, right=True)
        over_n = sum(r.load_pct > 100 for r in self.ranks)
        parts = [QCoreApplication.translate("Energy", "{n} 台终端").format(n=len(self._entities))]
        if over_n:
            parts.append("▲ " + QCoreApplication.translate("Energy", "{n} 过载").format(n=over_n))
        if silent:
            parts.append(QCoreApplication.translate("Energy", "{n} 离线未排名").format(n=silent))
        self.summary.setText(" · ".join(parts))
        self._update_freshness(now)

    def _update_freshness(self, now: float) -> None:
        hub = self.ctx.hub
        if self.ranks:
            state, age = hub.freshness(self.ranks[0].entity.streams[0].id, now)
            self.set_freshness(state, age)
            return
        # nothing current to rank: say how old the newest value is
        self.set_freshness_of_newest((e.streams[0].id for e in self._entities), now)
