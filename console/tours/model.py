"""Tour files: steps with a layout, a focus, a caption in Chinese and English, a duration
and scenario events. JSON or TOML, validated; an error names the file and the bad key
(``steps[2].duration_s``), like layout files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


from console.data_file import check_schema, read_data_file
from console.languages import normalize_lang

_FOCUS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "tile": {"type": "integer", "minimum": 0},  # index in the layout's tiles
        "tile_kind": {"type": "string", "minLength": 1},  # the first tile of this kind
        "entity": {"type": "string", "minLength": 1},  # the map flies to it
        "view": {  # the map shows this view
            "type": "object",
            "required": ["center"],
            "additionalProperties": False,
            "properties": {
                "center": {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2},
                "zoom": {"type": "number", "minimum": 3, "maximum": 18},
            },
        },
    },
}

STEP_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["caption_zh", "caption_en", "duration_s"],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "string"},
        # a layout name, names to try in order, or the first layout holding a tile of a kind
        "layout": {
            "oneOf": [
                {"type": "string", "minLength": 1},
                {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
                {
                    "type": "object",
                    "required": ["with_tile"],
                    "additionalProperties": False,
                    "properties": {"with_tile": {"type": "array", "items": {"type": "string"}, "minItems": 1}},
                },
            ]
        },
        "caption_zh": {"type": "string", "minLength": 1},
        "caption_en": {"type": "string", "minLength": 1},
        "duration_s": {"type": "number", "exclusiveMinimum": 0, "maximum": 600},
        "focus": _FOCUS_SCHEMA,
        "events": {
            "type": "array",
            "items": {"type": "object", "required": ["type"], "properties": {"type": {"type": "string", "minLength": 1}}},
        },
        # fast-forward simulated time at the start of the step (a rise that takes hours, in a minute)
        "advance_s": {"type": "number", "minimum": 0, "maximum": 86400},
        # the cities whose default tour has the step (a plugin whose data ships for some only)
        "cities": {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
    },
}

TOUR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["name", "steps"],
    "additionalProperties": False,
    "properties": {
        "name": {"type": "string", "minLength": 1},
        "title_zh": {"type": "string"},
        "title_en": {"type": "string"},
        "version": {"type": "integer", "minimum": 1},
        "loop": {"type": "boolean"},
        "attract_s": {"type": "number", "minimum": 0, "maximum": 600},
        "steps": {"type": "array", "minItems": 1, "items": STEP_SCHEMA},
    },
}


class TourError(ValueError):
    """A tour that cannot be played; the message names the file and the key."""


@dataclass(frozen=True)
class TourStep:
    caption_zh: str
    caption_en: str
    duration_s: float
    layout: str | tuple[str, ...] | dict[str, Any] | None = None
    focus: dict[str, Any] = field(default_factory=dict)
    events: tuple[dict[str, Any], ...] = ()
    advance_s: float = 0.0
    id: str = ""
    cities: tuple[str, ...] = ()  # () : every city's

    def caption(self, lang: str) -> tuple[str, str]:
        """(main line, second line) for an interface language: one language shows one line
        (the other if its own is missing), ``zh+en`` both (console.languages)."""
        lang = normalize_lang(lang)
        if lang == "en":
            return self.caption_en or self.caption_zh, ""
        if lang == "zh":
            return self.caption_zh or self.caption_en, ""
        return self.caption_zh, self.caption_en


@dataclass(frozen=True)
class Tour:
    name: str
    steps: tuple[TourStep, ...]
    title_zh: str = ""
    title_en: str = ""
    loop: bool = True
    attract_s: float = 15.0

    @property
    def duration_s(self) -> float:
        """One pass through the steps (the attract screen not counted)."""
        return sum(s.duration_s for s in self.steps)


def _check(schema: dict[str, Any], data: Any, origin: str) -> None:
    check_schema(data, schema, origin, TourError)


def parse_step(data: Any, origin: str = "<step>") -> TourStep:
    _check(STEP_SCHEMA, data, origin)
    layout = data.get("layout")
    return TourStep(
        caption_zh=data["caption_zh"],
        caption_en=data["caption_en"],
        duration_s=float(data["duration_s"]),
        layout=tuple(layout) if isinstance(layout, list) else layout,
        focus=dict(data.get("focus", {})),
        events=tuple(dict(e) for e in data.get("events", ())),
        advance_s=float(data.get("advance_s", 0.0)),
        id=data.get("id", ""),
        cities=tuple(data.get("cities", ())),
    )


def parse_tour(data: Any, origin: str = "<tour>") -> Tour:
    """Validate tour data; TourError names ``origin`` and the key at fault."""
    _check(TOUR_SCHEMA, data, origin)
    steps = tuple(parse_step(s, f"{origin}: steps[{i}]") for i, s in enumerate(data["steps"]))
    return Tour(
        name=data["name"], steps=steps, title_zh=data.get("title_zh", ""), title_en=data.get("title_en", ""),
        loop=data.get("loop", True), attract_s=float(data.get("attract_s", 15.0)),
    )


def read_data(path: Path) -> Any:
    """The parsed content of a .json or .toml file; TourError on unreadable or invalid text."""
    return read_data_file(path, TourError)


def load_tour(path: Path | str) -> Tour:
    path = Path(path)
    return parse_tour(read_data(path), str(path))
