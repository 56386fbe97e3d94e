"""The hub: where every source's readings meet.

Sources call ``submit`` from any thread; it never blocks. A batch is checked at the
door (a reading dated more than ``max_skew_s`` ahead of the clock, or with a value that
is not a finite number, is refused and counted with its reason), becomes the latest
values and the readings not yet shown at once, reaches the alarm rules on the store's
event thread without waiting for the disk, and is made durable by the store's writer. The GUI side (console.gui.hub_signals) drains them with
``take_updates`` at most ~10 times a second and emits one coalesced signal, so views
redraw per frame, never per reading. Qt-free: tests drive it without a screen.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from numbers import Integral, Real
from types import MappingProxyType

from console.clock import Clock
from console.freshness import STALE_AFTER, Freshness, freshness
from console.hub.events import EntityEvent, Updates
from console.hub.health import SourceHealth
from console.model import Entity, Reading, StreamSpec
from console.store.store import Store

log = logging.getLogger(__name__)

DEFAULT_MAX_SKEW_S = 300.0  # a reading dated further ahead than this is refused
# a source the hub found catching up (its newest data behind the clock) that then says nothing
# for this long (wall seconds) is silent, not catching up: its values may go offline
CATCH_UP_SILENCE_S = 30.0

__all__ = ["DEFAULT_MAX_SKEW_S", "EntityEvent", "Hub", "SourceHealth", "Updates"]


class Hub:
    """Thread-safe meeting point of sources, the store and the views."""

    def __init__(self, store: Store, clock: Clock | None = None, *, max_skew_s: float = DEFAULT_MAX_SKEW_S) -> None:
        self.store = store
        self.clock = clock or Clock()
        self.max_skew_s = max_skew_s
        # re-entrant: a source may set a health field (which takes the lock) from a hub callback
        self._lock = threading.RLock()
        self._latest: dict[str, Reading] = {}
        self._pending: dict[str, list[Reading]] = {}
        self._alarms_changed = False
        self._alarm_ids: set[int] = set()
        self._incident_ids: set[int] = set()
        # copy-on-write under the lock: a reader's dict is a snapshot no thread changes under it
        self._entities: dict[str, Entity] = {}
        self._specs: dict[str, StreamSpec] = {}
        self._sources: dict[str, SourceHealth] = {}
        self._stream_source: dict[str, str] = {}
        self._stream_entity: dict[str, Entity] = {}
        self._entities_added: dict[str, None] = {}  # ordered sets of ids since the last drain
        self._entities_changed: dict[str, None] = {}
        self._health_changed: set[str] = set()
        self._newest_by_source: dict[str, float] = {}  # the newest data time each source has brought
        self._batch_at: dict[str, float] = {}  # wall time of each source's last accepted batch
        self._found_catching_up: set[str] = set()  # sources the hub (not the source) said catch up
        store.on_accepted = self._on_accepted
        self._listeners: list = []

    # -- sources ---------------------------------------------------------------
    def submit(
        self, readings: Sequence[Reading], source: str | None = None, on_durable: Callable[[], None] | None = None
    ) -> int:
        """Hand a batch of readings to the console. Any thread; never blocks.

        Refused readings (from the future, not a number) are counted on the source's
        health with the reason. ``on_durable()`` runs (on the writer thread) once the
        accepted ones are in the cache. Returns how many were accepted.
        """
        accepted, refused = self._at_the_door(readings)
        health = self.sources.get(source) if source is not None else None
        if refused:
            self._count_refused(source, health, refused)
        if health is not None and accepted:
            health.readings += len(accepted)
            health.last_success = time.time()
            health.live = True
        top: Reading | None = None
        with self._lock:
            latest, pending = self._latest, self._pending
            for r in accepted:
                if top is None or r[1] > top[1]:
                    top = r
                prev = latest.get(r[0])
                if prev is None or r[1] >= prev[1]:
                    latest[r[0]] = r
                lst = pending.get(r[0])
                if lst is None:
                    pending[r[0]] = [r]
                else:
                    lst.append(r)
        if health is not None and top is not None:
            self._follow_catch_up(health, accepted, top)
        self.store.enqueue(accepted, on_durable)
        return len(accepted)

    def _follow_catch_up(self, health: SourceHealth, batch: Sequence[Reading], top: Reading) -> None:
        """A source whose newest data is well behind the clock is back-filling: its values are
        catching up, not offline. One late message from a source that is current is not that."""
        now = self.clock.now()
        name = health.name
        newest = max(self._newest_by_source.get(name, top[1]), top[1])
        self._newest_by_source[name] = newest
        self._batch_at[name] = time.time()
        behind = now - newest > STALE_AFTER * self.expected_interval(top[0])
        if behind and not health.catching_up:
            self._found_catching_up.add(name)
            health.backlog_from = min(r[1] for r in batch)
            health.backlog_progress = None
            health.catching_up = True
        elif not behind and name in self._found_catching_up:
            self._found_catching_up.discard(name)
            health.catching_up = False
        if health.catching_up:
            health.backlog_newest = newest

    def _at_the_door(self, readings: Sequence[Reading]) -> tuple[list[Reading], Counter]:
        limit = self.clock.now() + self.max_skew_s
        refused: Counter = Counter()
        accepted = []
        for r in readings:
            why = _refusal(r, limit)
            if why is None:
                accepted.append(r)
            else:
                refused[why] += 1
        return (list(readings) if not refused else accepted), refused

    def _count_refused(self, source: str | None, health: SourceHealth | None, refused: Counter) -> None:
        log.warning("source %s: %d readings refused (%s)", source or "-", sum(refused.values()),
                    ", ".join(f"{k} {n}" for k, n in refused.items()))
        if health is not None:
            health.refused.update(refused)
            note = "refused " + ", ".join(f"{k} {n}" for k, n in health.refused.most_common())
            base = health.detail.split(" · refused ")[0]
            health.detail = f"{base} · {note}" if base else note

    def register_source(self, name: str, streams: Iterable[str] = ()) -> SourceHealth:
        """Declare a source (and which streams it feeds) so health can be shown."""
        streams = list(streams)
        with self._lock:
            health = self._sources.get(name)
            if health is None:
                health = SourceHealth(name, listening_since=self.clock.now())
                health.guard_with(self._lock, self._health_changed.add)
                self._sources = {**self._sources, name: health}
                self._health_changed.add(name)
            elif health.listening_since is None:
                health.listening_since = self.clock.now()
            if streams:
                self._stream_source = {**self._stream_source, **dict.fromkeys(streams, name)}
        return health

    def add_entities(self, entities: Iterable[Entity], persist: bool = True) -> None:
        """Add or replace entities (any thread); views hear of them as one entity event."""
        ents = list(entities)
        if not ents:
            return
        with self._lock:
            by_id, specs, by_stream = dict(self._entities), dict(self._specs), dict(self._stream_entity)
            for e in ents:
                old = by_id.get(e.id)
                if old is None:
                    self._entities_added[e.id] = None
                elif old != e and e.id not in self._entities_added:
                    self._entities_changed[e.id] = None
                by_id[e.id] = e
                for s in e.streams:
                    specs[s.id] = s
                    by_stream[s.id] = e
            self._entities, self._specs, self._stream_entity = by_id, specs, by_stream
        if persist:
            # on the store's event thread: a source never waits for a locked or full disk;
            # a failed save is logged there and the entities still live here
            self.store.call_soon(lambda: self.store.save_entities(ents))

    @property
    def entities(self) -> Mapping[str, Entity]:
        """Every entity by id: a read-only snapshot, safe to iterate while sources add more."""
        return MappingProxyType(self._entities)

    @property
    def specs(self) -> Mapping[str, StreamSpec]:
        """Every stream's spec by stream id (read-only snapshot)."""
        return MappingProxyType(self._specs)

    @property
    def sources(self) -> Mapping[str, SourceHealth]:
        """The registered sources' live health objects by name (read-only mapping)."""
        return MappingProxyType(self._sources)

    def health_snapshot(self) -> dict[str, SourceHealth]:
        """A consistent copy of every source's health, taken under the lock."""
        with self._lock:
            return {name: h.copy() for name, h in self._sources.items()}

    def mark_alarms_changed(self, *alarm_ids: int) -> None:
        """An alarm was raised or changed (the engine calls this; ids when it knows them)."""
        with self._lock:
            self._alarms_changed = True
            self._alarm_ids.update(alarm_ids)

    def mark_incidents_changed(self, *incident_ids: int) -> None:
        """Incidents were opened or changed (console.incidents.book calls this)."""
        with self._lock:
            self._incident_ids.update(incident_ids)

    def add_commit_listener(self, fn) -> None:
        """Call ``fn(batch)`` on the store's event thread for each accepted batch (alarm
        rules): at once, not after the commit. A listener's exception is logged and isolated."""
        self._listeners.append(fn)

    # -- the store's event thread calls this ------------------------------------
    def _on_accepted(self, batch: list[Reading]) -> None:
        for fn in self._listeners:
            try:
                fn(batch)
            except Exception:  # one broken listener must not stop the others, nor the data
                log.exception("listener %s failed on a batch of %d readings (first stream %s)",
                              getattr(fn, "__qualname__", fn), len(batch), batch[0][0] if batch else "-")

    # -- views -----------------------------------------------------------------
    def take_updates(self) -> Updates:
        """Everything accepted since the last call (the GUI drains at ~10 Hz)."""
        with self._lock:
            out = Updates(
                self._pending, self._alarms_changed,
                EntityEvent(tuple(self._entities_added), tuple(self._entities_changed)),
                frozenset(self._health_changed), frozenset(self._alarm_ids), frozenset(self._incident_ids),
            )
            self._incident_ids = set()
            self._pending = {}
            self._alarms_changed = False
            self._alarm_ids = set()
            self._entities_added, self._entities_changed = {}, {}
            self._health_changed = set()
        return out

    def seed_from_cache(self) -> int:
        """Load the last known value of every stream and the entities from the cache.

        Called before any source starts, so an offline console shows its last state.
        """
        self.add_entities(self.store.load_entities(), persist=False)
        last = self.store.latest_all()
        with self._lock:
            for r in last:
                self._latest[r.stream] = r
                self._pending.setdefault(r.stream, []).append(r)
        return len(last)

    def latest(self, stream: str) -> Reading | None:
        return self._latest.get(stream)

    def streams(self) -> list[str]:
        return list(self._latest)

    def entity_of(self, stream: str) -> Entity | None:
        return self._stream_entity.get(stream)

    def has_source(self, stream: str) -> bool:
        """Whether a registered source feeds this stream (none does in --offline)."""
        return stream in self._stream_source

    def source_of(self, stream: str) -> str | None:
        """The name of the source that feeds this stream, if one does."""
        return self._stream_source.get(stream)

    def silent_for(self, stream: str, now: float) -> float | None:
        """How long a stream has said nothing while its source listened: after a restart
        the cache's last value is old, but silence only counts from when we listen again."""
        last = self._latest.get(stream)
        name = self._stream_source.get(stream)
        health = self._sources.get(name) if name else None
        if last is None or health is None:
            return None
        return now - max(last.ts, health.listening_since or last.ts)

    def expects_data(self, stream: str) -> bool:
        """Whether silence on this stream means something: a source feeds it and is
        not still back-filling the past (stale-data rules ask this)."""
        name = self._stream_source.get(stream)
        health = self._sources.get(name) if name else None
        return health is not None and not self._catching_up(health)

    def expected_interval(self, stream: str) -> float:
        spec = self._specs.get(stream)
        return spec.expected_interval_s if spec else 60.0

    def source_live(self, stream: str) -> bool:
        name = self._stream_source.get(stream)
        health = self._sources.get(name) if name else None
        return bool(health and health.live)

    def _catching_up(self, health: SourceHealth | None) -> bool:
        if health is None or not health.catching_up:
            return False
        if health.name not in self._found_catching_up:
            return True  # the source said so (a simulator back-filling): it says when it is done
        # a source that answers but brings nothing more is silent, not catching up
        return time.time() - self._batch_at.get(health.name, 0.0) < CATCH_UP_SILENCE_S

    def catching_up(self, stream: str) -> bool:
        """Whether the stream's source is back-filling now (its old values are on their way)."""
        name = self._stream_source.get(stream)
        return self._catching_up(self._sources.get(name) if name else None)

    def source_state(self, name: str) -> str:
        """``catching_up``, ``live`` or ``down``: what the wall says of a source."""
        health = self._sources.get(name)
        if self._catching_up(health):
            return "catching_up"
        return "live" if health is not None and health.live else "down"

    def catch_up(self, now: float | None = None, stream: str | None = None) -> tuple[float | None, float | None]:
        """How far behind and how far along (0..1) the stream's source is, or the furthest
        behind of every source catching up; (None, None) when none is."""
        now = self.clock.now() if now is None else now
        if stream is not None:
            name = self._stream_source.get(stream)
            sources = [self._sources[name]] if name in self._sources else []
        else:
            sources = list(self._sources.values())
        states = [h.catch_up(now) for h in sources if self._catching_up(h)]
        if not states:
            return None, None
        behind = [b for b, _ in states if b is not None]
        done = [d for _, d in states if d is not None]
        return (max(behind) if behind else None), (min(done) if done else None)

    def freshness(self, stream: str, now: float | None = None) -> tuple[Freshness, float | None]:
        """The freshness of a stream's last value and its age in seconds."""
        r = self._latest.get(stream)
        name = self._stream_source.get(stream)
        health = self._sources.get(name) if name else None
        catching_up = self._catching_up(health)
        if r is None:
            return (Freshness.CATCHING_UP if catching_up else Freshness.OFFLINE), None
        age = (self.clock.now() if now is None else now) - r.ts
        live = bool(health and health.live)
        interval = self.expected_interval(stream)
        if catching_up and health.name in self._found_catching_up:
            # a stream left behind by its own source's back-fill is silent, not on its way (a
            # source that says it back-fills a span, as a simulator does, vouches for every stream)
            newest = self._newest_by_source.get(health.name)
            catching_up = newest is None or newest - r.ts <= STALE_AFTER * interval
        return freshness(age, interval, live, catching_up), age


def _refusal(r: Reading, limit: float) -> str | None:
    """Why a reading cannot be accepted, or None."""
    ts, value = r[1], r[2]
    if not isinstance(r[0], str) or not r[0]:
        return "no stream id"
    if not isinstance(ts, Real) or not math.isfinite(ts):
        return "time not a number"
    if ts > limit:
        return "time in the future"
    if value is not None and (not isinstance(value, Real) or not math.isfinite(value)):
        return "value not a finite number"
    if not isinstance(r[3], Integral):
        return "quality not an integer"
    return None
