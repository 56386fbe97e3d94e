"""Real alarms for the wall's switching and tour tests (console.alarms.engine.Alarm itself: a
stand-in with fields the real one lacks once hid a bug here)."""

from __future__ import annotations

from console.alarms.engine import Alarm


def wall_alarm(id: int, entity_id: str, stream: str, severity: int, state: str = "unack",
               message: str = "MH-03 超警戒水位 above warning level", raised_ts: float = 0.0,
               rule: str = "flood.above_warning", value: float | None = None) -> Alarm:
    """A real Alarm as the engine makes one (the fields it does not set keep their defaults)."""
    return Alarm(id, rule, stream, entity_id, severity, state, message, value, raised_ts)


def stream_alarm(id: int, stream: str, severity: int, raised_ts: float, state: str = "unack",
                 message: str = "MH-03 超保证水位") -> Alarm:
    """A real Alarm on a stream whose entity is the stream's third part (flood/gauge/MH-03/level: MH-03)."""
    parts = stream.split("/")
    return wall_alarm(id, parts[2] if len(parts) > 2 else stream, stream, severity, state, message, raised_ts)
