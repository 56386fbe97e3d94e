"""Checks a wall layout (one with ``"wall": {"width": W, "height": H}``) against the city 大屏 pattern.

The map at the centre of the wall, KPIs and trends on the wings left and right of it,
no hole in the grid (a black gap reads as a broken screen from across the room), and
no tile too small for wall-sized text (1.5 % of the height, ``console.gui.wall_scale``)
to fit its title and a number. Qt-free: ``city-console layout check`` runs it.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from console.layouts.layout import Layout, TileSpec

MAP_KINDS = frozenset({"map"})
_ASPECTS = {"32:9": Fraction(32, 9), "16:9": Fraction(16, 9), "48:9": Fraction(48, 9), "5:3": Fraction(5, 3)}
_HEADER_SHARE = 0.05  # of the height: the wall header above the grid
_MIN_TILE_TEXT_LINES = 4  # a tile holds at least its title, a number and a line beside them
_MIN_TILE_TEXT_COLUMNS = 12  # characters of wall-sized text across the narrowest tile


@dataclass(frozen=True)
class WallReport:
    aspect: str
    left: int  # tiles on the wing left of the map
    right: int
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        return f"wall {self.aspect}: map at the centre, {self.left} tiles left, {self.right} right"


def aspect_name(width: int, height: int) -> str:
    """``32:9`` for 7680x2160 (within 2 %), else the reduced ratio."""
    ratio = Fraction(width, height)
    for name, value in _ASPECTS.items():
        if abs(float(ratio / value) - 1) < 0.02:
            return name
    return f"{ratio.numerator}:{ratio.denominator}"


def _edges(stretch: tuple[int, ...], n: int) -> list[float]:
    weights = list(stretch) if stretch else [1] * n
    total, edges, acc = sum(weights), [0.0], 0
    for w in weights:
        acc += w
        edges.append(acc / total)
    return edges


def check_wall_layout(layout: Layout) -> WallReport:
    """What is wrong with ``layout`` as a wall layout (an empty ``problems`` when nothing)."""
    if layout.wall_size is None:
        return WallReport("—", 0, 0, ("wall: the layout names no wall size ({\"wall\": {\"width\": 7680, \"height\": 2160}})",))
    width, height = layout.wall_size
    xs, ys = _edges(layout.col_stretch, layout.columns), _edges(layout.row_stretch, layout.rows)
    problems: list[str] = []
    maps = [(i, t) for i, t in enumerate(layout.tiles) if t.kind in MAP_KINDS]
    left = right = 0
    if not maps:
        problems.append("tiles: a wall layout has a map at its centre; this one has no map tile")
    else:
        i, m = max(maps, key=lambda it: it[1].rowspan * it[1].colspan)
        x0, x1 = xs[m.col], xs[m.col + m.colspan]
        if not (x0 < 0.5 < x1) or not (ys[m.row] < 0.5 < ys[m.row + m.rowspan]):
            problems.append(f"tiles[{i}]: the map spans {x0:.0%}-{x1:.0%} of the width; the wall's centre must be on it")
        left = sum(1 for t in layout.tiles if xs[t.col + t.colspan] <= x0 + 1e-9)
        right = sum(1 for t in layout.tiles if xs[t.col] >= x1 - 1e-9)
        for side, n in (("left", left), ("right", right)):
            if n == 0:
                problems.append(f"tiles: nothing on the {side} wing of the map (KPIs and trends go on both wings)")
    taken = {(r, c) for t in layout.tiles for r in range(t.row, t.row + t.rowspan) for c in range(t.col, t.col + t.colspan)}
    holes = [(r, c) for r in range(layout.rows) for c in range(layout.columns) if (r, c) not in taken]
    if holes:
        problems.append(f"grid: {len(holes)} empty cells (first: row {holes[0][0]}, column {holes[0][1]}); a wall has no holes")
    text_px = height * 0.015
    body_h = height * (1 - _HEADER_SHARE)
    for i, t in enumerate(layout.tiles):
        w_px, h_px = _size(t, xs, ys, width, body_h)
        if w_px < text_px * _MIN_TILE_TEXT_COLUMNS or h_px < text_px * 1.4 * _MIN_TILE_TEXT_LINES:
            problems.append(f"tiles[{i}] ({t.kind}): {w_px:.0f}x{h_px:.0f} px on a {width}x{height} wall is too small "
                            f"for {text_px:.0f} px text")
    return WallReport(aspect_name(width, height), left, right, tuple(problems))


def _size(t: TileSpec, xs: list[float], ys: list[float], width: int, height: float) -> tuple[float, float]:
    return (xs[t.col + t.colspan] - xs[t.col]) * width, (ys[t.row + t.rowspan] - ys[t.row]) * height
