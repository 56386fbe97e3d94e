"""From a ``[[sources]]`` table to a running source. Each kind is imported when used."""

from __future__ import annotations

from typing import Protocol

from console.hub.hub import Hub
from console.settings.sources import SourceSettings


class Source(Protocol):
    """What the runtime needs of a source: a name, its health, start and stop."""

    name: str

    def start(self) -> None: ...

    def stop(self) -> None: ...


def build_source(settings: SourceSettings, hub: Hub) -> Source:
    if settings.type == "http":
        from console.sources.http_source import HttpSource

        return HttpSource(settings, hub)
    if settings.type == "mqtt":
        from console.sources.mqtt_source import MqttSource

        return MqttSource(settings, hub)
    if settings.type == "sensorthings":
        from console.sources.sensorthings_source import SensorThingsSource

        return SensorThingsSource(settings, hub)
    raise ValueError(f"{settings.where}: unknown source type {settings.type!r}")
