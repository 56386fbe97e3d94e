"""What a desk shows of the centre's other walls: each wall console's retained state (what its
screens show) joined with the members list (online or not), as plain data. Qt-free."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from console.centre.mirror import Member
from console.layouts.layout import Layout

Box = tuple[int, int, int, int, str]  # row, column, rowspan, colspan, tile kind


@dataclass(frozen=True)
class RemoteScreen:
    name: str
    layout: str | None
    reason: str | None  # schedule | operator | tile | takeover | playlist ...
    held: bool
    playlist: str | None
    rows: int = 0  # the layout's grid as the wall said it (0: not said), so a desk draws it without the file
    columns: int = 0
    boxes: tuple[Box, ...] = ()
    title: str = ""  # the layout's title as the wall has it (a sent tile's, a takeover's: in no file here)


def grid_of(layout: Layout | None) -> dict | None:
    """A layout's grid for the wall's retained state: enough to draw it small at another desk."""
    if layout is None:
        return None
    return {"rows": layout.rows, "columns": layout.columns, "title": str(layout.title or ""),
            "tiles": [[t.row, t.col, t.rowspan, t.colspan, t.kind] for t in layout.tiles]}


@dataclass(frozen=True)
class RemoteWall:
    console: str
    online: bool
    listed: bool  # False: the centre has no status for it (a state retained, its console unknown)
    screens: tuple[RemoteScreen, ...]
    ts: float | None  # when the wall last said what it shows


def remote_walls(walls: Mapping[str, dict], members: Iterable[Member], me: str | None = None) -> list[RemoteWall]:
    """Every wall console but ``me``, online ones first, then by name."""
    by_name = {m.name: m for m in members}
    out = []
    for console, state in walls.items():
        if console == me or not isinstance(state, dict):
            continue
        screens = state.get("screens") if isinstance(state.get("screens"), dict) else {}
        member = by_name.get(console)
        out.append(RemoteWall(
            console, bool(member and member.online), member is not None,
            tuple(_screen(name, s if isinstance(s, dict) else {}) for name, s in screens.items()),
            state.get("ts") if isinstance(state.get("ts"), (int, float)) else None))
    return sorted(out, key=lambda w: (not w.online, w.console))


def _screen(name: str, s: dict) -> RemoteScreen:
    grid = s.get("grid") if isinstance(s.get("grid"), dict) else {}
    try:
        rows, columns = int(grid.get("rows", 0)), int(grid.get("columns", 0))
        boxes = tuple((int(r), int(c), int(rs), int(cs), str(k)) for r, c, rs, cs, k in grid.get("tiles", ()))
    except (TypeError, ValueError):  # a wall of another version: drawn without its grid
        rows, columns, boxes = 0, 0, ()
    return RemoteScreen(str(name), s.get("layout"), s.get("reason"), bool(s.get("held")), s.get("playlist"),
                        rows, columns, boxes, str(grid.get("title") or ""))
