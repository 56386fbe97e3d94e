"""What a live source learns about entities and streams, merged into the hub.

A real platform's station may be one a plugin already declared (with thresholds in
its attrs): the source adds streams and a position to it, never drops what the plugin
gave. Entities go to the hub (and the cache) only when they change, not every poll.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import Callable, Iterable

from console.hub.hub import Hub
from console.model import Entity
from console.sources.json_mapping import MappingResult

log = logging.getLogger(__name__)


class SourceCatalog:
    """The entities and streams one source has fed, kept in step with the hub."""

    def __init__(self, hub: Hub, source: str, kind: str = "") -> None:
        self.hub = hub
        self.source = source
        self.kind = kind
        self.bad: Counter = Counter()  # bad items by reason, since start
        self._sent: dict[str, Entity] = {}
        self._streams: set[str] = set()
        self._lock = threading.Lock()

    def add(self, entities: Iterable[Entity]) -> None:
        changed = []
        with self._lock:
            for new in entities:
                merged = _merge(self.hub.entities.get(new.id), new)
                if self._sent.get(new.id) != merged:
                    self._sent[new.id] = merged
                    changed.append(merged)
            streams = {s.id for e in changed for s in e.streams} - self._streams
            self._streams |= streams
        if streams:
            self.hub.register_source(self.source, streams)
        if changed:
            self.hub.add_entities(changed)

    def take(self, result: MappingResult, on_durable: Callable[[], None] | None = None) -> None:
        """Send a mapping's readings and entities to the hub; count and report its bad items.

        ``on_durable`` runs once the readings are in the cache (at once if there are none).
        """
        self.add(result.entities)
        self.add_streams(r.stream for r in result.readings)
        if result.bad:
            self.count_bad(result.bad, result.examples)
        if result.readings:
            self.hub.submit(result.readings, source=self.source, on_durable=on_durable)
        elif on_durable is not None:
            on_durable()

    def count_bad(self, bad: Counter | dict, examples: list[str] = ()) -> None:
        """Count bad items; the source's status line lists them by reason."""
        self.bad.update(bad)
        log.warning("source %s: %d bad items skipped (%s)", self.source, sum(bad.values()), "; ".join(examples))
        health = self.hub.sources.get(self.source)
        if health is not None:
            health.detail = (self.kind + " · " if self.kind else "") + "bad items " + ", ".join(
                f"{k} {n}" for k, n in self.bad.most_common())

    def claim_cached(self, prefixes: Iterable[str] = ()) -> int:
        """Take back the streams this source fed before a restart (their entities say it is
        their source, or their ids start with one of its ``prefixes``): a live source that
        answers without new rows keeps them fresh for as long as their expected interval says,
        not stale until the platform's next row. Returns how many streams it claimed."""
        prefixes = tuple(p for p in prefixes if p)
        mine = {s.id for e in self.hub.entities.values() if e.attrs.get("source") == self.source for s in e.streams}
        if prefixes:
            mine.update(sid for sid in self.hub.streams() if sid.startswith(prefixes))
        def theirs(sid: str) -> bool:  # another source's stream under a shared prefix stays theirs
            e = self.hub.entity_of(sid)
            return self.hub.source_of(sid) not in (None, self.source) or (e is not None and e.attrs.get("source", self.source) != self.source)

        mine = {sid for sid in mine if self.hub.latest(sid) is not None and not theirs(sid)}
        self.add_streams(mine)
        return len(mine)

    def add_streams(self, streams: Iterable[str]) -> None:
        """Register streams that come without an entity (health and staleness still apply)."""
        with self._lock:
            new = set(streams) - self._streams
            self._streams |= new
        if new:
            self.hub.register_source(self.source, new)


def _merge(old: Entity | None, new: Entity) -> Entity:
    if old is None:
        return new
    specs = {s.id: s for s in old.streams}
    streams = old.streams + tuple(s for s in new.streams if s.id not in specs)
    named = new.name if new.name != new.id else old.name
    return Entity(
        old.id, old.kind, named,
        new.lat if new.lat is not None else old.lat, new.lon if new.lon is not None else old.lon,
        {**new.attrs, **old.attrs}, streams,
    )


def last_ts_in_cache(store, prefix: str) -> float | None:
    """The newest reading time in the cache among streams whose id starts with ``prefix``.

    A source asks its server for everything after this: the gap since the console
    last ran (or since the server went down) is back-filled.
    """
    rows = store.query(
        "SELECT max((SELECT max(ts) FROM readings WHERE stream = s.key)) FROM streams s WHERE substr(s.id, 1, ?) = ?",
        (len(prefix), prefix),
    )
    return rows[0][0] if rows else None


def bounded_backfill(store, health, seconds: float) -> float:
    """A back-fill reaching further back than the cache keeps is refused: what was asked is
    cut to the retention, and the source's status and the log say so."""
    days = getattr(store, "retention_days", None)
    if not days or seconds <= days * 86400:
        return seconds
    msg = (f"backfill_s = {seconds:g} s reaches back further than the cache keeps ({days:g} days):"
           f" refused; back-filling {days:g} days only")
    log.warning("source %s: %s", health.name, msg)
    health.detail = f"{health.detail} · {msg}" if health.detail else msg
    return days * 86400
