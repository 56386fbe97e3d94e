"""The data model: readings, streams, entities. Plain data, no Qt, no I/O."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any, NamedTuple


class Quality(enum.IntEnum):
    """How far a value can be trusted. Stored as an integer in the cache."""

    OK = 0
    STALE = 1  # a value that was good when received but is older than expected
    BAD = 2  # the source flagged it (sensor fault, out of range)
    NO_DATA = 3  # nothing received at all


class Reading(NamedTuple):
    """One value of one stream at one time (seconds since the epoch, UTC)."""

    stream: str
    ts: float
    value: float
    quality: int = Quality.OK


@dataclass(frozen=True)
class StreamSpec:
    """A stream an entity owns: its id path, unit and expected reporting interval."""

    id: str
    name: str
    unit: str = ""
    expected_interval_s: float = 60.0
    decimals: int | None = None  # how its values are written (console.figures): 0 for counts; None: 2


@dataclass(frozen=True)
class Entity:
    """Something the centre watches: a gauge, a camera, a car park, a transformer."""

    id: str
    kind: str
    name: str
    lat: float | None = None
    lon: float | None = None
    attrs: dict[str, Any] = field(default_factory=dict)
    streams: tuple[StreamSpec, ...] = ()

    @property
    def has_position(self) -> bool:
        return self.lat is not None and self.lon is not None


def entity_record(e: Entity) -> list[Any]:
    """An entity as JSON-able data (the cache's entities table and the centre's broker hold this)."""
    return [e.id, e.kind, e.name, e.lat, e.lon, e.attrs, [s.__dict__ for s in e.streams]]


def entity_from_record(rec: list[Any]) -> Entity:
    eid, kind, name, lat, lon, attrs, streams = rec
    return Entity(eid, kind, name, lat, lon, attrs or {}, tuple(StreamSpec(**s) for s in streams or ()))


def stream_id(*parts: str) -> str:
    """Join path parts into a stream id: ``flood/gauge/MH-03/level``."""
    return "/".join(p.strip("/") for p in parts)
