"""The wall configuration: which layout goes on which screen, the schedule, playlists, takeovers.

A TOML or JSON file (default ``wall.toml`` in the user's config dir), validated so
an error names the key (``screens[1].match.serial``). Screens are matched by what
the screen says it is (name, serial number, manufacturer, model), never by index:
the order of screens changes when a cable is re-plugged, their names do not.

    [[screens]]
    id = "left"
    match = { name = "HDMI-1" }        # or serial / manufacturer / model, all must match
    layout = "flood-overview"
    schedule = [ { at = "07:00", layout = "flood-overview" }, { at = "19:00", layout = "flood-map" } ]

    [[screens]]
    id = "wall"
    span = true                         # one window across the whole virtual desktop
    layout = "flood-map"
    scale = 2.0                         # font scale; default from the window's size

    [takeover]
    min_severity = 3
    screens = ["left"]
    return_after_s = 300
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


from console.data_file import check_schema, read_data_file

_CLOCK = {"type": "string", "pattern": r"^([01]\d|2[0-3]):[0-5]\d$"}

WALL_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["screens"],
    "properties": {
        "layouts_dir": {"type": "string"},
        "hotkeys": {"type": "array", "items": {"type": "string"}, "maxItems": 9},
        "screens": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["id"],
                "properties": {
                    "id": {"type": "string", "minLength": 1},
                    "match": {
                        "type": "object",
                        "additionalProperties": False,
                        "minProperties": 1,
                        "properties": {k: {"type": "string", "minLength": 1} for k in ("name", "serial", "manufacturer", "model")},
                    },
                    "span": {"type": "boolean"},
                    "fullscreen": {"type": "boolean"},
                    "layout": {"type": "string"},
                    "scale": {"type": "number", "minimum": 0.5, "maximum": 8},
                    "schedule": {
                        "type": "array",
                        "items": {
                            "type": "object", "additionalProperties": False, "required": ["at", "layout"],
                            "properties": {"at": _CLOCK, "layout": {"type": "string", "minLength": 1}},
                        },
                    },
                    "playlist": {"type": "string"},
                },
            },
        },
        "playlists": {
            "type": "object",
            "additionalProperties": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object", "additionalProperties": False, "required": ["layout"],
                    "properties": {"layout": {"type": "string", "minLength": 1}, "dwell_s": {"type": "number", "exclusiveMinimum": 0}},
                },
            },
        },
        "takeover": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "min_severity": {"type": "integer", "minimum": 1, "maximum": 4},
                "screens": {"type": "array", "items": {"type": "string"}},
                "return_after_s": {"type": "number", "minimum": 0},
                "layout": {"type": "string"},
                "steps": {"type": "array", "items": {"type": "string"}},
            },
        },
    },
}


class WallConfigError(ValueError):
    """A wall configuration that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class ScreenMatch:
    name: str | None = None
    serial: str | None = None
    manufacturer: str | None = None
    model: str | None = None

    def matches(self, screen: ScreenInfo) -> bool:
        wanted = {"name": self.name, "serial": self.serial, "manufacturer": self.manufacturer, "model": self.model}
        return all(getattr(screen, k) == v for k, v in wanted.items() if v is not None)


@dataclass(frozen=True)
class ScreenInfo:
    """What a connected screen says about itself (from QScreen)."""

    name: str
    serial: str = ""
    manufacturer: str = ""
    model: str = ""
    geometry: tuple[int, int, int, int] = (0, 0, 1920, 1080)  # x, y, width, height


@dataclass(frozen=True)
class ScheduleEntry:
    at_min: int  # minutes after midnight, local time
    layout: str


@dataclass(frozen=True)
class WallScreen:
    id: str
    match: ScreenMatch | None = None
    span: bool = False
    fullscreen: bool = True
    layout: str | None = None
    scale: float | None = None
    schedule: tuple[ScheduleEntry, ...] = ()
    playlist: str | None = None


@dataclass(frozen=True)
class PlaylistItem:
    layout: str
    dwell_s: float = 60.0


@dataclass(frozen=True)
class TakeoverConfig:
    min_severity: int = 3
    screens: tuple[str, ...] = ()  # empty: every screen
    return_after_s: float = 300.0
    layout: str | None = None  # a fixed layout; None builds one around the alarm's entity
    steps: tuple[str, ...] = ()


@dataclass(frozen=True)
class WallConfig:
    screens: tuple[WallScreen, ...]
    playlists: dict[str, tuple[PlaylistItem, ...]] = field(default_factory=dict)
    takeover: TakeoverConfig | None = None
    hotkeys: tuple[str, ...] = ()
    layouts_dir: str | None = None
    source: str = ""

    def screen(self, screen_id: str) -> WallScreen:
        return next(s for s in self.screens if s.id == screen_id)


def _minutes(text: str) -> int:
    h, m = text.split(":")
    return int(h) * 60 + int(m)


def parse_wall_config(data: Any, origin: str = "<wall>") -> WallConfig:
    """Validate wall configuration data; WallConfigError names ``origin`` and the key at fault."""
    check_schema(data, WALL_SCHEMA, origin, WallConfigError)
    screens = []
    for i, s in enumerate(data["screens"]):
        if not s.get("span") and "match" not in s:
            raise WallConfigError(f"{origin}: screens[{i}].match: a screen needs a match (name or serial) unless it spans the desktop")
        if any(x.id == s["id"] for x in screens):
            raise WallConfigError(f"{origin}: screens[{i}].id: {s['id']!r} is used twice")
        if s.get("playlist") and s["playlist"] not in data.get("playlists", {}):
            raise WallConfigError(f"{origin}: screens[{i}].playlist: no playlist named {s['playlist']!r}")
        schedule = tuple(sorted((ScheduleEntry(_minutes(e["at"]), e["layout"]) for e in s.get("schedule", ())), key=lambda e: e.at_min))
        screens.append(WallScreen(
            s["id"], ScreenMatch(**s["match"]) if "match" in s else None, bool(s.get("span", False)),
            bool(s.get("fullscreen", True)), s.get("layout"), s.get("scale"), schedule, s.get("playlist"),
        ))
    takeover = None
    if "takeover" in data:
        t = data["takeover"]
        ids = {s.id for s in screens}
        for j, sid in enumerate(t.get("screens", ())):
            if sid not in ids:
                raise WallConfigError(f"{origin}: takeover.screens[{j}]: no screen with id {sid!r}")
        takeover = TakeoverConfig(
            int(t.get("min_severity", 3)), tuple(t.get("screens", ())), float(t.get("return_after_s", 300)),
            t.get("layout"), tuple(t.get("steps", ())),
        )
    playlists = {
        name: tuple(PlaylistItem(it["layout"], float(it.get("dwell_s", 60))) for it in items)
        for name, items in data.get("playlists", {}).items()
    }
    return WallConfig(tuple(screens), playlists, takeover, tuple(data.get("hotkeys", ())), data.get("layouts_dir"), origin)


def load_wall_config(path: Path | str) -> WallConfig:
    """Read a .toml or .json wall configuration."""
    return parse_wall_config(read_data_file(path, WallConfigError, default="toml"), str(path))


def match_screens(config: WallConfig, screens: list[ScreenInfo]) -> dict[str, ScreenInfo | None]:
    """Which connected screen each configured screen is on (None: not connected now).

    A spanning screen takes the virtual desktop, reported as a ScreenInfo named "*"
    whose geometry is the union of all screens. A physical screen goes to one
    configured screen only, the first that asks for it.
    """
    out: dict[str, ScreenInfo | None] = {}
    taken: set[str] = set()
    for s in config.screens:
        if s.span:
            out[s.id] = virtual_desktop(screens) if screens else None
            continue
        hit = next((x for x in screens if x.name not in taken and s.match is not None and s.match.matches(x)), None)
        if hit is not None:
            taken.add(hit.name)
        out[s.id] = hit
    return out


def virtual_desktop(screens: list[ScreenInfo]) -> ScreenInfo:
    x0 = min(s.geometry[0] for s in screens)
    y0 = min(s.geometry[1] for s in screens)
    x1 = max(s.geometry[0] + s.geometry[2] for s in screens)
    y1 = max(s.geometry[1] + s.geometry[3] for s in screens)
    return ScreenInfo("*", geometry=(x0, y0, x1 - x0, y1 - y0))


def font_scale(width_px: int, height_px: int, configured: float | None = None) -> float:
    """How much larger than a desk monitor's the wall's text must be.

    Tiles are laid out for a 1080-line desk screen read from 60 cm (about 30° high).
    A wall about 2.5 m high read from 10 m is about 15° high, so a line of text needs
    roughly twice the share of the wall's height it has on the desk; we take 1.5x
    (tiles must still fit their text) per 1080 lines: 1920x1080 at a desk 1, a
    7680x2160 wall 3, 5760x3240 4.5. The screen's reported physical size is not
    used: wall controllers often report none or a made-up one. A configured scale
    wins (``scale = 1`` for a wall read from close by).
    """
    if configured:
        return float(configured)
    if height_px <= 1200:
        return 1.0
    return min(5.0, round(height_px / 1080 * 1.5 * 4) / 4)
