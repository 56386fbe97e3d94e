"""TextTile: a heading and text, big and plain (the response steps of an alarm takeover)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout

from console.layouts.layout import TileSpec
from widgets.tile import Tile, TileContext
from widgets.translation import shown


class TextTile(Tile):
    kind = "text"
    options_schema = {
        "type": "object",
        "properties": {"heading": {"type": "string"}, "text": {"type": "string"}},
    }

    def __init__(self, ctx: TileContext, spec: TileSpec) -> None:
        super().__init__(ctx, spec)
        box = QVBoxLayout(self.body)
        box.setContentsMargins(0, 0, 0, 0)
        self.heading_label = QLabel(shown(self._options.get("heading", "")))
        self.heading_label.setObjectName("tileMessage")
        self.heading_label.setWordWrap(True)
        self.heading_label.setVisible(bool(self._options.get("heading")))
        self.text_label = QLabel(shown(self._options.get("text", "")))
        self.text_label.setWordWrap(True)
        box.addWidget(self.heading_label)
        box.addWidget(self.text_label, 1)
        box.addStretch(0)
