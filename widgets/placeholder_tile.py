"""Stands where a tile could not be made: its plugin is missing or it failed to build."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout

from widgets.tile import Tile, TileContext
from console.layouts.layout import TileSpec


class PlaceholderTile(Tile):
    kind = "placeholder"

    def __init__(self, ctx: TileContext, spec: TileSpec, reason: str) -> None:
        super().__init__(ctx, spec)
        self.reason = reason
        box = QVBoxLayout(self.body)
        label = QLabel(QCoreApplication.translate("Tile", "⚠ 无法显示 “{kind}” 图块：\n{reason}").format(kind=spec.kind, reason=reason))
        label.setObjectName("muted")
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(label)
