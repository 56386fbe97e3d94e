"""Marker state of each entity, from the hub's latest values, freshness and thresholds.

One state per marker: ok, warning, alarm, stale, offline (the page shows each with
its own shape treatment as well as a colour). A marker whose last value is beyond a
limit keeps its warning or alarm state when its data goes stale: it is drawn stale
(``freshness``), still in the alarm colour and shape, and counted where the KPIs count
it; only a marker with nothing abnormal to say becomes "stale" or "offline". ``MarkerStates`` remembers what the
page was last told, so each tick sends only the markers that changed: the batches
that keep 10,000 markers cheap. It also remembers when each marker's data will next age
into stale or offline (a heap by due time), so the once-a-second tick re-reads only the
markers that are due, never every entity. Qt-free.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from console.figures import format_value
from console.freshness import OFFLINE_AFTER, STALE_AFTER, Freshness
from console.model import Entity

OK, WARNING, ALARM, STALE, OFFLINE = "ok", "warning", "alarm", "stale", "offline"
STATES = (OK, WARNING, ALARM, STALE, OFFLINE)
#: worst first matters for clusters: an alarm inside a cluster colours the cluster
SEVERITY = {OK: 0, STALE: 1, OFFLINE: 2, WARNING: 3, ALARM: 4}
#: attributes read as limits, in order of precedence
#: generic limit attributes; a plugin names its own per entity kind (``EntityKind.limits``:
#: the flood plugin's gauges say ``{"warning": "warning_level", "alarm": "guarantee_level"}``)
WARNING_ATTRS = ("warning",)
ALARM_ATTRS = ("alarm",)
Limits = dict[str, dict[str, str]]  # entity kind -> {"warning": attr, "alarm": attr}


#: how old a marker's data is, beside its state: "" (fresh or late), "stale", "offline"
FRESHNESS = {Freshness.STALE: STALE, Freshness.OFFLINE: OFFLINE}  # catching up shows its values as they are


@dataclass(frozen=True)
class MarkerState:
    state: str
    label: str  # the value as shown next to the marker ("3.21 m"), "" if none
    freshness: str | None = ""  # "", "stale" or "offline"; None: not known yet (a layer builder's)


def _limit(attrs: dict[str, Any], names: tuple[str, ...]) -> float | None:
    for n in names:
        v = attrs.get(n)
        if isinstance(v, (int, float)):
            return float(v)
    return None


def primary_stream(e: Entity) -> str | None:
    """The stream a marker shows: the entity's first (``attrs['map_stream']`` names another)."""
    wanted = e.attrs.get("map_stream")
    for s in e.streams:
        if wanted is None or s.id.endswith("/" + wanted):
            return s.id
    return None


def kind_limits(plugins) -> Limits:
    """Which attributes are each entity kind's limits, from the plugins' manifests."""
    return {k.id: dict(k.limits) for m in plugins for k in m.entity_kinds if getattr(k, "limits", None)}


def marker_state(hub, e: Entity, now: float | None = None, limits: Limits | None = None) -> MarkerState:
    """The state of one entity's marker, read from the hub (any object with latest/freshness/specs)."""
    sid = primary_stream(e)
    if sid is None:
        return MarkerState(OK, "")
    r = hub.latest(sid)
    fresh, _ = hub.freshness(sid, now)
    label = "" if r is None or r.value is None else format_value(r.value, hub.specs.get(sid))
    state = OK
    if r is not None and r.value is not None:
        names = (limits or {}).get(e.kind, {})
        alarm = _limit(e.attrs, (names["alarm"],) if "alarm" in names else ALARM_ATTRS)
        warning = _limit(e.attrs, (names["warning"],) if "warning" in names else WARNING_ATTRS)
        if alarm is not None and r.value > alarm:
            state = ALARM
        elif warning is not None and r.value > warning:
            state = WARNING
    return _aged(MarkerState(state, label), FRESHNESS.get(fresh, ""))


def _aged(st: MarkerState, freshness: str) -> MarkerState:
    """``st`` with its data's age: an abnormal state stays (drawn stale), a normal one becomes stale/offline."""
    if freshness and st.state in (OK, STALE, OFFLINE):
        return MarkerState(freshness if st.state == OK else st.state, st.label, freshness)
    return MarkerState(st.state, st.label, freshness)


def marker_freshness(hub, e: Entity, now: float | None = None) -> str:
    """How old the data behind ``e``'s marker is: "", "stale" or "offline"."""
    sid = primary_stream(e)
    if sid is None:
        return ""
    fresh, _ = hub.freshness(sid, now)
    return FRESHNESS.get(fresh, "")


def next_age_change(hub, e: Entity, now: float) -> float | None:
    """When the freshness of ``e``'s marker can next change with no new reading: its value
    crossing three missed reports (stale) or twenty (offline); a source catching up is asked
    again each second; None: nothing will change by time alone (no stream, no value yet, offline)."""
    sid = primary_stream(e)
    if sid is None:
        return None
    fresh, age = hub.freshness(sid, now)
    if fresh is Freshness.CATCHING_UP:
        return now + 1.0
    if age is None or fresh is Freshness.OFFLINE:
        return None
    interval = max(hub.expected_interval(sid), 1e-6)
    ts = now - age
    for ratio in (STALE_AFTER, OFFLINE_AFTER):
        # freshness() says stale when age / interval > ratio: just past the crossing
        when = ts + ratio * interval
        if when >= now:
            return when + 1e-3
    return None


def marker_record(e: Entity, layer: str, st: MarkerState) -> list:
    """A marker as the page's ``cc.setMarkers`` takes it: [id, lat, lon, layer, name, state, label, freshness]."""
    return [e.id, e.lat, e.lon, layer, e.name, st.state, st.label, st.freshness or ""]


#: the states a plugin's layer builder may give (it maps its own words: "overload" is energy's)
LAYER_STATES = {s: s for s in STATES}


def layer_states(hub, builders) -> dict[str, MarkerState]:
    """Marker states from plugins' layer builders (``builder(hub) -> {id: {state, label}}``):
    a transformer coloured by load %, a car park by occupancy. A builder that fails is skipped."""
    out: dict[str, MarkerState] = {}
    for build in builders:
        try:
            result = build(hub)
        except Exception:  # a broken layer must not blank the map
            continue
        for eid, d in result.items():
            state = LAYER_STATES.get(str(d.get("state")))
            if state is None:  # a word the core does not know is the plugin's bug: drawn as ok, logged once
                _unknown_state(build, d.get("state"))
                state = OK
            value = d.get("value")
            # the core adds the data's age (MarkerStates.changes): a builder says only what the value means
            out[eid] = MarkerState(state, d.get("label") or ("" if value is None else f"{value}"), None)
    return out


_warned: set = set()


def _unknown_state(build, state) -> None:
    import logging

    key = (getattr(build, "__qualname__", repr(build)), state)
    if key not in _warned:
        _warned.add(key)
        logging.getLogger(__name__).warning("layer builder %s gave the unknown state %r (use one of %s)",
                                            key[0], state, ", ".join(STATES))


class MarkerStates:
    """The states last sent to the page; ``changes`` yields only what differs, ``due`` says which
    markers' data has aged since (by due time: the cost follows what changes, not the map's size)."""

    def __init__(self, limits: Limits | None = None) -> None:
        self.sent: dict[str, MarkerState] = {}
        self.limits = limits or {}
        self._heap: list[tuple[float, str]] = []  # (when, entity id); stale entries are skipped
        self._due_at: dict[str, float] = {}  # entity id -> its one live due time

    def changes(
        self, hub, entities: Iterable[Entity], now: float | None = None, layered: dict[str, MarkerState] | None = None
    ) -> list[list[str]]:
        """[[id, state, label, freshness], ...] for markers whose state, label or age changed since last time.

        ``layered``: states from plugins' layer builders, which win over the generic one."""
        now = hub.clock.now() if now is None else now
        out = []
        for e in entities:
            st = layered.get(e.id) if layered else None
            if st is None:
                st = marker_state(hub, e, now, self.limits)
            elif st.freshness is None:
                st = _aged(st, marker_freshness(hub, e, now))
            self._schedule(hub, e, now)
            if self.sent.get(e.id) != st:
                self.sent[e.id] = st
                out.append([e.id, st.state, st.label, st.freshness])
        return out

    def _schedule(self, hub, e: Entity, now: float) -> None:
        """Remember when ``e``'s marker may next look older (stale, then offline) without a reading."""
        when = next_age_change(hub, e, now)
        if when is None:
            self._due_at.pop(e.id, None)
        elif self._due_at.get(e.id) != when:
            self._due_at[e.id] = when
            heapq.heappush(self._heap, (when, e.id))

    def due(self, now: float) -> list[str]:
        """The markers whose data may have aged by ``now`` (each once; ``changes`` schedules them again)."""
        out = []
        heap = self._heap
        while heap and heap[0][0] <= now:
            when, eid = heapq.heappop(heap)
            if self._due_at.get(eid) == when:
                del self._due_at[eid]
                out.append(eid)
        return out

    def forget(self, entity_id: str) -> None:
        """An entity left the map."""
        self.sent.pop(entity_id, None)
        self._due_at.pop(entity_id, None)

    def counts(self) -> dict[str, int]:
        """Markers by state; a stale marker in alarm counts as an alarm (as the KPIs count its value)."""
        c = dict.fromkeys(STATES, 0)
        for st in self.sent.values():
            c[st.state] += 1
        return c

    def stale_counts(self) -> dict[str, int]:
        """Of the warning and alarm markers, how many are drawn stale or offline."""
        c = {WARNING: 0, ALARM: 0}
        for st in self.sent.values():
            if st.state in c and st.freshness:
                c[st.state] += 1
        return c
