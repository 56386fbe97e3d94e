"""The registry of source kinds: what a ``[[sources]]`` table's ``type`` may name.

A kind is a name, the JSON schema of its settings table (validated with messages that name
the key) and a factory ``(SourceSettings, Hub) -> Source``, named "module:attr" and imported
when a source of that kind is built. The built-in kinds register here exactly as a plugin's
do (manifest ``source_kinds``: name -> "module:attr" of a ``SourceKind``). Qt-free.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class SourceKind:
    name: str
    schema: dict[str, Any]  # the [[sources]] table; "name" and "type" are checked for every kind
    factory: str  # "pkg.module:Class" called as factory(settings, hub)
    title: str = ""


def builtin_kinds() -> dict[str, SourceKind]:
    from console.settings.sources import SOURCE_SCHEMAS

    refs = {
        "http": ("console.sources.http_source:HttpSource", "HTTP/JSON polling"),
        "mqtt": ("console.sources.mqtt_source:MqttSource", "MQTT topics, QoS 1, persistent session"),
        "sensorthings": ("console.sources.sensorthings_source:SensorThingsSource", "OGC SensorThings API"),
    }
    return {name: SourceKind(name, SOURCE_SCHEMAS[name], ref, title) for name, (ref, title) in refs.items()}


def all_kinds(plugins: Iterable[Any] = ()) -> dict[str, SourceKind]:
    """The built-in kinds and every plugin's; a plugin cannot replace a built-in kind."""
    from console.plugins.api import load_object

    kinds = builtin_kinds()
    for m in plugins:
        for name, ref in getattr(m, "source_kinds", {}).items():
            if name in kinds:
                raise ValueError(f"plugin {m.name!r}: source kind {name!r} is already defined")
            kind = load_object(ref)
            if not isinstance(kind, SourceKind) or kind.name != name:
                raise TypeError(f"plugin {m.name!r}: source_kinds[{name!r}] must name a SourceKind called {name!r}")
            kinds[name] = kind
    return kinds
