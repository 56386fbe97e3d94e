"""Readings and entities from the centre's engine to its consoles, over the broker.

The engine owns the sources. Each batch its hub accepts is published, a few per second, as
one QoS 1 message on ``centre/<name>/readings`` (``{"e": engine, "r": [[stream, ts, value,
quality], ...]}``); the entities with their streams are retained under
``centre/<name>/entities/<kind>`` (zlib-compressed JSON), so a console that starts later
knows every gauge at once. Only the active engine (the lease holder) publishes. A standby
keeps the last ``REPLAY_S`` seconds of what its own sources read and publishes them when it
takes over, so the seconds of the takeover are not a hole; a console's cache keeps one row
per (stream, time), so a reading sent twice is counted once.

A console (``CentreReadings``) subscribes with a persistent session (a client id of its own
cache, clean_start off, a day's session expiry): what the engine published while the console
was away is queued by the broker and delivered when it is back. Each message is acknowledged
once its readings are in the console's cache, as the MQTT source does.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import zlib
from collections import deque
from collections.abc import Iterable

import paho.mqtt.client as mqtt
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties

from console.centre.broker import Broker, BrokerWorker
from console.centre.wire import Topics
from console.hub.hub import Hub
from console.model import Entity, Reading, entity_from_record, entity_record
from console.sources.mqtt_source import puback

log = logging.getLogger(__name__)
PUBLISH_EVERY_S = 0.1
CHUNK = 2000  # readings per message at most
REPLAY_S = 30.0  # what a standby keeps to publish when it takes over
ENTITIES_EVERY_S = 1.0
LATEST_EVERY_S = 10.0  # the retained last value of every stream: what a console that comes later starts from
SESSION_EXPIRY_S = 86400


def readings_payload(engine: str, readings: Iterable[Reading]) -> bytes:
    return json.dumps({"e": engine, "r": [list(r) for r in readings]}, separators=(",", ":"),
                      allow_nan=False).encode("utf-8")


def readings_from_payload(payload: bytes) -> list[Reading]:
    """Raises ValueError naming what is wrong."""
    try:
        doc = json.loads(payload)
        rows = doc["r"]
        return [Reading(str(s), float(t), float(v), int(q)) for s, t, v, q in rows]
    except (ValueError, TypeError, KeyError) as exc:
        raise ValueError(f"not a readings message: {type(exc).__name__}: {exc}") from exc


def entities_payload(entities: Iterable[Entity]) -> bytes:
    return zlib.compress(json.dumps([entity_record(e) for e in entities], ensure_ascii=False,
                                    separators=(",", ":")).encode("utf-8"), 6)


def entities_from_payload(payload: bytes) -> list[Entity]:
    try:
        return [entity_from_record(r) for r in json.loads(zlib.decompress(payload))]
    except (ValueError, TypeError, KeyError, zlib.error) as exc:
        raise ValueError(f"not an entities message: {type(exc).__name__}: {exc}") from exc


class ReadingsPublisher(BrokerWorker):
    """The engine's side: its hub's accepted readings and its entities, out to the broker
    while ``active`` is set (the lease); its own connection, so a burst of readings never
    queues ahead of an operator's command."""

    def __init__(self, hub: Hub, broker: Broker, centre: str, engine_id: str, active: threading.Event) -> None:
        super().__init__(broker, f"{engine_id}-readings", "centre-readings")
        self.hub = hub
        self.topics = Topics(centre)
        self.engine_id = engine_id
        self.active = active
        self._lock = threading.Lock()
        self._new: list[Reading] = []
        self._recent: deque[tuple[float, list[Reading]]] = deque()  # (monotonic, batch) of the last REPLAY_S
        self._was_active = False
        self._entities_sent: dict[str, bytes] = {}
        self._entities_checked = 0.0
        self._latest_sent = 0.0
        self.published = 0  # readings sent (tests, support)
        hub.add_commit_listener(self._take)

    def _take(self, batch: list[Reading]) -> None:  # the store's event thread
        with self._lock:
            self._new.extend(batch)

    def _run(self) -> None:
        while not self._stop.wait(PUBLISH_EVERY_S):
            try:
                self.flush()
            except Exception:  # the thread must outlive one bad batch
                log.exception("centre readings: publishing failed")

    def flush(self) -> int:
        with self._lock:
            new, self._new = self._new, []
        now = time.monotonic()
        if new:
            self._recent.append((now, new))
        while self._recent and now - self._recent[0][0] > REPLAY_S:
            self._recent.popleft()
        active = self.active.is_set() and self.client.is_connected()
        if not active:
            self._was_active = False
            return 0
        if not self._was_active:  # just took over: what this engine read meanwhile, and the entities anew
            self._was_active = True
            self._entities_sent = {}
            self._entities_checked = 0.0
            self._latest_sent = 0.0
            send = [r for _, batch in self._recent for r in batch]
        else:
            send = new
        if now - self._entities_checked >= ENTITIES_EVERY_S:
            self._entities_checked = now
            self.publish_entities()
        if now - self._latest_sent >= LATEST_EVERY_S:
            self._latest_sent = now
            self.publish_latest()
        for i in range(0, len(send), CHUNK):
            chunk = send[i:i + CHUNK]
            self.client.publish(self.topics.readings, readings_payload(self.engine_id, chunk), qos=1)
            self.published += len(chunk)
        return len(send)

    def publish_latest(self) -> int:
        """Retained: the last reading of every stream (zlib-compressed), so a console that joins
        later shows a slow stream's value at once, not offline until its next report."""
        latest = [r for r in (self.hub.latest(s) for s in self.hub.streams()) if r is not None]
        if latest:
            self.client.publish(self.topics.latest, zlib.compress(readings_payload(self.engine_id, latest), 6),
                                qos=1, retain=True)
        return len(latest)

    def publish_entities(self) -> int:
        by_kind: dict[str, list[Entity]] = {}
        for e in self.hub.entities.values():
            by_kind.setdefault(e.kind, []).append(e)
        sent = 0
        for kind, ents in by_kind.items():
            payload = entities_payload(sorted(ents, key=lambda e: e.id))
            if self._entities_sent.get(kind) != payload:
                self.client.publish(self.topics.entities(kind), payload, qos=1, retain=True)
                self._entities_sent[kind] = payload
                sent += 1
        return sent


class CentreReadings:
    """A console's source: the engine's readings and entities from the broker."""

    kind = "centre"

    def __init__(self, hub: Hub, broker: Broker, centre: str, client_id: str, name: str = "centre") -> None:
        self.hub = hub
        self.name = name
        self.topics = Topics(centre)
        self.health = hub.register_source(name)
        self.health.detail = f"中心引擎 {centre}"
        self._broker = broker
        self.client_id = client_id
        self.client = broker.client(client_id, manual_ack=True)  # acknowledged once the readings are in the cache
        self.client.on_connect = self._on_connect
        self.client.on_disconnect = self._on_disconnect
        self.client.on_message = self._on_message
        self.messages = 0
        self.bad = 0
        self.connected = threading.Event()
        self._stopping = False

    def start(self) -> None:
        props = Properties(PacketTypes.CONNECT)
        props.SessionExpiryInterval = SESSION_EXPIRY_S
        self.client.connect_async(self._broker.host, self._broker.port, keepalive=10, clean_start=False,
                                  properties=props)
        self.client.loop_start()

    def stop(self) -> None:
        self._stopping = True
        self.client.disconnect()
        self.client.loop_stop()
        self.health.live = False

    def _on_connect(self, client, userdata, flags, reason_code, properties) -> None:
        if reason_code.is_failure:
            self._error(f"the centre's broker refused this console: {reason_code}")
            return
        client.subscribe([(self.topics.readings, 1), (self.topics.all_entities, 1), (self.topics.latest, 1)])
        self.connected.set()
        self.health.live = True
        self.health.last_success = time.time()
        log.info("centre readings: connected (%s session)", "resumed" if flags.session_present else "new")

    def _on_disconnect(self, client, userdata, flags, reason_code, properties) -> None:
        self.connected.clear()
        self.health.live = False
        if not self._stopping:
            self._error(f"the centre's broker went away: {reason_code}; reconnecting")

    def _on_message(self, client, userdata, msg: mqtt.MQTTMessage) -> None:
        self.messages += 1
        ack = puback(client, msg)
        try:
            if msg.topic == self.topics.latest and not msg.payload:
                ack()  # no snapshot held
                return
            if msg.topic in (self.topics.readings, self.topics.latest):
                raw = msg.payload if msg.topic == self.topics.readings else zlib.decompress(msg.payload)
                readings = readings_from_payload(raw)
                self.health.last_success = time.time()
                self.hub.submit(readings, source=self.name, on_durable=ack)
                return
            if msg.payload:
                entities = entities_from_payload(msg.payload)
                self.hub.add_entities(entities)
                self.hub.register_source(self.name, (s.id for e in entities for s in e.streams))
            ack()
        except Exception as exc:  # a broken message is kept and counted; the ones behind it go on
            self.bad += 1
            self.hub.store.quarantine(self.name, msg.topic, msg.payload, str(exc))
            self._error(f"a message on {msg.topic} could not be read: {exc}")
            ack()

    def _error(self, text: str) -> None:
        self.health.last_error, self.health.last_error_ts = text, time.time()
        log.warning("centre readings: %s", text)
