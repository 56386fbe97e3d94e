"""KpiTile: one number, big, with what it means and how fresh it is."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout

from console.freshness import Freshness
from widgets import theme
from console.kpi import METRICS, compute_kpi
from console.layouts.layout import TileSpec
from widgets.tile import Tile, TileContext
from widgets.translation import shown


class KpiTile(Tile):
    kind = "kpi"
    example_options = {"metric": "above", "select": {"kind": "gauge"}, "stream": "level", "limit_attr": "warning_level"}
    options_schema = {
        "type": "object",
        "required": ["metric"],
        "properties": {
            "metric": {"enum": list(METRICS)},
            "streams": {"type": "array", "items": {"type": "string"}},
            "select": {"type": "object"},
            "stream": {"type": "string"},
            "limit_attr": {"type": "string"},
            "severity": {"type": "integer", "minimum": 1, "maximum": 4},
            "unit": {"type": "string"},
            "count_noun": {"type": "string"},  # what the detail line counts: "条线路" under a sum over routes
            "decimals": {"type": "integer", "minimum": 0, "maximum": 6},
            # per selected entity, its stream that says it is in service ("buses" of a route): at 0
            # its value is left out, and with none in service the KPI says idle_text, not offline
            "active_stream": {"type": "string"},
            "idle_text": {"type": "string"},
        },
    }

    def __init__(self, ctx: TileContext, spec: TileSpec) -> None:
        super().__init__(ctx, spec)
        box = QVBoxLayout(self.body)
        box.setContentsMargins(0, 0, 0, 0)
        self.value_label = QLabel("—")
        self.value_label.setObjectName("kpiValue")
        font = QFont(self.value_label.font())
        font.setPointSizeF(font.pointSizeF() * 2.6)
        font.setBold(True)
        self.value_label.setFont(font)
        self.value_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.detail_label = QLabel("")
        self.detail_label.setObjectName("muted")
        for label in (self.value_label, self.detail_label):
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        box.addWidget(self.value_label, 1)
        box.addWidget(self.detail_label)
        self._streams, self._active = [], {}
        self._collect()
        self.refresh()

    def _collect(self) -> None:
        self._streams = self.streams()
        name = self._options.get("active_stream")
        self._active = {}
        if name:
            for s in self._streams:
                e = self.ctx.hub.entity_of(s)
                found = next((x.id for x in e.streams if x.id.endswith("/" + name)), None) if e else None
                if found:
                    self._active[s] = found
        self.subscribe(self._streams + sorted(set(self._active.values())))

    def on_readings(self, readings) -> None:
        self.refresh()

    def on_entities(self, event) -> None:
        self._collect()  # entities may arrive after the tile is built
        self.refresh()

    def on_second(self, now: float) -> None:
        self.refresh()  # ages and freshness move with the clock

    def refresh(self) -> None:
        o = self._options
        kpi = compute_kpi(
            self.ctx.hub, self._streams, o["metric"], limit_attr=o.get("limit_attr", ""),
            unit=o.get("unit", ""), decimals=o.get("decimals"),
            count_noun=o.get("count_noun", ""), active=self._active, idle_text=o.get("idle_text", ""),
        )
        self.kpi = kpi
        if kpi.abnormal:
            mark, color, _ = theme.SEVERITY_STYLE[o.get("severity", 3)]
            self.value_label.setText(f"{mark} {shown(kpi.text)}")
        else:
            color = theme.TEXT if kpi.freshness.is_current else theme.FAINT
            self.value_label.setText(shown(kpi.text))
        self.value_label.setStyleSheet(f"color: {color};")
        self.detail_label.setText(shown(kpi.detail))
        self.set_freshness(kpi.freshness if kpi.freshness != Freshness.FRESH else Freshness.FRESH, kpi.age_s)
