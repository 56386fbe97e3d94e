"""ChecklistTile: the current incident's response plan as a checklist, with its SLA clock: each
timer and step done (when, by whom), due (in how long) or late (by how long)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QLabel, QVBoxLayout

from console.city_time import format_city
from console.incidents.model import SEVERITY_LEVELS
from console.layouts.layout import TileSpec
from plugins.emergency.checklist import DONE, LATE, checklist, current_incident
from widgets import theme
from widgets._table import make_table, set_cell
from widgets.tile import Tile, TileContext

_STATE = {"open": QT_TRANSLATE_NOOP("Emergency", "待派遣"), "dispatched": QT_TRANSLATE_NOOP("Emergency", "已派遣"),
          "on_scene": QT_TRANSLATE_NOOP("Emergency", "已到场"), "closed": QT_TRANSLATE_NOOP("Emergency", "已结案")}


translate = QCoreApplication.translate  # literal calls, so lupdate finds their strings


def _tr(text: str) -> str:
    """A string marked with QT_TRANSLATE_NOOP where it is written, in the interface's language."""
    return QCoreApplication.translate("Emergency", text)


def _minutes(s: float) -> str:
    m = int(abs(s) // 60)
    return f"{m // 60}:{m % 60:02d}" if m >= 60 else f"{m} min"


class ChecklistTile(Tile):
    kind = "emergency_checklist"
    options_schema = {"type": "object", "properties": {"kinds": {"type": "array", "items": {"type": "string"}}}}
    example_options = {"kinds": ["chemical_leak", "underpass_flooded"]}

    def __init__(self, ctx: TileContext, spec: TileSpec) -> None:
        super().__init__(ctx, spec)
        box = QVBoxLayout(self.body)
        box.setContentsMargins(0, 0, 0, 0)
        self.header = QLabel("")
        self.header.setObjectName("checklistHeader")
        self.header.setWordWrap(True)
        box.addWidget(self.header)
        self.table = make_table([translate("Emergency", "预案步骤"), translate("Emergency", "状态"), translate("Emergency", "时限")], stretch=0)
        box.addWidget(self.table, 1)
        self.rows = []
        self.incident_id: int | None = None
        ctx.signals.sig_updates_arrived.connect(self._updates)
        self.refresh()

    def _updates(self, updates) -> None:
        if getattr(updates, "incident_ids", None):
            self.refresh()

    def on_second(self, now: float) -> None:
        if self.incident_id is not None:
            self.refresh(now)  # the SLA clock counts down
        sid = self._event_stream()
        if sid is not None:
            self.set_freshness(*self.ctx.hub.freshness(sid, now))

    def _event_stream(self) -> str | None:
        """The data the checklist stands on: the incident's hazard's stream, else the impact range's."""
        book, ents = self.ctx.incidents, self.ctx.hub.entities
        inc = book.get(self.incident_id) if book is not None and self.incident_id is not None else None
        e = ents.get(inc.entity_id) if inc is not None and inc.entity_id else None
        if e is None or not e.streams:
            e = next((x for x in ents.values() if x.kind == "impact_range"), None)
        return e.streams[0].id if e is not None and e.streams else None

    def refresh(self, now: float | None = None) -> None:
        book = self.ctx.incidents
        now = self.ctx.hub.clock.now() if now is None else now
        inc = current_incident(book, self._options.get("kinds", ())) if book is not None else None
        if inc is None:
            self.incident_id, self.rows = None, []
            self.header.setText("")
            self.table.setRowCount(0)
            self.show_message(translate("Emergency", "当前无应急事件") if book is not None else translate("Emergency", "事件簿不可用"))
            return
        self.show_message("")
        self.incident_id = inc.id
        plan = book.plan(inc)
        self.rows = checklist(inc, plan, now)
        teams = "、".join(self.ctx.hub.entities[t].name if t in self.ctx.hub.entities else t for t in inc.teams) or "—"
        self.header.setText(
            f"<b>#{inc.id} {inc.title}</b> · {SEVERITY_LEVELS.get(inc.severity, inc.severity)} · {_tr(_STATE.get(inc.state, inc.state))}<br>"
            f"{plan.title} · {translate('Emergency', '接报')} {format_city(inc.opened_ts, '%H:%M')} · {translate('Emergency', '已用时')} {_minutes(now - inc.opened_ts)} · {translate('Emergency', '队伍')} {teams}")
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            set_cell(self.table, r, 0, row.title)
            if row.state == DONE:
                set_cell(self.table, r, 1, "✓ " + translate("Emergency", "已完成") + f" {format_city(row.done_ts, '%H:%M')}", color=theme.MUTED)
                set_cell(self.table, r, 2, "")
            elif row.state == LATE:
                set_cell(self.table, r, 1, "▲ " + translate("Emergency", "超时"), color=theme.ALARM, bold=True)
                set_cell(self.table, r, 2, translate("Emergency", "超时") + " " + _minutes(now - row.due_ts), color=theme.ALARM)
            else:
                set_cell(self.table, r, 1, "○ " + translate("Emergency", "待办"))
                set_cell(self.table, r, 2, "—" if row.due_ts is None else translate("Emergency", "剩余") + " " + _minutes(row.due_ts - now))
