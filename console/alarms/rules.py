"""Alarm rules, declared as data by plugins and compiled here.

``threshold``: a value beyond a limit (a number, or ``attr:NAME`` of the stream's
entity) for ``delay_s`` raises; it clears only once back past the limit by
``deadband`` (no chattering at the line). ``stale``: no reading for
``after_intervals`` expected intervals.

Priorities are China's four warning levels (预警级别), severity 1..4: blue 蓝色,
yellow 黄色, orange 橙色, red 红色. ``guidance`` is the response: the steps an
operator takes, shown with the alarm. ``suppressed_by`` names a rule whose active
alarm on the same stream suppresses this one by design (ISA-18.2): while a gauge is
above its guarantee level, its warning-level alarm says nothing new.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass
from typing import Any

SEVERITIES = {1: "low", 2: "medium", 3: "high", 4: "critical"}


@dataclass(frozen=True)
class Level:
    """A warning level: how a priority is named in Chinese and English, and its colour name."""

    severity: int
    colour: str
    zh: str
    en: str


LEVELS = {
    1: Level(1, "blue", "蓝色", "Blue"),
    2: Level(2, "yellow", "黄色", "Yellow"),
    3: Level(3, "orange", "橙色", "Orange"),
    4: Level(4, "red", "红色", "Red"),
}


class RuleError(ValueError):
    pass


@dataclass(frozen=True)
class Rule:
    id: str
    type: str  # threshold | stale
    streams: str  # glob over stream ids
    severity: int
    message: str
    limit: float | str | None = None  # number or "attr:NAME"
    direction: str = "above"
    deadband: float = 0.0
    delay_s: float = 0.0
    after_intervals: float = 5.0
    guidance: tuple[str, ...] = ()  # response steps, in order
    suppressed_by: str | None = None  # a rule id: its active alarm on the same stream suppresses this one
    title: str = ""  # what the rule watches for, as an operator says it: shown wherever the rule is named, never the id
    inclusive: bool = False  # the limit itself is beyond it (>= rather than >)
    incident_plan: str | None = None  # the plan id an incident opened from its alarm takes (console.incidents)

    def matches(self, stream: str) -> bool:
        return _glob(self.streams).match(stream) is not None

    def limit_for(self, attrs: dict[str, Any]) -> float | None:
        if isinstance(self.limit, str):
            value = attrs.get(self.limit.removeprefix("attr:"))
            return None if value is None else float(value)
        return self.limit

    def beyond(self, value: float, limit: float) -> bool:
        if self.inclusive:  # "at 80 % of capacity" counts 80 % itself
            return value >= limit if self.direction == "above" else value <= limit
        return value > limit if self.direction == "above" else value < limit

    def back(self, value: float, limit: float) -> bool:
        """True once the value has returned past the limit by the deadband."""
        if self.direction == "above":
            return value < limit - self.deadband
        return value > limit + self.deadband


_GLOBS: dict[str, re.Pattern] = {}


def _glob(pattern: str) -> re.Pattern:
    rx = _GLOBS.get(pattern)
    if rx is None:
        rx = _GLOBS[pattern] = re.compile(fnmatch.translate(pattern))
    return rx


def _title_from_message(message: str) -> str:
    """What a rule without a title is called on screen: its message without the fields and
    the figures after a colon (``"{name} 过载 overloaded: {value} kW"`` -> ``"过载 overloaded"``),
    so a rule id never reaches an operator."""
    words = re.sub(r"\{[^{}]*\}", " ", message.split(":", 1)[0])
    return " ".join(words.split()).strip(" ·:,")


def compile_rule(data: dict[str, Any], origin: str = "") -> Rule:
    """Turn a rule's data into a Rule; the error names the rule and the bad key."""
    where = f"{origin}: rule {data.get('id', '?')!r}"
    try:
        rule = Rule(
            id=str(data["id"]),
            type=str(data["type"]),
            streams=str(data["streams"]),
            severity=int(data.get("severity", 2)),
            message=str(data.get("message", "{rule} on {stream}")),
            limit=data.get("limit"),
            direction=str(data.get("direction", "above")),
            deadband=float(data.get("deadband", 0.0)),
            delay_s=float(data.get("delay_s", 0.0)),
            after_intervals=float(data.get("after_intervals", 5.0)),
            guidance=tuple(str(step) for step in data.get("guidance", ())),
            suppressed_by=None if data.get("suppressed_by") is None else str(data["suppressed_by"]),
            title=str(data.get("title") or _title_from_message(str(data.get("message", ""))) or data["id"]),
            inclusive=bool(data.get("inclusive", False)),
            incident_plan=None if data.get("incident_plan") is None else str(data["incident_plan"]),
        )
    except KeyError as exc:
        raise RuleError(f"{where}: missing key {exc.args[0]!r}") from None
    except (TypeError, ValueError) as exc:
        raise RuleError(f"{where}: {exc}") from None
    if rule.type not in ("threshold", "stale"):
        raise RuleError(f"{where}: type must be 'threshold' or 'stale', not {rule.type!r}")
    if rule.severity not in SEVERITIES:
        raise RuleError(f"{where}: severity must be 1-4, not {rule.severity}")
    if isinstance(data.get("guidance", ()), str):
        raise RuleError(f"{where}: guidance must be a list of steps, not one string")
    if rule.suppressed_by == rule.id:
        raise RuleError(f"{where}: a rule cannot suppress itself")
    if rule.type == "threshold":
        if rule.limit is None:
            raise RuleError(f"{where}: a threshold rule needs 'limit'")
        if isinstance(rule.limit, str) and not rule.limit.startswith("attr:"):
            raise RuleError(f"{where}: limit must be a number or 'attr:NAME', not {rule.limit!r}")
        if rule.direction not in ("above", "below"):
            raise RuleError(f"{where}: direction must be 'above' or 'below'")
    return rule
