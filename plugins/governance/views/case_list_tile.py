"""CaseListTile: the open cases, the latest to their due time first (overdue on top), each with its
category, grid, department, stage and SLA clock, ticking. The cases are the hub's case entities
(their records); the tile only reads them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout

from console.languages import QT_TRANSLATE_NOOP
from console.layouts.layout import TileSpec
from plugins.governance.cases import CASE_KIND_PREFIX, CLOSED, OVERDUE, RECEIVED, STAGE_NAMES, sla_text
from plugins.governance.layers import stage_now
from widgets import theme
from widgets._table import make_table, set_cell
from widgets.tile import Tile, TileContext
from widgets.translation import shown

_HEADERS = (QT_TRANSLATE_NOOP("Governance", "工单"), QT_TRANSLATE_NOOP("Governance", "类别"), QT_TRANSLATE_NOOP("Governance", "网格"),
            QT_TRANSLATE_NOOP("Governance", "承办部门"), QT_TRANSLATE_NOOP("Governance", "阶段"), QT_TRANSLATE_NOOP("Governance", "时限"))
_MARK = {OVERDUE: "◆ ", RECEIVED: "▲ "}


def _tr(text: str) -> str:
    """A string marked with QT_TRANSLATE_NOOP where it is written, in the interface's language."""
    return QCoreApplication.translate("Governance", text)


class CaseListTile(Tile):
    kind = "gov_cases"
    options_schema = {"type": "object", "properties": {"limit": {"type": "integer", "minimum": 1, "maximum": 500}}}
    example_options = {"limit": 30}

    def __init__(self, ctx: TileContext, spec: TileSpec) -> None:
        super().__init__(ctx, spec)
        box = QVBoxLayout(self.body)
        box.setContentsMargins(0, 0, 0, 0)
        self.table = make_table([_tr(h) for h in _HEADERS], stretch=1)
        box.addWidget(self.table, 1)
        self.note = QLabel("")
        self.note.setObjectName("muted")
        self.note.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # never widens the wall
        box.addWidget(self.note)
        self.rows: list[tuple[str, str, float]] = []  # (case id, stage, seconds left) as shown
        self._summary = None
        self._build()

    def _build(self) -> None:
        self._summary = next((e for e in self.ctx.hub.entities.values() if e.kind == "gov_summary" and e.streams), None)
        if self._summary is not None:
            self.subscribe([self._summary.streams[0].id])
        self.refresh()

    def on_entities(self, event) -> None:
        if self._summary is None:
            self._build()
        else:
            self.refresh()

    def on_readings(self, readings) -> None:
        self._update_freshness(self.ctx.hub.clock.now())

    def on_second(self, now: float) -> None:
        self.refresh(now)

    def refresh(self, now: float | None = None) -> None:
        now = self.ctx.hub.clock.now() if now is None else now
        open_cases = []
        for e in self.ctx.hub.entities.values():
            if not e.kind.startswith(CASE_KIND_PREFIX) or "due_ts" not in e.attrs:
                continue
            stage = stage_now(e.attrs, now)
            if stage != CLOSED:
                open_cases.append((float(e.attrs["due_ts"]) - now, stage, e))
        if not open_cases:
            self.table.setRowCount(0)
            self.rows = []
            self.show_message(QCoreApplication.translate("Governance", "暂无在办工单") if self._summary is not None else QCoreApplication.translate("Governance", "尚无网格与工单数据"))
            return
        self.show_message("")
        open_cases.sort(key=lambda x: x[0])
        limit = int(self._options.get("limit", 30))
        listed = open_cases[:limit]
        self.table.setRowCount(len(listed))
        self.rows = []
        for i, (left, stage, e) in enumerate(listed):
            a = e.attrs
            self.rows.append((e.id, stage, left))
            late = stage == OVERDUE
            colour = theme.ALARM if late else theme.WARNING if stage == RECEIVED else None
            set_cell(self.table, i, 0, e.id)
            set_cell(self.table, i, 1, str(a.get("category_name", "")))
            set_cell(self.table, i, 2, str(a.get("grid_name", "")))
            set_cell(self.table, i, 3, str(a.get("department_name", "")))
            set_cell(self.table, i, 4, _MARK.get(stage, "") + _tr(STAGE_NAMES[stage]), color=colour, bold=late)
            set_cell(self.table, i, 5, shown(sla_text(left)), color=colour, bold=late, right=True)
        late_n = sum(s == OVERDUE for _, s, _ in open_cases)
        self.note.setText(QCoreApplication.translate("Governance", "在办 {n} 件，超期 {late} 件；按剩余时限排序").format(n=len(open_cases), late=late_n)
                          + ("" if len(open_cases) <= limit else " · " + QCoreApplication.translate("Governance", "显示前 {k} 件").format(k=limit)))
        self._update_freshness(now)

    def _update_freshness(self, now: float) -> None:
        if self._summary is not None:
            self.set_freshness(*self.ctx.hub.freshness(self._summary.streams[0].id, now))
