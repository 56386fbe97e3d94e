"""What a desk shows of the centre's other walls: each wall console's retained state (what its
screens show) joined with the members list (online or not), as plain data. Qt-free."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from console.centre.mirror import Member


@dataclass(frozen=True)
class RemoteScreen:
    name: str
    layout: str | None
    reason: str | None  # schedule | operator | tile | takeover | playlist ...
    held: bool
    playlist: str | None


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
    return RemoteScreen(str(name), s.get("layout"), s.get("reason"), bool(s.get("held")), s.get("playlist"))
