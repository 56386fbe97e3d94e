"""What each wall screen shows, decided without Qt: feed it time, alarms and operator input.

Each screen shows, in order of precedence:
1. an alarm takeover (an alarm of at least ``min_severity`` raised on an entity),
   until the alarm is acknowledged and ``return_after_s`` has passed, or the
   operator vetoes it from the desk;
2. what the operator chose (take control, hotkey, palette, a sent tile);
3. a running playlist (each item for its dwell time; hold pauses it);
4. the schedule (the last entry at or before the time of day);
5. the screen's configured layout.

Every input returns the Decisions that change what a screen shows; a driver turns
them into windows showing layouts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from console.city_time import city_time
from console.layouts.layout import Layout, TileSpec
from console.wall.takeover import tile_layout
from console.wall.wall_config import PlaylistItem, WallConfig, WallScreen

UNACKED = ("unack", "rtn_unack")


@dataclass(frozen=True)
class Decision:
    screen: str
    layout: str  # a layout name, or the name of ``generated``
    reason: str  # takeover | operator | tile | playlist | schedule | default
    # built for this decision (a takeover, a sent tile); not part of what makes two decisions equal
    generated: Layout | None = field(default=None, compare=False)
    alarm: Any = field(default=None, compare=False)  # the alarm behind a takeover


@dataclass
class _Takeover:
    alarm: Any
    layout: Layout | None
    acked_at: float | None = None


@dataclass
class _Playlist:
    name: str
    items: tuple[PlaylistItem, ...]
    index: int = 0
    started: float | None = None  # when the current item came up; None until the first tick
    held_since: float | None = None


@dataclass
class _Screen:
    config: WallScreen
    manual: Decision | None = None
    playlist: _Playlist | None = None
    takeover: _Takeover | None = None
    vetoed: set[int] = field(default_factory=set)
    shown: Decision | None = None


def local_minutes(now: float) -> int:
    """Minutes since the city's midnight (schedules are in the city's time)."""
    return city_time().minutes_of_day(now)


class WallSwitcher:
    """The switching state of every configured screen."""

    def __init__(
        self,
        config: WallConfig,
        layouts: Iterable[str],
        build_takeover: Callable[[Any], Layout] | None = None,
        minutes_of_day: Callable[[float], int] = local_minutes,
    ) -> None:
        self.config = config
        self.layouts = list(layouts)
        self.build_takeover = build_takeover
        self.minutes_of_day = minutes_of_day
        self.screens = {s.id: _Screen(s) for s in config.screens}
        self._done: set[int] = set()  # alarms whose takeover has run its course
        for s in self.screens.values():
            if s.config.playlist:
                s.playlist = _Playlist(s.config.playlist, config.playlists[s.config.playlist])

    # -- queries ---------------------------------------------------------------
    def current(self, screen: str, now: float) -> Decision:
        """What ``screen`` should show now."""
        s = self.screens[screen]
        if s.takeover is not None:
            t = s.takeover
            name = t.layout.name if t.layout else (self.config.takeover.layout or "")
            return Decision(screen, name, "takeover", t.layout, t.alarm)
        if s.manual is not None:
            return s.manual
        if s.playlist is not None:
            return Decision(screen, s.playlist.items[s.playlist.index].layout, "playlist")
        if s.config.schedule:
            minute = self.minutes_of_day(now)
            entry = next((e for e in reversed(s.config.schedule) if e.at_min <= minute), s.config.schedule[-1])
            return Decision(screen, entry.layout, "schedule")
        return Decision(screen, s.config.layout or (self.layouts[0] if self.layouts else ""), "default")

    def hotkey_layouts(self) -> list[str]:
        return list(self.config.hotkeys or self.layouts)[:9]

    def held(self, screen: str) -> bool:
        p = self.screens[screen].playlist
        return p is not None and p.held_since is not None

    def playlist_item(self, screen: str) -> tuple[str, int, str] | None:
        """(playlist, item number from 1, its layout) running on ``screen``, or None."""
        p = self.screens[screen].playlist
        return None if p is None else (p.name, p.index + 1, p.items[p.index].layout)

    def takeover_alarm(self, screen: str) -> Any:
        t = self.screens[screen].takeover
        return t.alarm if t else None

    # -- inputs ----------------------------------------------------------------
    def tick(self, now: float) -> list[Decision]:
        """Time passes: playlists advance, acknowledged takeovers time out."""
        for s in self.screens.values():
            p = s.playlist
            if p is not None and p.started is None:
                p.started = now
            elif p is not None and p.held_since is None and now - p.started >= p.items[p.index].dwell_s:
                p.index = (p.index + 1) % len(p.items)
                p.started = now
            t = s.takeover
            if t is not None and t.acked_at is not None and now - t.acked_at >= self._return_after():
                self._done.add(t.alarm.id)
                s.takeover = None
        return self._changes(now)

    def on_alarms(self, open_alarms: Iterable[Any], now: float) -> list[Decision]:
        """The open alarms changed: new ones may take screens, acknowledged ones start their timeout."""
        rule = self.config.takeover
        alarms = {a.id: a for a in open_alarms}
        for s in self.screens.values():
            t = s.takeover
            if t is not None and t.acked_at is None:
                a = alarms.get(t.alarm.id)
                if a is None or a.state not in UNACKED:
                    t.acked_at = now
                else:
                    t.alarm = a
        if rule is not None:
            fresh = sorted(
                (a for a in alarms.values() if a.severity >= rule.min_severity and a.state == "unack" and a.id not in self._done),
                key=lambda a: (a.severity, a.raised_ts),
            )
            for a in fresh:
                for s in self.screens.values():
                    if rule.screens and s.config.id not in rule.screens:
                        continue
                    if a.id in s.vetoed:
                        continue
                    t = s.takeover
                    if t is None or (t.alarm.id != a.id and (a.severity > t.alarm.severity or t.acked_at is not None)):
                        s.takeover = _Takeover(a, self.build_takeover(a) if self.build_takeover and not rule.layout else None)
        return self._changes(now)

    def take_control(self, screen: str, layout: str, now: float) -> list[Decision]:
        """The operator puts a layout on a screen; it stays until released (takeovers still win)."""
        if layout not in self.layouts:
            raise ValueError(f"no layout named {layout!r} (known: {', '.join(self.layouts)})")
        self.screens[screen].manual = Decision(screen, layout, "operator")
        return self._changes(now)

    def send_tile(self, screen: str, spec: TileSpec, now: float) -> list[Decision]:
        """One tile, big, on a screen."""
        lay = tile_layout(spec)
        self.screens[screen].manual = Decision(screen, lay.name, "tile", lay)
        return self._changes(now)

    def release(self, screen: str, now: float) -> list[Decision]:
        """Back to the playlist or the schedule."""
        self.screens[screen].manual = None
        return self._changes(now)

    def hotkey(self, screen: str, n: int, now: float) -> list[Decision]:
        names = self.hotkey_layouts()
        if not 1 <= n <= len(names):
            return []
        return self.take_control(screen, names[n - 1], now)

    def play(self, screen: str, playlist: str, now: float) -> list[Decision]:
        if playlist not in self.config.playlists:
            raise ValueError(f"no playlist named {playlist!r}")
        s = self.screens[screen]
        s.playlist = _Playlist(playlist, self.config.playlists[playlist], 0, now)
        s.manual = None
        return self._changes(now)

    def stop_playlist(self, screen: str, now: float) -> list[Decision]:
        self.screens[screen].playlist = None
        return self._changes(now)

    def toggle_hold(self, screen: str, now: float) -> list[Decision]:
        """Pause the playlist on its current item, or resume it (the item's remaining dwell kept)."""
        p = self.screens[screen].playlist
        if p is None:
            return []
        if p.held_since is None:
            p.held_since = now
        else:
            p.started = (p.started or p.held_since) + now - p.held_since
            p.held_since = None
        return self._changes(now)

    def step(self, screen: str, delta: int, now: float) -> list[Decision]:
        """The playlist's next (``delta`` 1) or previous (-1) item, now, with its full dwell;
        a held playlist stays held, on the new item."""
        p = self.screens[screen].playlist
        if p is None:
            return []
        p.index = (p.index + delta) % len(p.items)
        p.started = now
        if p.held_since is not None:
            p.held_since = now
        return self._changes(now)

    def veto(self, screen: str, now: float) -> list[Decision]:
        """The operator refuses the takeover on a screen: this alarm will not take it again."""
        s = self.screens[screen]
        if s.takeover is not None:
            s.vetoed.add(s.takeover.alarm.id)
            s.takeover = None
        return self._changes(now)

    def set_layouts(self, names: Iterable[str]) -> None:
        self.layouts = list(names)

    # -- internals -------------------------------------------------------------
    def _return_after(self) -> float:
        return self.config.takeover.return_after_s if self.config.takeover else 0.0

    def _changes(self, now: float) -> list[Decision]:
        out = []
        for sid, s in self.screens.items():
            d = self.current(sid, now)
            if d != s.shown:
                s.shown = d
                out.append(d)
        return out
