"""From a ``[[sources]]`` table to a running source. Each kind is imported when used."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from console.hub.hub import Hub
from console.plugins.api import load_object
from console.settings.sources import SourceSettings
from console.sources.kinds import SourceKind, builtin_kinds


class Source(Protocol):
    """What the runtime needs of a source: a name, its health, start and stop."""

    name: str

    def start(self) -> None: ...

    def stop(self) -> None: ...


def build_source(settings: SourceSettings, hub: Hub, kinds: Mapping[str, SourceKind] | None = None) -> Source:
    """The running source a ``[[sources]]`` table describes, through the kinds registry."""
    kinds = builtin_kinds() if kinds is None else kinds
    kind = kinds.get(settings.type)
    if kind is None:
        raise ValueError(f"{settings.where}: unknown source type {settings.type!r} (known: {', '.join(sorted(kinds))})")
    return load_object(kind.factory)(settings, hub)
