"""Checking and encoding the operator-editable fields of tasks and milestones."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from typing import Any

from console.city_time import city_time
from plugins.taskboard.model import AREAS, EDITABLE_FIELDS, Status

MILESTONE_FIELDS: tuple[str, ...] = ("due", "done")


def coerce(field: str, value: Any) -> Any:
    """The value in its model type, or ValueError naming the field."""
    if field not in EDITABLE_FIELDS and field not in MILESTONE_FIELDS:
        raise ValueError(f"{field!r} is not editable; editable: {', '.join(EDITABLE_FIELDS)}")
    try:
        if field == "status":
            return value if isinstance(value, Status) else Status(value)
        if field == "due":
            if value in (None, ""):
                return None
            return value if isinstance(value, date) else date.fromisoformat(str(value))
        if field == "progress":
            progress = int(value)
            if not 0 <= progress <= 100:
                raise ValueError("must be 0..100")
            return progress
        if field == "weight":
            weight = float(value)
            if weight < 0:
                raise ValueError("must be >= 0")
            return weight
        if field == "evidence":
            return [str(v) for v in ([value] if isinstance(value, str) else value)]
        if field == "area":
            if value in (None, ""):
                return None
            if value not in AREAS:
                raise ValueError(f"must be one of {', '.join(AREAS)}")
            return value
        if field == "done":
            return bool(value)
        return "" if value is None else str(value)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{field}: {value!r}: {exc}") from None


def encode(value: Any) -> str:
    """JSON for the audit's old/new columns."""
    if isinstance(value, date):
        value = value.isoformat()
    return json.dumps(value, ensure_ascii=False)


def decode(field: str, text: str | None) -> Any:
    if text is None:
        return None
    return coerce(field, json.loads(text)) if field in EDITABLE_FIELDS + MILESTONE_FIELDS else json.loads(text)


def to_utc_text(at: datetime) -> str:
    """Sortable text; a naive time is taken as Beijing time."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=city_time().zone)  # a naive time is the city's
    return at.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def from_utc_text(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc)
