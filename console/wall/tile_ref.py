"""A tile named in words, for a wall command from elsewhere (``wall send CONSOLE tile flood-overview/3``):
``LAYOUT/N`` is the layout's N-th tile (from 1, in the file's order), ``LAYOUT/WORD`` its first
tile whose kind or title is WORD."""

from __future__ import annotations

from collections.abc import Mapping

from console.layouts.layout import Layout, TileSpec


def find_tile(layouts: Mapping[str, Layout], ref: str) -> TileSpec:
    """The tile ``ref`` names; ValueError saying what is wrong (and what there is) when none."""
    name, sep, which = ref.partition("/")
    if not sep or not which:
        raise ValueError(f"a tile is named LAYOUT/N or LAYOUT/KIND, not {ref!r}")
    layout = layouts.get(name)
    if layout is None:
        raise ValueError(f"no layout {name!r}")
    tiles = layout.tiles
    if which.isdigit():
        n = int(which)
        if 1 <= n <= len(tiles):
            return tiles[n - 1]
        raise ValueError(f"layout {name!r} has {len(tiles)} tiles, no tile {n}")
    for t in tiles:
        if which in (t.kind, t.title):
            return t
    kinds = ", ".join(dict.fromkeys(t.kind for t in tiles))
    raise ValueError(f"layout {name!r} has no tile {which!r} (kinds: {kinds})")
