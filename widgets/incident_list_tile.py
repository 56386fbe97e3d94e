"""IncidentListTile: the open incidents, most severe first: level (colour and shape), title and
place, state, teams on it, and the SLA clock (red with the time over when a timer ran out).
Selecting a row selects the incident (the timeline tile shows it) and its entity.

It shows what ``ctx.incidents`` (console.incidents.book.IncidentBook) holds; it never fetches.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel, QVBoxLayout

from console.incidents.plans import overdue, sla_clock
from console.layouts.layout import TileSpec
from widgets import _incident_text as txt
from widgets import theme
from widgets._table import make_table, set_cell
from widgets.tile import Tile, TileContext

translate = QCoreApplication.translate


class IncidentListTile(Tile):
    kind = "incident_list"
    options_schema = {
        "type": "object",
        "properties": {
            "max_rows": {"type": "integer", "minimum": 1},
            "kinds": {"type": "array", "items": {"type": "string"}},  # only incidents of these kinds
        },
    }

    def __init__(self, ctx: TileContext, spec: TileSpec) -> None:
        super().__init__(ctx, spec)
        self.incidents: list = []
        box = QVBoxLayout(self.body)
        box.setContentsMargins(0, 0, 0, 0)
        self.table = make_table([translate("Incident", "级别"), translate("Incident", "事件"),
                                 translate("Incident", "状态"), translate("Incident", "队伍"),
                                 translate("Incident", "时限")])
        if not ctx.read_only:  # a wall answers no clicks
            self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            self.table.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            self.table.itemSelectionChanged.connect(self._selected)
        box.addWidget(self.table, 1)
        self.empty_label = QLabel("✓ " + translate("Incident", "无进行中的事件"))
        self.empty_label.setObjectName("muted")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(self.empty_label)
        if ctx.incidents is None:
            self.show_message(translate("Incident", "本控制台无事件服务"))
        ctx.signals.listen(self, "incidents", lambda _ids: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        book = self.ctx.incidents
        shown = book.open_incidents() if book is not None else []
        kinds = self._options.get("kinds")
        if kinds:
            shown = [i for i in shown if i.kind in kinds]
        self.incidents = shown[: self._options.get("max_rows", 100)]
        table = self.table
        table.blockSignals(True)
        table.setRowCount(len(self.incidents))
        for row, i in enumerate(self.incidents):
            text, colour = txt.level(i.severity)
            set_cell(table, row, 0, text, colour, bold=i.severity <= 2)
            title = f"#{i.id} {i.title}" + (f" · {i.place}" if i.place else "")
            set_cell(table, row, 1, title)
            set_cell(table, row, 2, txt.state(i.state))
            set_cell(table, row, 3, str(len(i.active_teams())), right=True)
        selected = getattr(self.ctx.selection, "incident_id", None)
        for row, i in enumerate(self.incidents):
            if i.id == selected and not self.ctx.read_only:
                table.selectRow(row)
        table.blockSignals(False)
        self._clocks(self.ctx.hub.clock.now())
        table.setVisible(bool(self.incidents))
        self.empty_label.setVisible(not self.incidents)

    def _clocks(self, now: float) -> None:
        book = self.ctx.incidents
        late = 0
        for row, i in enumerate(self.incidents):
            plan = book.plan(i)
            text, over = txt.clock(sla_clock(i, plan, now), plan)
            set_cell(self.table, row, 4, text, theme.ALARM if over else theme.TEXT, bold=over)
            late += bool(overdue(i, plan, now))
        status = translate("Incident", "{n} 起进行中 · {late} 起超时").format(n=len(self.incidents), late=late)
        if status != self.status_label.text():
            self.status_label.setText(status)

    def on_second(self, now: float) -> None:
        if self.incidents:
            self._clocks(now)

    def _selected(self) -> None:
        rows = {ix.row() for ix in self.table.selectionModel().selectedRows()}
        if not rows or min(rows) >= len(self.incidents):
            return
        i = self.incidents[min(rows)]
        selection = self.ctx.selection
        if selection is not None and hasattr(selection, "select_incident"):
            selection.select_incident(i.id)
            if i.entity_id:
                selection.select(i.entity_id)
