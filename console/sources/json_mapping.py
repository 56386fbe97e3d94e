"""From a platform's JSON to readings and entities, with jmespath expressions as configuration.

A mapping names where the items are, and in each item the entity id, the time, the
value(s), and optionally a name and a position. Stream and entity ids come from
templates (``flood/gauge/{id}/{value}``), so an existing platform's JSON feeds the
console with configuration only.

An item that cannot be read is counted by reason and never turned into a plausible
value: a value of ``"n/a"``, ``true``, ``NaN`` or ``{}`` gives no reading (not 0), a
missing time gives no reading (not "now"), unless the mapping says the time is the
time of receipt by leaving ``time`` out.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any
from zoneinfo import ZoneInfo

import jmespath
from jmespath.exceptions import JMESPathError

from console.geo import CrsError, check_crs, to_wgs84
from console.model import Entity, Reading, StreamSpec

_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_EARLIEST = 946684800.0  # 2000-01-01: older "times" are unset clocks or wrong units
_FUTURE_SLACK_S = 300.0  # a device clock more than 5 minutes ahead is wrong, not early (the hub's skew)
_MS_ABOVE = 1e11  # epoch seconds stay below this until the year 5138


class MappingError(ValueError):
    """A mapping that cannot be compiled; the message names the key."""


@dataclass
class MappingResult:
    """What one document gave: readings, entities seen, and bad items by reason."""

    readings: list[Reading] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    items: int = 0
    bad: Counter = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)

    def reject(self, reason: str, detail: str) -> None:
        self.bad[reason] += 1
        if len(self.examples) < 3:
            self.examples.append(f"{reason}: {detail[:120]}")


def fill(template: str, values: dict[str, str]) -> str:
    """``flood/gauge/{id}/{value}`` with the placeholders replaced. KeyError if one is unknown."""
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


def placeholders(template: str) -> set[str]:
    return set(_PLACEHOLDER.findall(template))


def template_prefix(template: str) -> str:
    """The fixed start of a template: every stream it makes starts with this."""
    return template.split("{", 1)[0]


def to_number(v: Any) -> float | None:
    """A finite float from a JSON number or numeric string; None for anything else."""
    if isinstance(v, bool):
        return None  # true is not 1.0 m of water
    try:
        if isinstance(v, (int, float)):
            f = float(v)
        elif isinstance(v, str):
            f = float(v.strip())
        else:
            return None
    except (ValueError, OverflowError):
        return None
    return f if math.isfinite(f) else None


#: the local time formats Chinese platforms send besides ISO 8601 (read in the mapping's zone)
_LOCAL_FORMATS = (
    "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y/%m/%d", "%Y.%m.%d %H:%M:%S", "%Y.%m.%d",
    "%Y年%m月%d日 %H:%M:%S", "%Y年%m月%d日 %H时%M分%S秒", "%Y年%m月%d日 %H:%M", "%Y年%m月%d日",
)
#: digits only: yyyyMMddHHmmss, yyyyMMddHHmm, yyyyMMdd (as epoch ms these would be centuries ahead)
_COMPACT_FORMATS = {14: "%Y%m%d%H%M%S", 12: "%Y%m%d%H%M", 8: "%Y%m%d"}
_SLASH_DATE = re.compile(r"^\d{4}/\d{1,2}/\d{1,2}(?:\s|$)")


def _local_datetime(text: str) -> datetime | None:
    """A date-time in one of the platforms' local formats, or None."""
    fmts = (_COMPACT_FORMATS[len(text)],) if text.isdigit() and len(text) in _COMPACT_FORMATS else _LOCAL_FORMATS
    for fmt in fmts:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


def to_epoch(v: Any, unit: str = "auto", tz: timezone | ZoneInfo = timezone.utc) -> float | None:
    """Seconds since the epoch from a number (s or ms), an ISO 8601 string or a common Chinese
    local format (``2024/06/01 12:00:00``, ``2024-06-01 12:00``, ``20240601120000``,
    ``2024年06月01日 12:00``); None if unreadable.

    A string without a zone is read in ``tz`` (platforms in China often send local time).
    """
    if isinstance(v, int) and not isinstance(v, bool) and unit == "auto" and len(str(v)) in (12, 14):
        v = str(v)  # 20240601120000 as a JSON number: a compact date-time, not epoch ms
    if isinstance(v, str) and unit in ("auto", "iso"):
        text = v.strip()
        compact = text.isdigit() and len(text) in (12, 14)
        dt = _local_datetime(text) if compact or not text.isdigit() else None
        if dt is None and compact:
            return None  # 14 digits that are no date: as epoch ms it would be centuries ahead
        if dt is None and unit == "auto" and to_number(text) is not None:
            return to_epoch(to_number(text), unit, tz)
        if dt is None:
            if "/" in text and not _SLASH_DATE.match(text):  # an ISO interval (SensorThings phenomenonTime): its end
                text = text.rsplit("/", 1)[1]
            try:
                dt = datetime.fromisoformat(text)
            except ValueError:
                dt = _local_datetime(text)
                if dt is None:
                    return None
        if dt.tzinfo is None:
            dt = dt.replace(tzinfo=tz)
        try:
            return dt.timestamp()
        except (OverflowError, ValueError):
            return None
    n = to_number(v)
    if n is None or unit == "iso":
        return None
    if unit == "ms" or (unit == "auto" and abs(n) > _MS_ABOVE):
        n /= 1000.0
    return n


def _compile(expr: str | None, key: str):
    if expr is None:
        return None
    try:
        return jmespath.compile(expr)
    except JMESPathError as exc:
        raise MappingError(f"{key}: invalid jmespath expression {expr!r}: {exc}") from None


class JsonMapping:
    """A compiled mapping. ``apply(doc, now)`` never raises on bad data: it counts it."""

    def __init__(self, spec: dict[str, Any], *, source: str = "", where: str = "mapping") -> None:
        self.spec = spec
        self.source = source
        self.items = _compile(spec.get("items", "@"), f"{where}.items")
        # ok: must hold for the answer to count (``code == `0` ``); error: the platform's message
        self.ok = _compile(spec.get("ok"), f"{where}.ok")
        self.error = _compile(spec.get("error"), f"{where}.error")
        self.id = _compile(spec.get("id"), f"{where}.id")
        self.time = _compile(spec.get("time"), f"{where}.time")
        self.time_unit = spec.get("time_unit", "auto")
        try:
            self.tz = ZoneInfo(spec["timezone"]) if "timezone" in spec else timezone.utc
        except (KeyError, ValueError) as exc:
            raise MappingError(f"{where}.timezone: unknown time zone {spec['timezone']!r}") from exc
        if spec.get("values"):
            self.values = {n: _compile(e, f"{where}.values.{n}") for n, e in spec["values"].items()}
        else:
            self.values = {spec.get("value_name", "value"): _compile(spec.get("value", "@"), f"{where}.value")}
        self.name = _compile(spec.get("name"), f"{where}.name")
        self.lat = _compile(spec.get("lat"), f"{where}.lat")
        try:  # the platform's coordinate system: positions become WGS-84 here, once
            self.crs = check_crs(spec.get("crs", "wgs84"))
        except CrsError as exc:
            raise MappingError(f"{where}.crs: {exc}") from None
        self.lon = _compile(spec.get("lon"), f"{where}.lon")
        self.stream = spec.get("stream", "{source}/{id}/{value}")
        # without a template, an entity is the item's id, or the stream's parent path
        self.entity = spec.get("entity", "{id}" if self.id is not None else "")
        self.kind = spec.get("kind", "sensor")
        self.units: dict[str, str] = dict(spec.get("units", {}))
        self.expected_interval_s = float(spec.get("expected_interval_s", 60.0))
        known = {"id", "value", "source"} | set(spec.get("_extra_placeholders", ()))
        for key in ("stream", "entity"):
            unknown = placeholders(getattr(self, key)) - known
            if unknown:
                raise MappingError(f"{where}.{key}: unknown placeholder {{{sorted(unknown)[0]}}}; use {sorted(known)}")
        if "id" in placeholders(self.stream) | placeholders(self.entity) and self.id is None:
            raise MappingError(f"{where}.id: the stream/entity template uses {{id}}, so 'id' is needed")

    @property
    def stream_prefix(self) -> str:
        return template_prefix(fill(self.stream, _Partial({"source": self.source})))

    def refusal(self, doc: Any) -> str | None:
        """Why the platform's answer is not data (its ``ok`` expression fails), or None."""
        if self.ok is None:
            return None
        try:
            fine = self.ok.search(doc)
        except (JMESPathError, TypeError, ValueError, RecursionError) as exc:
            return f"the ok expression {self.spec.get('ok')!r} could not be evaluated: {type(exc).__name__}"
        if fine:
            return None
        said = None
        if self.error is not None:
            try:
                said = self.error.search(doc)
            except (JMESPathError, TypeError, ValueError, RecursionError):
                said = None
        return f"the platform refused: {_short(said) if said not in (None, '') else _short(doc)}"

    def apply(self, doc: Any, now: float, extra: dict[str, str] | None = None, limit: int | None = None) -> MappingResult:
        out = MappingResult()
        try:
            items = self.items.search(doc)
        except Exception as exc:  # hostile JSON (deep nesting, wrong types): counted, never raised
            out.reject("items", f"{type(exc).__name__}: {_safe_text(exc)}")
            return out
        if limit is not None and isinstance(items, list) and len(items) > limit:
            over = len(items) - limit
            out.bad["over max_items"] += over  # counted and said, never silently dropped
            out.examples.append(f"over max_items: {over:,} items beyond the first {limit:,} were not read")
            items = items[:limit]
        if items is None:
            out.reject("items", "the items expression found nothing")
            return out
        if not isinstance(items, list):
            items = [items]
        entities: dict[str, Entity] = {}
        for item in items:
            out.items += 1
            try:
                self._item(item, now, extra or {}, out, entities)
            except JMESPathError as exc:  # a function applied to the wrong type, per item
                out.reject("expression", f"{type(exc).__name__}: {_safe_text(exc)}")
            except Exception as exc:  # anything else a hostile item can raise: "never raises"
                out.reject("item", f"{type(exc).__name__}: {_safe_text(exc)}")
        out.entities = list(entities.values())
        return out

    def _item(self, item: Any, now: float, extra: dict[str, str], out: MappingResult, entities: dict) -> None:
        subst = {"source": self.source, **extra}
        if self.id is not None:
            raw_id = self.id.search(item)
            if isinstance(raw_id, bool) or not isinstance(raw_id, (str, int, float)) or str(raw_id).strip() == "":
                out.reject("id", f"no usable id in {_short(item)}")
                return
            subst["id"] = str(raw_id).strip().replace("/", "_")
        if self.time is None:
            ts = now
        else:
            raw_ts = self.time.search(item)
            ts = to_epoch(raw_ts, self.time_unit, self.tz)
            if ts is None:
                out.reject("time", f"unreadable time {_short(raw_ts)}")
                return
            if not (_EARLIEST <= ts <= now + _FUTURE_SLACK_S):
                out.reject("time", f"time out of range {_short(raw_ts)}")
                return
        streams = []
        for vname, expr in self.values.items():
            raw = expr.search(item)
            value = to_number(raw)
            if value is None:
                out.reject("value", f"{vname}: not a number: {_short(raw)}")
                continue
            sid = fill(self.stream, {**subst, "value": vname})
            out.readings.append(Reading(sid, ts, value))
            streams.append(StreamSpec(sid, vname, self.units.get(vname, ""), self.expected_interval_s))
        if not streams:
            return
        eid = fill(self.entity, {**subst, "value": ""}) if self.entity else streams[0].id.rsplit("/", 1)[0]
        name = self.name.search(item) if self.name is not None else None
        lat, lon = self._position(item, out)
        prev = entities.get(eid)
        if prev is not None:
            streams = list(prev.streams) + [s for s in streams if s not in prev.streams]
        entities[eid] = Entity(
            eid, self.kind, str(name) if isinstance(name, (str, int, float)) and name != "" else eid, lat, lon,
            {"source": self.source} if self.source else {}, tuple(streams),
        )

    def _position(self, item: Any, out: MappingResult) -> tuple[float | None, float | None]:
        if self.lat is None or self.lon is None:
            return None, None
        raw_lat, raw_lon = self.lat.search(item), self.lon.search(item)
        if raw_lat is None and raw_lon is None:
            return None, None  # an item without a position is fine; a broken one is not
        lat, lon = to_number(raw_lat), to_number(raw_lon)
        if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            out.reject("position", f"unusable position in {_short(item)}")
            return None, None
        return to_wgs84(lat, lon, self.crs)


class _Partial(dict):
    """Template values that leave unknown placeholders in place (for prefixes)."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _short(v: Any) -> str:
    try:
        text = repr(v)
    except Exception:  # a value too deep to print (RecursionError)
        return f"<{type(v).__name__}>"
    return text if len(text) <= 60 else text[:57] + "..."


def _safe_text(exc: BaseException) -> str:
    try:
        return str(exc)[:200]
    except Exception:
        return type(exc).__name__
