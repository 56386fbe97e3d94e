"""FiguresTile: the governance figures per grid or per department (last 24 h): received, closed,
closed on time %, overdue now, satisfaction; a grid's row names its members (phones masked).
The figures come from the hub's streams (the simulator or the platform publishes them)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout

from console.languages import QT_TRANSLATE_NOOP
from console.layouts.layout import TileSpec
from widgets import theme
from widgets._table import make_table, set_cell
from widgets.tile import Tile, TileContext

_KINDS = {"grid": "gov_grid", "department": "gov_department"}
#: (stream, header) of the columns after the name
_COLUMNS = (
    ("received", QT_TRANSLATE_NOOP("Governance", "受理")),
    ("closed", QT_TRANSLATE_NOOP("Governance", "办结")),
    ("on_time_pct", QT_TRANSLATE_NOOP("Governance", "按时办结率")),
    ("overdue", QT_TRANSLATE_NOOP("Governance", "超期")),
    ("satisfaction_pct", QT_TRANSLATE_NOOP("Governance", "满意率")),
)
ON_TIME_LINE = 90.0  # below it the rate is shown as a warning (the hotlines' usual target)


def _tr(text: str) -> str:
    """A string marked with QT_TRANSLATE_NOOP where it is written, in the interface's language."""
    return QCoreApplication.translate("Governance", text)


class FiguresTile(Tile):
    kind = "gov_figures"
    options_schema = {"type": "object", "properties": {"by": {"enum": list(_KINDS)}, "members": {"type": "boolean"}}}
    example_options = {"by": "grid"}

    def __init__(self, ctx: TileContext, spec: TileSpec) -> None:
        super().__init__(ctx, spec)
        box = QVBoxLayout(self.body)
        box.setContentsMargins(0, 0, 0, 0)
        by = self._options.get("by", "grid")
        first = QCoreApplication.translate("Governance", "网格") if by == "grid" else QCoreApplication.translate("Governance", "承办部门")
        self.table = make_table([first, *(_tr(h) for _, h in _COLUMNS)], stretch=0)
        box.addWidget(self.table, 1)
        self.note = QLabel("")
        self.note.setObjectName("muted")
        self.note.setWordWrap(True)
        self.note.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # never widens the wall
        box.addWidget(self.note)
        self.rows: dict[str, dict[str, float | None]] = {}  # entity id -> figures as shown (tests read them)
        self._ents = []
        self._build()

    def _build(self) -> None:
        kind = _KINDS[self._options.get("by", "grid")]
        self._ents = sorted((e for e in self.ctx.hub.entities.values() if e.kind == kind), key=lambda e: e.id)
        if not self._ents:
            self.show_message(QCoreApplication.translate("Governance", "尚无网格与工单数据"))
            return
        self.show_message("")
        self.subscribe([s.id for e in self._ents for s in e.streams])
        self.refresh()

    def on_readings(self, readings) -> None:
        self.refresh()

    def on_entities(self, event) -> None:
        if not self._ents:
            self._build()

    def on_second(self, now: float) -> None:
        if self._ents:
            self._update_freshness(now)

    def _value(self, e, name: str) -> float | None:
        r = self.ctx.hub.latest(f"{e.streams[0].id.rsplit('/', 1)[0]}/{name}") if e.streams else None
        return None if r is None else r.value

    def refresh(self) -> None:
        self.table.setRowCount(len(self._ents))
        self.rows = {}
        members = []
        for i, e in enumerate(self._ents):
            values = {name: self._value(e, name) for name, _ in _COLUMNS}
            self.rows[e.id] = values
            set_cell(self.table, i, 0, e.name)
            for c, (name, _) in enumerate(_COLUMNS, start=1):
                v = values[name]
                if v is None:
                    set_cell(self.table, i, c, "—", right=True)
                elif name.endswith("_pct"):
                    low = name == "on_time_pct" and v < ON_TIME_LINE
                    set_cell(self.table, i, c, f"{v:.0f}%" + (" ▼" if low else ""), color=theme.WARNING if low else None, right=True)
                elif name == "overdue" and v >= 1:
                    set_cell(self.table, i, c, f"▲ {v:.0f}", color=theme.ALARM, bold=True, right=True)
                else:
                    set_cell(self.table, i, c, f"{v:.0f}", right=True)
            for m in e.attrs.get("members", ()):
                members.append(f"{m['name']} {m['phone']}")
        text = QCoreApplication.translate("Governance", "近24小时；超期为当前未办结且已过时限的工单")
        if members and self._options.get("members", True):
            text += " · " + QCoreApplication.translate("Governance", "网格员：") + "、".join(members)
        self.note.setText(text)
        self._update_freshness(self.ctx.hub.clock.now())

    def _update_freshness(self, now: float) -> None:
        self.set_freshness_of_newest((e.streams[0].id for e in self._ents if e.streams), now)
