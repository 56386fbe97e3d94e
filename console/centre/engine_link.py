"""The engine's side: every open alarm published retained under its key, and the operators'
commands taken from the centre's shared subscription, checked and audited by the alarm engine.

Hot standby: every engine of a centre runs its sources and its alarm engine, but one holds the
centre's lease (a retained message naming it) and only that one takes commands and publishes
alarm state. A standby mirrors what the operators did (acknowledgements, comments, shelving)
from the retained states into its own engine. When the holder's status goes offline (its last
will, sent by the broker when the connection drops; a clean stop gives the lease back at once),
a standby claims the lease; when several claim, the broker's order decides: every engine reads
the same last lease message."""

from __future__ import annotations

import json
import logging
import threading
import time
import urllib.parse
from collections.abc import Callable

import paho.mqtt.client as mqtt

from console.alarms.engine import Alarm, AlarmEngine, comment_refusal
from console.audit.permissions import Actor, refusal
from console.centre.broker import Broker, wait_sent
from console.centre.wire import Command, Topics, alarm_from_payload, alarm_key, alarm_payload

log = logging.getLogger(__name__)
PUBLISH_EVERY_S = 0.1  # how often the open alarms are compared with what the broker holds
KEEPALIVE_S = 2  # the broker sends an engine's last will 1.5 keep-alives after it went silent
ADOPT_EVERY_TICKS = 10  # a standby re-reads the held states once a second
CLAIM_AFTER_S = 0.5  # after connecting: time for the retained lease to arrive before claiming a free one
_ACTIONS = {"ack": "alarm.ack", "comment": "alarm.comment", "shelve": "alarm.shelve", "unshelve": "alarm.unshelve"}


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
        self.client.on_disconnect = self._on_disconnect
        self.client.on_subscribe = self._on_subscribe
        self._command_sub: int | None = None  # the message id of the command subscription's request
        self.client.will_set(self.topics.status(client_id), b'{"state": "offline"}', qos=1, retain=True)
        self._status_topic = self.topics.status(client_id)
        self._broker = broker
        self._published: dict[str, bytes] = {}  # key -> payload the broker holds (retained)
        self.client_id = client_id
        self.holder: str | None = None  # the engine holding the centre's lease, as last read
        self._online: dict[str, bool] = {}  # each console's and engine's retained status
        self._connected_at = 0.0
        self._retained: dict[str, bytes] = {}  # what the broker holds, as read while standing by
        self.active = threading.Event()  # this engine holds the lease
        self.took_over_at: float | None = None  # when this engine last became active (tests, support)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._publish_loop, name="centre-publish", daemon=True)
        self.connected = threading.Event()
        self.applied = 0  # commands taken (tests, support)

    def start(self) -> EngineLink:
        self.client.connect_async(self._broker.host, self._broker.port, keepalive=KEEPALIVE_S)
        self.client.loop_start()
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5)
        if self.active.is_set():  # give the lease back: a standby takes over at once
            self.active.clear()
            self.client.unsubscribe(self.topics.shared_commands)
            self.client.publish(self.topics.lease, b"", qos=1, retain=True)
        gone = self.client.publish(self._status_topic, b'{"state": "offline", "role": "engine"}', qos=1, retain=True)
        if self.connected.is_set():
            wait_sent(gone)
        self.client.disconnect()
        self.client.loop_stop()

    # -- alarm state out ------------------------------------------------------------------
    def _publish_loop(self) -> None:
        ticks = 0
        while not self._stop.wait(PUBLISH_EVERY_S):
            ticks += 1
            if not self.connected.is_set():
                continue
            if self.active.is_set():
                self.publish_changes()
            elif self._lease_free() and time.monotonic() - self._connected_at >= CLAIM_AFTER_S:
                self._claim()
            elif ticks % ADOPT_EVERY_TICKS == 0:
                self.adopt_all()

    def publish_changes(self) -> int:
        """Publish what changed since the last call (a closed alarm: its retained message deleted)."""
        if not self.active.is_set():
            return 0
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
        with self._lock:
            self.holder, self._online, self._connected_at = None, {}, time.monotonic()
            self.active.clear()
        client.subscribe([(self.topics.lease, 1), (self.topics.statuses, 1), (self.topics.alarms, 1)])
        client.publish(self._status_topic, b'{"state": "online", "role": "engine"}', qos=1, retain=True)
        self.connected.set()
        log.info("centre %s: engine connected to %s:%d", self.topics.centre, self._broker.host, self._broker.port)

    def _on_disconnect(self, client, userdata, flags, reason_code, properties) -> None:
        if self.connected.is_set():
            log.warning("centre %s: engine %s lost the broker (%s)", self.topics.centre, self.client_id, reason_code)
        self.connected.clear()
        self.active.clear()  # on reconnecting, the lease as the broker holds it decides

    # -- the lease -----------------------------------------------------------------------
    def _lease_free(self) -> bool:
        with self._lock:
            return self.holder is None or (self.holder != self.client_id and not self._online.get(self.holder, False))

    def _claim(self) -> None:
        log.warning("centre %s: engine %s claims the lease (holder %s is %s)", self.topics.centre, self.client_id,
                    self.holder or "none", "offline" if self.holder else "absent")
        self.client.publish(self.topics.lease, json.dumps({"holder": self.client_id, "ts": time.time()}).encode(),
                            qos=1, retain=True)
        self._connected_at = time.monotonic()  # one claim per wait: the broker answers with the lease

    def _take_lease(self, payload: bytes) -> None:
        try:
            holder = json.loads(payload).get("holder") if payload else None
        except (ValueError, AttributeError):
            holder = None
        with self._lock:
            was_active = self.active.is_set()
            self.holder = holder if isinstance(holder, str) else None
            mine = self.holder == self.client_id
        if mine and not was_active:
            with self._lock:
                # what the broker holds now is what differs: publish over it, delete what is not ours
                self._published = dict(self._retained)
            # active once the broker confirms the subscription: a command sent then reaches this engine
            _result, self._command_sub = self.client.subscribe(self.topics.shared_commands, qos=1)
        elif not mine and was_active:
            self.active.clear()
            self.client.unsubscribe(self.topics.shared_commands)
            log.warning("centre %s: engine %s stands by (%s holds the lease)", self.topics.centre, self.client_id, self.holder)

    def _on_subscribe(self, client, userdata, mid, reason_codes, properties) -> None:
        if mid != self._command_sub or self.holder != self.client_id:
            return
        self.active.set()
        self.took_over_at = time.time()
        log.warning("centre %s: engine %s is active", self.topics.centre, self.client_id)
        self.publish_changes()

    def _take_status(self, topic: str, payload: bytes) -> None:
        who = urllib.parse.unquote(topic.rsplit("/", 1)[1])
        try:
            online = bool(payload) and json.loads(payload).get("state") == "online"
        except (ValueError, AttributeError):
            online = False
        with self._lock:
            self._online[who] = online

    def _mirror(self, topic: str, payload: bytes) -> None:
        """A standby: what the broker holds, and the operators' part of it into its own engine."""
        key = urllib.parse.unquote(topic.rsplit("/", 1)[1])
        with self._lock:
            if payload:
                self._retained[key] = payload
            else:
                self._retained.pop(key, None)
        if payload and not self.active.is_set():
            self._adopt(key, payload)

    def _adopt(self, key: str, payload: bytes) -> None:
        try:
            theirs = alarm_from_payload(payload, 0)
        except ValueError as exc:
            log.warning("centre %s: alarm %s: %s", self.topics.centre, key, exc)
            return
        self.engine.adopt(theirs, source=self.holder or "centre")

    def adopt_all(self) -> None:
        """A standby: adopt again what its engine could not take when the state came (the alarm
        not yet raised from its own readings)."""
        with self._lock:
            held = list(self._retained.items())
        for key, payload in held:
            self._adopt(key, payload)

    def _on_message(self, client, userdata, msg: mqtt.MQTTMessage) -> None:
        if msg.topic == self.topics.lease:
            return self._take_lease(msg.payload)
        if msg.topic.startswith(self.topics.root + "/status/"):
            return self._take_status(msg.topic, msg.payload)
        if msg.topic.startswith(self.topics.root + "/alarm/"):
            return self._mirror(msg.topic, msg.payload)
        if not self.active.is_set():  # a command queued for the group before the lease moved
            log.warning("centre %s: standby %s passed on a command", self.topics.centre, self.client_id)
            return
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
        why = refused or _state_refusal(cmd, target)

        def done() -> None:
            self._reply(cmd, why or "ok")
            self.publish_changes()

        if cmd.op == "ack":
            self.engine.ack(target.id, who, cmd.comment, on_durable=done)
        elif cmd.op == "comment":
            self.engine.comment(target.id, who, cmd.comment, on_durable=done)
        elif cmd.op == "shelve":
            self.engine.shelve(target.id, who, cmd.seconds, cmd.reason, on_durable=done)
        else:
            self.engine.unshelve(target.id, who, on_durable=done)
        if refused:  # the engine audited the refusal; no durable callback follows one
            self._reply(cmd, refused)

    def _reply(self, cmd: Command, outcome: str) -> None:
        self.client.publish(self.topics.reply(cmd.id), outcome.encode("utf-8"), qos=1)


def _state_refusal(cmd: Command, a: Alarm) -> str | None:
    """What the engine will refuse for the alarm's state (or the command's text), in words for the operator who asked."""
    if cmd.op == "ack" and a.state not in ("unack", "rtn_unack"):
        return f"rejected: already acknowledged by {a.acked_by}" if a.acked_by else f"rejected: state {a.state}"
    if cmd.op == "comment" and comment_refusal(cmd.comment):
        return f"rejected: {comment_refusal(cmd.comment)}"
    return None
