"""Builds a layout's tiles into a grid. A tile that cannot be built becomes a placeholder."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QGridLayout, QWidget

from console.layouts.layout import Layout, TileSpec
from console.plugins.api import load_object
from widgets.placeholder_tile import PlaceholderTile
from widgets.tile import Tile, TileContext

log = logging.getLogger(__name__)


def make_tile(ctx: TileContext, spec: TileSpec, kinds: dict[str, str]) -> Tile:
    """The tile for a spec, or a placeholder that says why there is none."""
    ref = kinds.get(spec.kind)
    if ref is None:
        return PlaceholderTile(ctx, spec, f"no loaded plugin provides this tile kind (known: {', '.join(sorted(kinds))})")
    try:
        cls = load_object(ref)
        return cls(ctx, spec)
    except Exception as exc:
        log.exception("tile %s (%s) failed to build", spec.kind, ref)
        return PlaceholderTile(ctx, spec, f"{type(exc).__name__}: {exc}")


class WallGrid(QWidget):
    """One layout on screen. ``tiles`` in layout order."""

    def __init__(self, ctx: TileContext, layout: Layout, kinds: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wall")
        self.layout_model = layout
        self.tiles: list[Tile] = []
        grid = QGridLayout(self)
        grid.setContentsMargins(8, 8, 8, 8)
        grid.setSpacing(8)
        for spec in layout.tiles:
            tile = make_tile(ctx, spec, kinds)
            # a tile's content never forces the wall wider than its screen (it is cut
            # instead); its height keeps the content's minimum, so numbers are never halved
            tile.setMinimumWidth(40)
            grid.addWidget(tile, spec.row, spec.col, spec.rowspan, spec.colspan)
            self.tiles.append(tile)
        for r in range(layout.rows):
            grid.setRowStretch(r, layout.row_stretch[r] if layout.row_stretch else 1)
        for c in range(layout.columns):
            grid.setColumnStretch(c, layout.col_stretch[c] if layout.col_stretch else 1)

    def teardown(self) -> None:
        for tile in self.tiles:
            tile.teardown()
