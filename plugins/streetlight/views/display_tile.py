"""DisplayTile: what each lamp post's information display shows now, beside the lamp's state."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QVBoxLayout

from console.layouts.layout import TileSpec
from console.selection import select_entities
from widgets import theme
from widgets._table import make_table, set_cell
from widgets.tile import Tile, TileContext


class DisplayTile(Tile):
    kind = "streetlight_displays"
    options_schema = {"type": "object", "properties": {"select": {"type": "object"}}}
    example_options = {"select": {"kind": "lamppost"}}

    def __init__(self, ctx: TileContext, spec: TileSpec) -> None:
        super().__init__(ctx, spec)
        box = QVBoxLayout(self.body)
        box.setContentsMargins(0, 0, 0, 0)

        self.table = make_table([QCoreApplication.translate("Streetlight", "灯杆"), QCoreApplication.translate("Streetlight", "灯"), QCoreApplication.translate("Streetlight", "信息屏")])
        box.addWidget(self.table, 1)
        self.shown: dict[str, str] = {}
        self._posts = []
        self._build()

    def _build(self) -> None:
        self._posts = select_entities(self.ctx.hub.entities, self._options.get("select", {"kind": "lamppost"}))
        if not self._posts:
            self.show_message(QCoreApplication.translate("Streetlight", "尚无智慧灯杆"))
            return
        self.show_message("")
        self.subscribe([s.id for e in self._posts for s in e.streams])
        self.refresh()

    def on_readings(self, readings) -> None:
        self.refresh()

    def on_entities(self, event) -> None:
        if not self._posts:
            self._build()

    def on_second(self, now: float) -> None:
        if self._posts:
            self._update_freshness(now)

    def _latest(self, e, name: str):
        return self.ctx.hub.latest(f"{e.streams[0].id.rsplit('/', 1)[0]}/{name}") if e.streams else None

    def refresh(self) -> None:
        self.table.setRowCount(len(self._posts))
        self.shown = {}
        for i, e in enumerate(self._posts):
            on, fault, msg = self._latest(e, "lamp_on"), self._latest(e, "fault"), self._latest(e, "message")
            messages = e.attrs.get("messages", ())
            text = messages[int(msg.value)] if msg is not None and 0 <= int(msg.value) < len(messages) else "—"
            self.shown[e.id] = text
            set_cell(self.table, i, 0, e.name)
            if fault is not None and fault.value >= 1:
                set_cell(self.table, i, 1, "▲ " + QCoreApplication.translate("Streetlight", "故障"), color=theme.ALARM, bold=True)
            elif on is None:
                set_cell(self.table, i, 1, "—")
            else:
                set_cell(self.table, i, 1, "● " + QCoreApplication.translate("Streetlight", "亮") if on.value >= 1
                         else "○ " + QCoreApplication.translate("Streetlight", "灭"), color=None if on.value >= 1 else theme.MUTED)
            set_cell(self.table, i, 2, text)
        self._update_freshness(self.ctx.hub.clock.now())

    def _update_freshness(self, now: float) -> None:
        self.set_freshness_of_newest((e.streams[0].id for e in self._posts if e.streams), now)
