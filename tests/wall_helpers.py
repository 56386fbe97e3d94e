"""A stand-in for an alarm, for the wall's switching tests (only the fields switching reads)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class FakeAlarm:
    id: int
    entity_id: str
    stream: str
    severity: int
    state: str = "unack"
    message: str = "MH-03 超警戒水位 above warning level"
    raised_ts: float = 0.0
