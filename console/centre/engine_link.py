"""The engine's side: every open alarm published retained under its key, and the operators'
commands taken from the centre's shared subscription, checked and audited by the alarm engine."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

import paho.mqtt.client as mqtt

from console.alarms.engine import Alarm, AlarmEngine
from console.audit.permissions import Actor, refusal
from console.centre.broker import Broker
from console.centre.wire import Command, Topics, alarm_key, alarm_payload

log = logging.getLogger(__name__)
PUBLISH_EVERY_S = 0.1  # how often the open alarms are compared with what the broker holds
_ACTIONS = {"ack": "alarm.ack", "shelve": "alarm.shelve", "unshelve": "alarm.unshelve"}


class EngineLink:
    """Publishes ``engine``'s alarms to the centre and applies the commands it takes.

    ``roles()`` gives each known user's role (the engine's user directory): a command names
    its operator; one the directory does not know is refused and audited. Which console may
    send commands at all is the broker's ACL (one account per console; docs/brokers.md)."""

    def __init__(self, engine: AlarmEngine, broker: Broker, centre: str, roles: Callable[[], dict[str, str]],
                 client_id: str = "city-console-engine") -> None:
        self.engine = engine
        self.store = engine.store
        self.topics = Topics(centre)
        self.roles = roles
        self.client = broker.client(client_id)
        self.client.on_connect = self._on_connect
        self.client.on_message = self._on_message
        self.client.will_set(self.topics.status(client_id), b'{"state": "offline"}', qos=1, retain=True)
        self._status_topic = self.topics.status(client_id)
        self._broker = broker
        self._published: dict[str, bytes] = {}  # key -> payload the broker holds (retained)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._publish_loop, name="centre-publish", daemon=True)
        self.connected = threading.Event()
        self.applied = 0  # commands taken (tests, support)

    def start(self) -> EngineLink:
        self.client.connect_async(self._broker.host, self._broker.port, keepalive=10)
        self.client.loop_start()
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self.client.publish(self._status_topic, b'{"state": "offline"}', qos=1, retain=True)
        self.client.disconnect()
        self.client.loop_stop()

    # -- alarm state out ------------------------------------------------------------------
    def _publish_loop(self) -> None:
        while not self._stop.wait(PUBLISH_EVERY_S):
            if self.connected.is_set():
                self.publish_changes()

    def publish_changes(self) -> int:
        """Publish what changed since the last call (a closed alarm: its retained message deleted)."""
        now = {alarm_key(a): alarm_payload(a) for a in self.engine.open_alarms(include_suppressed=True)}
        sent = 0
        for key, payload in now.items():
            if self._published.get(key) != payload:
                self.client.publish(self.topics.alarm(key), payload, qos=1, retain=True)
                sent += 1
        for key in set(self._published) - set(now):
            self.client.publish(self.topics.alarm(key), b"", qos=1, retain=True)  # empty retained: gone
            sent += 1
        self._published = now
        return sent

    # -- commands in -------------------------------------------------------------------------
    def _on_connect(self, client, userdata, flags, reason_code, properties) -> None:
        if reason_code.is_failure:
            log.error("centre broker refused the engine: %s", reason_code)
            return
        client.subscribe(self.topics.shared_commands, qos=1)
        client.publish(self._status_topic, b'{"state": "online", "role": "engine"}', qos=1, retain=True)
        self._published = {}  # a new session: publish everything again (retained copies may be gone)
        self.connected.set()
        log.info("centre %s: engine connected to %s:%d", self.topics.centre, self._broker.host, self._broker.port)

    def _on_message(self, client, userdata, msg: mqtt.MQTTMessage) -> None:
        try:
            cmd = Command.parse(msg.payload)
        except ValueError as exc:
            log.warning("centre %s: %s (topic %s)", self.topics.centre, exc, msg.topic)
            self.store.quarantine("centre", msg.topic, msg.payload, str(exc))
            return
        self.applied += 1
        self.apply(cmd)

    def apply(self, cmd: Command) -> None:
        """Check ``cmd`` as the engine checks a desk's action, audit it, answer on its reply topic."""
        action = _ACTIONS[cmd.op]
        target = next((a for a in self.engine.open_alarms(include_suppressed=True) if alarm_key(a) == cmd.key), None)
        role = self.roles().get(cmd.user)
        if role is None:
            self.store.audit(cmd.user, action, cmd.key, {"via": "centre"}, outcome="denied: unknown user")
            return self._reply(cmd, "denied: unknown user")
        who = Actor(cmd.user, role)
        refused = refusal(who, action)
        if target is None:
            self.store.audit(cmd.user, action, cmd.key, {"via": "centre"}, outcome="rejected: not open")
            return self._reply(cmd, "rejected: not open")
        why = refused or _state_refusal(cmd.op, target)

        def done() -> None:
            self._reply(cmd, why or "ok")
            self.publish_changes()

        if cmd.op == "ack":
            self.engine.ack(target.id, who, cmd.comment, on_durable=done)
        elif cmd.op == "shelve":
            self.engine.shelve(target.id, who, cmd.seconds, cmd.reason, on_durable=done)
        else:
            self.engine.unshelve(target.id, who, on_durable=done)
        if refused:  # the engine audited the refusal; no durable callback follows one
            self._reply(cmd, refused)

    def _reply(self, cmd: Command, outcome: str) -> None:
        self.client.publish(self.topics.reply(cmd.id), outcome.encode("utf-8"), qos=1)


def _state_refusal(op: str, a: Alarm) -> str | None:
    """What the engine will refuse for the alarm's state, in words for the operator who asked."""
    if op == "ack" and a.state not in ("unack", "rtn_unack"):
        return f"rejected: already acknowledged by {a.acked_by}" if a.acked_by else f"rejected: state {a.state}"
    return None
