"""The sources settings file: TOML, validated, errors naming the file and the key.

It lives in the platform's config dir (``~/.config/city-console/settings.toml`` on
Linux, ``%LOCALAPPDATA%\\city-console\\settings.toml`` on Windows) and lists the
sources (``[[sources]]`` tables, one per connection). Secrets are never written in
it: a password or an Authorization header holds a ``${env:NAME}`` or
``keyring:service/user`` reference, resolved when the source starts (secret_refs).
See resources/settings.example.toml.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema

from console.settings.cameras import CameraSettings, parse_cameras
from console.sources import secret_refs
from console.sources.credentials import credential_keys, insecure_transport
from console.sources.json_mapping import JsonMapping, MappingError, placeholders

from console.settings.paths import APP_NAME, settings_file  # noqa: E402 (defined once)
SOURCE_TYPES = ("http", "mqtt", "sensorthings")
STA_PLACEHOLDERS = ("source", "thing_id", "thing_name", "datastream_id", "datastream_name")
# header names whose value is a credential: the file must hold a reference, not the value
_SECRET_HEADERS = ("authorization", "proxy-authorization", "cookie", "x-api-key", "apikey", "token", "secret")

_NAME = {"type": "string", "pattern": r"^[A-Za-z0-9_.\-]+$"}
_POS = {"type": "number", "exclusiveMinimum": 0}
_INTERVAL = {"type": "number", "minimum": 0.05, "maximum": 604800}  # 50 ms to a week: 1e-9 would poll flat out
_HEADERS = {"type": "object", "additionalProperties": {"type": "string"}}
_TLS = {
    "verify": {"type": "boolean"},  # false only for a lab; logged as a warning
    "ca_file": {"type": "string", "minLength": 1},  # an extra CA bundle (PEM) besides the OS store
}
MAPPING_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "items": {"type": "string"}, "id": {"type": "string"}, "time": {"type": "string"},
        "ok": {"type": "string"}, "error": {"type": "string"},
        "time_unit": {"enum": ["auto", "s", "ms", "iso"]}, "timezone": {"type": "string"},
        "value": {"type": "string"}, "value_name": _NAME,
        "values": {"type": "object", "minProperties": 1, "additionalProperties": {"type": "string"},
                   "propertyNames": _NAME},
        "name": {"type": "string"}, "lat": {"type": "string"}, "lon": {"type": "string"},
        "crs": {"enum": ["wgs84", "gcj02", "bd09", "WGS84", "GCJ02", "BD09", "WGS-84", "GCJ-02", "BD-09"]},
        "stream": {"type": "string", "minLength": 1}, "entity": {"type": "string", "minLength": 1},
        "kind": {"type": "string", "minLength": 1},
        "units": {"type": "object", "additionalProperties": {"type": "string"}},
        "expected_interval_s": _POS,
    },
}
_COMMON = {
    "name": _NAME, "type": {"enum": list(SOURCE_TYPES)}, "enabled": {"type": "boolean"},
    "timeout_s": _POS,
    "allow_insecure_credentials": {"type": "boolean"},  # credentials over plain http / mqtt: a lab only
}
SOURCE_SCHEMAS: dict[str, dict[str, Any]] = {
    "http": {
        "type": "object", "required": ["name", "type", "url", "mapping"], "additionalProperties": False,
        "properties": {
            **_COMMON, **_TLS, "url": {"type": "string", "pattern": "^https?://"},
            "method": {"enum": ["GET", "POST"]}, "headers": _HEADERS,
            "params": {"type": "object", "additionalProperties": {"type": ["string", "number", "boolean"]}},
            "body": {"type": "object"}, "interval_s": _INTERVAL, "max_backoff_s": _POS,
            "since_param": {"type": "string", "minLength": 1},
            # iso | epoch_s | epoch_ms, or a strftime pattern read in since_tz ("%Y-%m-%d %H:%M:%S")
            "since_format": {"anyOf": [{"enum": ["iso", "epoch_s", "epoch_ms"]}, {"type": "string", "pattern": "%[YmdHMS]"}]},
            "since_tz": {"type": "string", "minLength": 1},
            "max_body_mb": {"type": "number", "exclusiveMinimum": 0, "maximum": 2048},
            "max_items": {"type": "integer", "minimum": 1, "maximum": 10000000}, "backfill_s": {"type": "number", "minimum": 0},
            "mapping": MAPPING_SCHEMA,
        },
    },
    "mqtt": {
        "type": "object", "required": ["name", "type", "host", "topics"], "additionalProperties": False,
        "properties": {
            **_COMMON, **_TLS, "host": {"type": "string", "minLength": 1},
            "port": {"type": "integer", "minimum": 1, "maximum": 65535}, "tls": {"type": "boolean"},
            "username": {"type": "string"}, "password": {"type": "string"},
            "client_id": {"type": "string", "minLength": 1, "maxLength": 64},
            "keepalive_s": {"type": "integer", "minimum": 5}, "session_expiry_s": {"type": "integer", "minimum": 0},
            "max_backoff_s": _POS,
            "topics": {
                "type": "array", "minItems": 1,
                "items": {
                    "type": "object", "required": ["filter"], "additionalProperties": False,
                    "properties": {
                        "filter": {"type": "string", "minLength": 1},
                        "payload": {"enum": ["json", "plain"]},
                        "mapping": MAPPING_SCHEMA,
                    },
                },
            },
        },
    },
    "sensorthings": {
        "type": "object", "required": ["name", "type", "url"], "additionalProperties": False,
        "properties": {
            **_COMMON, **_TLS, "url": {"type": "string", "pattern": "^https?://"}, "headers": _HEADERS,
            "interval_s": _INTERVAL, "max_backoff_s": _POS, "backfill_s": {"type": "number", "minimum": 0},
            "page_size": {"type": "integer", "minimum": 1, "maximum": 10000},
            "things_filter": {"type": "string"}, "things_refresh_s": _POS,
            "lookback_s": {"type": "number", "minimum": 0, "maximum": 604800},
            "max_body_mb": {"type": "number", "exclusiveMinimum": 0, "maximum": 2048},
            "crs": {"enum": ["wgs84", "gcj02", "bd09"]},
            "stream": {"type": "string", "minLength": 1}, "entity": {"type": "string", "minLength": 1},
            "kind": {"type": "string", "minLength": 1}, "expected_interval_s": _POS,
        },
    },
}
_PIN = {"anyOf": [{"type": "string", "pattern": "^[0-9]{4,12}$"}, {"type": "integer", "minimum": 0}]}
#: the whole file: one typed, versioned settings.toml, read here and nowhere else
TOP_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "version": {"const": 1},
        "sources": {"type": "array", "items": {"type": "object", "required": ["type", "name"],
                                               "properties": {"type": {"type": "string", "minLength": 1}}}},
        "cameras": {"type": "array", "items": {"type": "object"}},  # each checked by settings.cameras
        "kiosk_pin": _PIN,  # the README's short form; [kiosk] pin is the same
        "kiosk": {"type": "object", "additionalProperties": False, "properties": {"pin": _PIN}},
        "lang": {"enum": ["zh", "en", "zh+en", "zh_CN"]},
        "tz": {"type": "string", "minLength": 1},
        "cache": {
            "type": "object", "additionalProperties": False,
            "properties": {
                "retention_days": {"type": "number", "exclusiveMinimum": 0, "maximum": 3650},
                "max_mb": {"type": "number", "exclusiveMinimum": 0, "maximum": 10_000_000},
                "backlog_rows": {"type": "integer", "minimum": 1000, "maximum": 100_000_000},
                "max_skew_s": {"type": "number", "minimum": 0, "maximum": 86400},
            },
        },
        "wall": {"type": "object", "additionalProperties": False, "properties": {"config": {"type": "string"}}},
        "plugins": {"type": "object", "additionalProperties": False,
                    "properties": {"allow": {"type": "array", "items": {"type": "string"}}}},
        "centre": {"type": "object", "additionalProperties": False, "required": ["broker"],
                   "properties": {"broker": {"type": "string", "pattern": "^mqtts?://"}, "name": {"type": "string"},
                                  "username": {"type": "string"}, "password": {"type": "string"},
                                  "readings": {"enum": ["engine", "own"]}, "console": {"type": "string", "minLength": 1},
                                  "archive": {"type": "string", "pattern": "^postgres(ql)?://"}}},
    },
}


class SettingsError(ValueError):
    """A settings file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class SourceSettings:
    """One ``[[sources]]`` table, validated. ``options`` is the table as written (references unresolved)."""

    name: str
    type: str
    options: dict[str, Any]
    where: str  # "settings.toml: sources[2]" for messages

    @property
    def enabled(self) -> bool:
        return bool(self.options.get("enabled", True))

    def secret_references(self) -> list[str]:
        return [ref for text in _strings(self.options) for ref in secret_refs.references(text)]


@dataclass(frozen=True)
class Settings:
    """The settings file, typed. Every key the file may hold is here; absent means the default."""

    path: Path | None
    sources: tuple[SourceSettings, ...] = field(default_factory=tuple)
    cameras: tuple[CameraSettings, ...] = field(default_factory=tuple)  # [[cameras]]: HTTP snapshot cameras
    version: int = 1
    kiosk_pin: str | None = None
    lang: str | None = None
    tz: str | None = None
    cache: dict[str, Any] = field(default_factory=dict)  # retention_days, max_mb, backlog_rows, max_skew_s
    wall_config: str | None = None
    plugins_allow: tuple[str, ...] | None = None
    centre: dict[str, Any] | None = None


def default_settings_path() -> Path:
    return settings_file()


def load_settings(path: Path | str | None = None, kinds: Any = None) -> Settings:
    """Read and validate the settings file. A missing default file means no sources."""
    explicit = path is not None
    path = Path(path) if explicit else default_settings_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        if explicit:
            raise SettingsError(f"{path}: no such file") from None
        return Settings(None)
    except OSError as exc:
        raise SettingsError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise SettingsError(f"{path}: not UTF-8 text: {exc}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{path}: invalid TOML: {exc}") from None
    return parse_settings(data, str(path), path, kinds)


def parse_settings(data: Any, origin: str = "<settings>", path: Path | None = None, kinds: Any = None) -> Settings:
    """Validate a settings document; ``kinds`` are the source kinds (default: the built-ins;
    the runtime passes the plugins' too). Messages name the file and the key path."""
    from console.sources.kinds import builtin_kinds

    from console.data_file import first_fault

    kinds = builtin_kinds() if kinds is None else kinds
    fault = first_fault(data)  # NaN, inf or absurd nesting anywhere in the file
    if fault is not None:
        raise SettingsError(f"{origin}: {fault}")
    _validate(data, TOP_SCHEMA, origin, [])
    out, names = [], set()
    for i, src in enumerate(data.get("sources", [])):
        kind = kinds.get(src["type"])
        if kind is None:
            raise SettingsError(f"{origin}: sources[{i}].type: unknown source type {src['type']!r} "
                                f"(known: {', '.join(sorted(kinds))})")
        _validate(src, kind.schema, origin, ["sources", i])
        where = f"sources[{i}]"
        if src["name"] in names:
            raise SettingsError(f"{origin}: {where}.name: {src['name']!r} is used by another source")
        names.add(src["name"])
        _check_secrets(src, origin, where)
        _check_mappings(src, origin, where)
        out.append(SourceSettings(src["name"], src["type"], src, f"{origin}: {where}"))
    cameras = parse_cameras(data.get("cameras", []), origin, _validate)
    if "kiosk_pin" in data and "pin" in data.get("kiosk", {}):
        raise SettingsError(f"{origin}: kiosk_pin: given twice (kiosk_pin and [kiosk] pin); keep one")
    pin = data.get("kiosk_pin", data.get("kiosk", {}).get("pin"))
    allow = data.get("plugins", {}).get("allow")
    return Settings(
        path, tuple(out), cameras, version=int(data.get("version", 1)), kiosk_pin=None if pin is None else str(pin),
        lang=data.get("lang"), tz=data.get("tz"), cache=dict(data.get("cache", {})),
        wall_config=data.get("wall", {}).get("config"), plugins_allow=None if allow is None else tuple(allow),
        centre=data.get("centre"),
    )


def _validate(data: Any, schema: dict, origin: str, base: list) -> None:
    from console.data_file import StrictValidator

    errors = sorted(StrictValidator(schema).iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    if not errors:
        return
    err = errors[0]
    path = [*base, *err.absolute_path]
    if err.validator == "additionalProperties":
        extra = sorted(set(err.instance) - set(err.schema.get("properties", {})))
        if extra:
            raise SettingsError(f"{origin}: {_key(path + [extra[0]])}: unknown key (allowed: {', '.join(sorted(err.schema['properties']))})")
    if err.validator == "required":
        missing = [k for k in err.validator_value if k not in err.instance]
        raise SettingsError(f"{origin}: {_key(path + missing[:1])}: required key missing")
    raise SettingsError(f"{origin}: {_key(path)}: {err.message}")


def _key(path: list) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _check_secrets(src: dict, origin: str, where: str) -> None:
    password = src.get("password")
    if password and not secret_refs.has_reference(password):
        raise SettingsError(f"{origin}: {where}.password: write a reference (${{env:NAME}} or keyring:service/user), never the password")
    for header, value in src.get("headers", {}).items():
        if any(s in header.lower() for s in _SECRET_HEADERS) and not secret_refs.has_reference(value):
            raise SettingsError(f"{origin}: {where}.headers.{header}: holds a credential; write a reference (${{env:NAME}} or keyring:service/user) instead")
    keys = credential_keys(src)
    plain = insecure_transport(src) if keys else None
    if plain and not src.get("allow_insecure_credentials", False):
        raise SettingsError(
            f"{origin}: {where}.{keys[0]}: a credential would travel over {plain}, readable by anyone on the "
            "network; use https (or tls = true), or set allow_insecure_credentials = true for a lab")


def _check_mappings(src: dict, origin: str, where: str) -> None:
    specs = []
    if "mapping" in src:
        specs.append((src["mapping"], f"{where}.mapping"))
    for i, topic in enumerate(src.get("topics", [])):
        specs.append((topic_mapping_spec(topic), f"{where}.topics[{i}].mapping"))
    if src["type"] == "sensorthings":
        for key in ("stream", "entity"):
            unknown = placeholders(src.get(key, "")) - set(STA_PLACEHOLDERS)
            if unknown:
                raise SettingsError(f"{origin}: {where}.{key}: unknown placeholder {{{sorted(unknown)[0]}}}; use {list(STA_PLACEHOLDERS)}")
    for spec, key in specs:
        try:
            JsonMapping(spec, source=src["name"], where=key)
        except MappingError as exc:
            raise SettingsError(f"{origin}: {exc}") from None


def topic_mapping_spec(topic: dict[str, Any]) -> dict[str, Any]:
    """An MQTT topic's mapping, with the filter's wildcards as placeholders {1}, {2} ... and {topic}."""
    n = topic["filter"].count("+") + topic["filter"].count("#")
    return {
        "stream": "{source}/{topic}", **topic.get("mapping", {}),
        "_extra_placeholders": [str(k) for k in range(1, n + 1)] + ["topic"],
    }


def _strings(obj: Any):
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from _strings(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _strings(v)
