"""MQTT source (paho-mqtt 2.x): topic filters mapped to streams, nothing lost on QoS 1.

The console keeps a persistent session on the broker: a fixed client id, MQTT v5
``clean_start = False`` and a session expiry, so QoS 1 messages published while the
console or the broker restarts are queued and delivered when it is back. Each
message is acknowledged (manual PUBACK) only once its readings are committed to the
cache (``Hub.submit(..., on_durable=...)``): a crash before that makes the broker
send it again, and the cache's (stream, time) key keeps a repeat from counting twice.
Paho's network thread reconnects with a doubling delay up to ``max_backoff_s``.
"""

from __future__ import annotations

import json
import logging
import re
import socket
import ssl
import sys
import time
from dataclasses import dataclass

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties

from console.hub.hub import Hub
from console.sources import secret_refs
from console.sources.catalog import SourceCatalog
from console.sources.json_mapping import JsonMapping
from console.settings.sources import SourceSettings, topic_mapping_spec
from console.sources.tls import connect_failure, ssl_context

log = logging.getLogger(__name__)


def puback(client: mqtt.Client, msg: mqtt.MQTTMessage):
    """The acknowledgement of one message of a ``manual_ack`` client, to call once it is in the cache."""

    def ack() -> None:
        if msg.qos:
            client.ack(msg.mid, msg.qos)

    return ack


def filter_regex(topic_filter: str) -> re.Pattern:
    """A regex for an MQTT topic filter; each ``+`` or ``#`` is a group ({1}, {2} ...).

    As the MQTT spec says, ``a/#`` matches ``a`` itself too (its group is then empty), and
    ``+`` matches one whole level, an empty one included.
    """
    levels = topic_filter.split("/")
    multi = levels[-1] == "#"
    parts = []
    for level in levels[:-1] if multi else levels:
        if level == "+":
            parts.append("([^/]*)")
        else:
            parts.append(re.escape(level))
    body = "/".join(parts)
    if multi:
        body = "(.*)" if not parts else body + "(?:/(.*))?"
    return re.compile("^" + body + "$")


@dataclass
class TopicRoute:
    filter: str
    regex: re.Pattern
    payload: str  # json | plain
    mapping: JsonMapping

    def captures(self, topic: str) -> dict[str, str] | None:
        m = self.regex.match(topic)
        if m is None:
            return None
        return {"topic": topic, **{str(i): g or "" for i, g in enumerate(m.groups(), 1)}}


class MqttSource:
    """One broker connection, its subscriptions and its persistent session."""

    kind = "mqtt"

    def __init__(self, settings: SourceSettings, hub: Hub) -> None:
        o = self.options = settings.options
        self.name = settings.name
        self.hub = hub
        self.catalog = SourceCatalog(hub, self.name, self.kind)
        self.health = hub.register_source(self.name)
        self.health.detail = self.kind
        self.routes = []
        for i, t in enumerate(o["topics"]):
            mapping = JsonMapping(topic_mapping_spec(t), source=self.name, where=f"{settings.where}.topics[{i}].mapping")
            self.routes.append(TopicRoute(t["filter"], filter_regex(t["filter"]), t.get("payload", "json"), mapping))
        self.client_id = o.get("client_id") or f"city-console-{socket.gethostname()}-{self.name}"[:64]
        self.messages = 0
        self.connects = 0
        self._stopping = False
        self._client: mqtt.Client | None = None

    # -- lifecycle ---------------------------------------------------------------
    def start(self) -> None:
        o = self.options
        c = mqtt.Client(CallbackAPIVersion.VERSION2, client_id=self.client_id, protocol=mqtt.MQTTv5, manual_ack=True)
        c.on_connect = self._on_connect
        c.on_disconnect = self._on_disconnect
        c.on_connect_fail = self._on_connect_fail
        c.on_message = self._on_message
        c.connect_timeout = float(o.get("timeout_s", 10))
        cap = float(o.get("max_backoff_s", 60))
        c.reconnect_delay_set(min_delay=min(1.0, cap), max_delay=cap)
        try:
            if o.get("username"):
                password = o.get("password")
                c.username_pw_set(secret_refs.resolve(o["username"]), secret_refs.resolve(password) if password else None)
            if o.get("tls"):
                if o.get("verify", True):
                    c.tls_set_context(ssl_context(o))
                else:
                    log.warning("source %s: TLS verification is OFF (verify = false); use only in a lab", self.name)
                    c.tls_set(cert_reqs=ssl.CERT_NONE)
                    c.tls_insecure_set(True)
        except Exception as exc:  # a missing secret: reported, the console carries on
            self._error(f"{type(exc).__name__}: {exc}")
            return
        props = Properties(PacketTypes.CONNECT)
        props.SessionExpiryInterval = int(o.get("session_expiry_s", 7 * 86400))
        self._client = c
        c.connect_async(o["host"], int(o.get("port", 8883 if o.get("tls") else 1883)),
                        keepalive=int(o.get("keepalive_s", 30)), clean_start=False, properties=props)
        c.loop_start()

    def stop(self) -> None:
        self._stopping = True
        c = self._client
        if c is not None:
            c.disconnect()
            c.loop_stop()
        self.health.live = False

    # -- paho's network thread calls these -------------------------------------------
    def _on_connect(self, client, userdata, flags, reason_code, properties) -> None:
        if reason_code.is_failure:
            self._error(f"connection refused: {reason_code}")
            return
        self.connects += 1
        if self.connects == 1:  # after a restart, the cached streams are this source's again
            self.catalog.claim_cached(r.mapping.stream_prefix for r in self.routes)
        # subscriptions survive in a resumed session, but a new or expired one needs them
        client.subscribe([(r.filter, 1) for r in self.routes])
        self.health.live = True
        self.health.last_success = time.time()
        resumed = "resumed session" if flags.session_present else "new session"
        if not self.catalog.bad:  # the bad-item count is the more useful line once there is one
            self.health.detail = f"{self.kind} · {resumed}"
        log.info("source %s: connected to %s (%s)", self.name, self.options["host"], resumed)

    def _on_connect_fail(self, client, userdata) -> None:
        # paho calls this inside its ``except OSError`` around the (re)connect: the error
        # is the one being handled (a TLS handshake refused, a port closed)
        self.health.live = False
        self._error(connect_failure(sys.exc_info()[1]))

    def _on_disconnect(self, client, userdata, flags, reason_code, properties) -> None:
        self.health.live = False
        if not self._stopping:
            self._error(f"disconnected: {reason_code}; reconnecting")

    def _on_message(self, client, userdata, msg: mqtt.MQTTMessage) -> None:
        self.messages += 1
        ack = puback(client, msg)
        try:
            self._handle(msg, ack)
        except Exception as exc:  # an exception here would end paho's network thread
            # a message that breaks the parse breaks it again when sent again: acknowledged, counted
            # and kept in the quarantine, so the good ones behind it are not held up
            log.exception("source %s: message on %s could not be handled", self.name, msg.topic)
            self._poison(msg, "internal", f"{type(exc).__name__}: {str(exc)[:200]}")
            ack()

    def _handle(self, msg: mqtt.MQTTMessage, ack) -> None:
        for route in self.routes:
            captures = route.captures(msg.topic)
            if captures is not None:
                break
        else:
            ack()  # a retained message on a wider subscription: nothing for us
            return
        try:
            text = msg.payload.decode("utf-8")
            doc = json.loads(text) if route.payload == "json" else text
        except Exception as exc:  # not UTF-8, not JSON, nested too deep (RecursionError)
            # a broken payload will be as broken when sent again: count it, keep it, let it go
            self._poison(msg, "payload", f"{type(exc).__name__}: {str(exc)[:200]}")
            ack()
            return
        result = route.mapping.apply(doc, time.time(), captures)
        if result.bad and not result.readings:
            self.hub.store.quarantine(self.name, msg.topic, msg.payload, "; ".join(result.examples) or "no readings")
        self.catalog.take(result, on_durable=ack)

    def _poison(self, msg: mqtt.MQTTMessage, reason: str, detail: str) -> None:
        self.catalog.count_bad({reason: 1}, [f"{reason}: {msg.topic}: {detail}"])
        self.hub.store.quarantine(self.name, msg.topic, msg.payload, f"{reason}: {detail}")

    def _error(self, text: str) -> None:
        msg = secret_refs.redact(text)
        self.health.live = False
        self.health.last_error, self.health.last_error_ts = msg, time.time()
        log.warning("source %s: %s", self.name, msg)
