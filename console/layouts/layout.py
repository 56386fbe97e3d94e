"""Layout files: a grid of tiles placed by row, column and span. JSON or TOML.

A file that fails validation raises LayoutError naming the file and the bad key
(``tiles[2].rowspan``); the caller keeps what is on screen or falls back to the
default. A tile whose kind no plugin provides is not an error here: the wall shows
a placeholder saying which plugin is missing, and the layout still saves intact.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


from console.data_file import check_schema, read_data_file

LAYOUT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["name", "grid", "tiles"],
    "additionalProperties": False,
    "properties": {
        "name": {"type": "string", "minLength": 1},
        "title": {"type": "string"},
        "version": {"type": "integer", "minimum": 1},
        # a wall layout names the screen it is made for (console.layouts.wall_check checks it)
        "wall": {
            "type": "object",
            "required": ["width", "height"],
            "additionalProperties": False,
            "properties": {"width": {"type": "integer", "minimum": 640}, "height": {"type": "integer", "minimum": 480}},
        },
        "grid": {
            "type": "object",
            "required": ["rows", "columns"],
            "additionalProperties": False,
            "properties": {
                "rows": {"type": "integer", "minimum": 1, "maximum": 24},
                "columns": {"type": "integer", "minimum": 1, "maximum": 24},
                "row_stretch": {"type": "array", "items": {"type": "integer", "minimum": 1}},
                "col_stretch": {"type": "array", "items": {"type": "integer", "minimum": 1}},
            },
        },
        "tiles": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["kind", "row", "col"],
                "additionalProperties": False,
                "properties": {
                    "kind": {"type": "string", "minLength": 1},
                    "row": {"type": "integer", "minimum": 0},
                    "col": {"type": "integer", "minimum": 0},
                    "rowspan": {"type": "integer", "minimum": 1},
                    "colspan": {"type": "integer", "minimum": 1},
                    "title": {"type": "string"},
                    "options": {"type": "object"},
                },
            },
        },
    },
}


class LayoutError(ValueError):
    """A layout that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class TileSpec:
    kind: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    title: str = ""
    options: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"kind": self.kind, "row": self.row, "col": self.col}
        if self.rowspan != 1:
            d["rowspan"] = self.rowspan
        if self.colspan != 1:
            d["colspan"] = self.colspan
        if self.title:
            d["title"] = self.title
        if self.options:
            d["options"] = self.options
        return d


@dataclass(frozen=True)
class Layout:
    name: str
    rows: int
    columns: int
    tiles: tuple[TileSpec, ...]
    title: str = ""
    source: str = ""
    row_stretch: tuple[int, ...] = ()
    col_stretch: tuple[int, ...] = ()
    wall_size: tuple[int, int] | None = None  # (width, height) of the wall screen a wall layout is made for

    def to_dict(self) -> dict[str, Any]:
        grid: dict[str, Any] = {"rows": self.rows, "columns": self.columns}
        if self.row_stretch:
            grid["row_stretch"] = list(self.row_stretch)
        if self.col_stretch:
            grid["col_stretch"] = list(self.col_stretch)
        out: dict[str, Any] = {"name": self.name, "title": self.title, "version": 1}
        if self.wall_size is not None:
            out["wall"] = {"width": self.wall_size[0], "height": self.wall_size[1]}
        return out | {"grid": grid, "tiles": [t.to_dict() for t in self.tiles]}


def parse_layout(data: Any, origin: str = "<layout>") -> Layout:
    """Validate layout data; LayoutError names ``origin`` and the key at fault."""
    check_schema(data, LAYOUT_SCHEMA, origin, LayoutError)
    grid = data["grid"]
    rows, cols = grid["rows"], grid["columns"]
    for key, n in (("row_stretch", rows), ("col_stretch", cols)):
        if key in grid and len(grid[key]) != n:
            raise LayoutError(f"{origin}: grid.{key}: has {len(grid[key])} entries for {n} {key[:3]}s")
    tiles = []
    taken: dict[tuple[int, int], int] = {}
    for i, t in enumerate(data["tiles"]):
        spec = TileSpec(
            t["kind"], t["row"], t["col"], t.get("rowspan", 1), t.get("colspan", 1), t.get("title", ""),
            dict(t.get("options", {})),
        )
        if spec.row + spec.rowspan > rows:
            raise LayoutError(f"{origin}: tiles[{i}].rowspan: rows {spec.row}-{spec.row + spec.rowspan - 1} fall outside a grid of {rows} rows")
        if spec.col + spec.colspan > cols:
            raise LayoutError(f"{origin}: tiles[{i}].colspan: columns {spec.col}-{spec.col + spec.colspan - 1} fall outside a grid of {cols} columns")
        for r in range(spec.row, spec.row + spec.rowspan):
            for c in range(spec.col, spec.col + spec.colspan):
                if (r, c) in taken:
                    raise LayoutError(f"{origin}: tiles[{i}]: overlaps tiles[{taken[(r, c)]}] at row {r}, column {c}")
                taken[(r, c)] = i
        tiles.append(spec)
    return Layout(
        data["name"], rows, cols, tuple(tiles), data.get("title", ""), origin,
        tuple(grid.get("row_stretch", ())), tuple(grid.get("col_stretch", ())),
        (data["wall"]["width"], data["wall"]["height"]) if "wall" in data else None,
    )


def load_layout(path: Path | str) -> Layout:
    """Read a .json or .toml layout file."""
    return parse_layout(read_data_file(path, LayoutError), str(path))


def save_layout(layout: Layout, path: Path | str) -> None:
    """Write a layout as JSON, atomically: a crash mid-write never leaves half a file."""
    path = Path(path)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(layout.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8")
    tmp.replace(path)
