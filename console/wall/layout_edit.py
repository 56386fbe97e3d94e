"""Editing a layout as pure operations: add, move, resize, remove a tile; set its options; undo.

Every operation produces a new immutable Layout checked by the same validation as a
layout file (``parse_layout``), so an edit that would leave tiles overlapping or
outside the grid is refused with the message a bad file would get, and the layout
stays as it was.
"""

from __future__ import annotations

import copy
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from console.layouts.layout import Layout, LayoutError, TileSpec, parse_layout, save_layout


class EditError(ValueError):
    """An edit that was refused; the layout is unchanged."""


class LayoutEdit:
    """One layout being edited, with an undo and a redo stack."""

    def __init__(self, layout: Layout, max_undo: int = 200) -> None:
        self.layout = layout
        self._undo: list[Layout] = []
        self._redo: list[Layout] = []
        self._max_undo = max_undo

    # -- queries ---------------------------------------------------------------
    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def tile_at(self, row: int, col: int) -> int | None:
        """Index of the tile covering a cell, or None."""
        for i, t in enumerate(self.layout.tiles):
            if t.row <= row < t.row + t.rowspan and t.col <= col < t.col + t.colspan:
                return i
        return None

    def free_cell(self) -> tuple[int, int] | None:
        """The first empty cell, row by row."""
        for r in range(self.layout.rows):
            for c in range(self.layout.columns):
                if self.tile_at(r, c) is None:
                    return r, c
        return None

    # -- operations --------------------------------------------------------------
    def add(self, kind: str, row: int, col: int, rowspan: int = 1, colspan: int = 1, title: str = "",
            options: dict[str, Any] | None = None) -> int:
        spec = TileSpec(kind, row, col, rowspan, colspan, title, copy.deepcopy(options or {}))
        self._apply(replace(self.layout, tiles=(*self.layout.tiles, spec)))
        return len(self.layout.tiles) - 1

    def move(self, index: int, row: int, col: int) -> None:
        self._set_tile(index, row=row, col=col)

    def resize(self, index: int, rowspan: int, colspan: int) -> None:
        self._set_tile(index, rowspan=rowspan, colspan=colspan)

    def set_options(self, index: int, options: dict[str, Any]) -> None:
        self._set_tile(index, options=copy.deepcopy(options))

    def set_title(self, index: int, title: str) -> None:
        self._set_tile(index, title=title)

    def remove(self, index: int) -> None:
        self._check_index(index)
        tiles = self.layout.tiles
        self._apply(replace(self.layout, tiles=tiles[:index] + tiles[index + 1:]))

    def set_grid(self, rows: int, columns: int) -> None:
        """Change the grid size; stretches that no longer fit are dropped."""
        lay = self.layout
        self._apply(replace(
            lay, rows=rows, columns=columns,
            row_stretch=lay.row_stretch if len(lay.row_stretch) == rows else (),
            col_stretch=lay.col_stretch if len(lay.col_stretch) == columns else (),
        ))

    def rename(self, name: str, title: str | None = None) -> None:
        self._apply(replace(self.layout, name=name, title=self.layout.title if title is None else title))

    def undo(self) -> bool:
        if not self._undo:
            return False
        self._redo.append(self.layout)
        self.layout = self._undo.pop()
        return True

    def redo(self) -> bool:
        if not self._redo:
            return False
        self._undo.append(self.layout)
        self.layout = self._redo.pop()
        return True

    def save_as(self, folder: Path | str, name: str | None = None, title: str | None = None) -> Path:
        """Save as a new layout file ``<folder>/<name>.json`` (atomic); returns its path."""
        if name is not None:
            self.rename(name, title)
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{file_stem(self.layout.name)}.json"
        save_layout(self.layout, path)
        self.layout = replace(self.layout, source=str(path))
        return path

    # -- internals -------------------------------------------------------------
    def _check_index(self, index: int) -> None:
        if not 0 <= index < len(self.layout.tiles):
            raise EditError(f"tiles[{index}]: no such tile (the layout has {len(self.layout.tiles)})")

    def _set_tile(self, index: int, **changes: Any) -> None:
        self._check_index(index)
        tiles = list(self.layout.tiles)
        tiles[index] = replace(tiles[index], **changes)
        self._apply(replace(self.layout, tiles=tuple(tiles)))

    def _apply(self, new: Layout) -> None:
        try:
            checked = parse_layout(new.to_dict(), self.layout.source or new.name)
        except LayoutError as exc:
            raise EditError(str(exc)) from None
        self._undo.append(self.layout)
        del self._undo[: -self._max_undo]
        self._redo.clear()
        self.layout = replace(checked, source=self.layout.source)


def file_stem(name: str) -> str:
    """A file name for a layout name: letters, digits, CJK, dash and underscore kept."""
    stem = re.sub(r"[^\w\-]+", "-", name, flags=re.UNICODE).strip("-")
    return stem or "layout"
