"""A console's side: the centre's alarms as the broker holds them, and operator actions sent
as commands to the engine. It answers what a desk asks of an alarm engine (``open_alarms``,
``ack``, ``comment``, ``shelve``, ``unshelve``), so the alarm tiles and the status bar read it unchanged."""

from __future__ import annotations

import json
import logging
import threading
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass

import paho.mqtt.client as mqtt
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties

from console.alarms.engine import Alarm
from console.audit.permissions import Who, user_of
from console.centre.broker import Broker, wait_sent
from console.centre.wire import Command, Topics, alarm_from_payload

log = logging.getLogger(__name__)
OFFLINE_SHOWN_S = 86400  # how long the broker keeps a dead console's "offline" for the others to see
@dataclass(frozen=True)
class Member:
    name: str
    role: str  # engine | console | wall
    online: bool


_RANK = {"unack": 0, "acked": 1, "rtn_unack": 2, "shelved": 3, "suppressed": 4}


class CentreAlarms:
    """The centre's open alarms on this console; ``standalone`` while the broker is away
    (the alarms last received stay, as a wall keeps its last state)."""

    def __init__(self, broker: Broker, centre: str, console: str, on_change: Callable[[], None] | None = None,
                 role: str = "console") -> None:
        self.topics = Topics(centre)
        self.console = console
        self.role = role  # console | wall | cli: what the centre's other members see of this one
        self.on_change = on_change
        self._broker = self.broker = broker
        self.client = broker.client(f"city-console-{console}")
        self.client.on_connect = self._on_connect
        self.client.on_disconnect = self._on_disconnect
        self.client.on_message = self._on_message
        will = Properties(PacketTypes.WILLMESSAGE)
        will.MessageExpiryInterval = OFFLINE_SHOWN_S
        self.client.will_set(self.topics.status(console), json.dumps({"state": "offline", "role": role}).encode(),
                             qos=1, retain=True, properties=will)
        self._lock = threading.Lock()
        self._alarms: dict[str, Alarm] = {}  # key -> alarm (with this console's id for it)
        self._ids: dict[str, int] = {}  # key -> local id: the same key keeps its id across re-syncs
        self._keys: dict[int, str] = {}
        self.replies: dict[str, str] = {}  # command id -> the engine's outcome
        self._waiting: dict[str, Callable[[str], None]] = {}
        self._walls: dict[str, dict] = {}  # console -> what its screens show (its retained wall state)
        self._members: dict[str, Member] = {}  # every console, wall PC and engine of the centre, by its status
        self.connected = threading.Event()

    @property
    def standalone(self) -> bool:
        return not self.connected.is_set()

    def start(self) -> CentreAlarms:
        self.client.connect_async(self._broker.host, self._broker.port, keepalive=10)
        self.client.loop_start()
        return self

    def stop(self) -> None:
        # a clean stop leaves the list; a console that died stays listed offline for a day (its last will)
        gone = self.client.publish(self.topics.status(self.console), b"", qos=1, retain=True)
        if self.connected.is_set():
            wait_sent(gone)
        self.client.disconnect()
        self.client.loop_stop()

    # -- what a desk reads --------------------------------------------------------------------
    def open_alarms(self, include_suppressed: bool = False) -> list[Alarm]:
        with self._lock:
            alarms = [a for a in self._alarms.values() if include_suppressed or a.state != "suppressed"]
        return sorted(alarms, key=lambda a: (_RANK.get(a.state, 5), -a.severity, -a.raised_ts))

    def key_of(self, alarm_id: int) -> str | None:
        return self._keys.get(alarm_id)

    def pending(self) -> list[tuple[str, str, float]]:
        return []  # the engine's delays are its own

    # -- what a desk does ---------------------------------------------------------------------
    def ack(self, alarm_id: int, who: Who, comment: str = "", on_durable: Callable[[], None] | None = None) -> str:
        return self._send("ack", alarm_id, who, on_durable, comment=comment)

    def comment(self, alarm_id: int, who: Who, text: str, on_durable: Callable[[], None] | None = None) -> str:
        return self._send("comment", alarm_id, who, on_durable, comment=text)

    def shelve(self, alarm_id: int, who: Who, seconds: float | None, reason: str = "",
               on_durable: Callable[[], None] | None = None) -> str:
        return self._send("shelve", alarm_id, who, on_durable, seconds=seconds, reason=reason)

    def unshelve(self, alarm_id: int, who: Who, on_durable: Callable[[], None] | None = None) -> str:
        return self._send("unshelve", alarm_id, who, on_durable)

    def ack_key(self, key: str, user: str, comment: str = "", on_reply: Callable[[str], None] | None = None) -> str:
        """Acknowledge by the alarm's centre key (the headless CLI's way); returns the command id."""
        return self._publish(Command("ack", key, user, comment=comment), on_reply)

    def comment_key(self, key: str, user: str, text: str, on_reply: Callable[[str], None] | None = None) -> str:
        """Comment on an alarm by its centre key, without acknowledging it; returns the command id."""
        return self._publish(Command("comment", key, user, comment=text), on_reply)

    def _send(self, op: str, alarm_id: int, who: Who, on_durable, **extra) -> str:
        key = self._keys.get(alarm_id)
        if key is None:
            raise KeyError(f"alarm #{alarm_id} is not one of the centre's")
        return self._publish(Command(op, key, user_of(who), **extra), (lambda _outcome: on_durable()) if on_durable else None)

    def _publish(self, cmd: Command, on_reply: Callable[[str], None] | None) -> str:
        return self.request(self.topics.commands, cmd.payload(), cmd.id, on_reply)

    def request(self, topic: str, payload: bytes, reply_id: str, on_reply: Callable[[str], None] | None) -> str:
        """Send a command and have ``on_reply(outcome)`` called when its answer comes on ``reply/<id>``."""
        if on_reply is not None:
            self._waiting[reply_id] = on_reply
        self.client.subscribe(self.topics.reply(reply_id), qos=1)
        self.client.publish(topic, payload, qos=1)
        return reply_id

    def walls(self) -> dict[str, dict]:
        """Each wall console's retained state: ``{console: {"screens": {screen: {"layout", "reason", ...}}, "ts"}}``."""
        with self._lock:
            return dict(self._walls)

    # -- paho's thread -------------------------------------------------------------------------
    def _on_connect(self, client, userdata, flags, reason_code, properties) -> None:
        if reason_code.is_failure:
            log.error("centre %s: broker refused console %s: %s", self.topics.centre, self.console, reason_code)
            return
        client.subscribe([(self.topics.alarms, 1), (self.topics.statuses, 1), (f"{self.topics.root}/wall/+/state", 1)])  # the retained states come again: a re-sync
        client.publish(self.topics.status(self.console), json.dumps({"state": "online", "role": self.role}).encode(),
                       qos=1, retain=True)
        self.connected.set()
        log.info("centre %s: console %s connected", self.topics.centre, self.console)

    def _on_disconnect(self, client, userdata, flags, reason_code, properties) -> None:
        if self.connected.is_set():
            log.warning("centre %s: broker lost (%s): standalone, last alarms kept", self.topics.centre, reason_code)
        self.connected.clear()
        self._changed()

    def _on_message(self, client, userdata, msg: mqtt.MQTTMessage) -> None:
        root = self.topics.root + "/"
        kind, _, rest = msg.topic[len(root):].partition("/") if msg.topic.startswith(root) else ("", "", "")
        if kind == "reply":
            outcome = msg.payload.decode("utf-8", "replace")
            self.replies[rest] = outcome
            client.unsubscribe(msg.topic)
            callback = self._waiting.pop(rest, None)
            if callback is not None:
                callback(outcome)
        elif kind == "alarm":
            self._take_alarm(msg)
        elif kind == "status":
            self._take_status(urllib.parse.unquote(rest), msg.payload)
        elif kind == "wall" and rest.endswith("/state"):
            self._take_wall(urllib.parse.unquote(rest.rsplit("/", 1)[0]), msg.payload)

    def _take_wall(self, name: str, payload: bytes) -> None:
        try:
            d = json.loads(payload) if payload else None
        except ValueError:
            log.warning("centre %s: wall %s: a state that is not JSON", self.topics.centre, name)
            return
        with self._lock:
            if isinstance(d, dict):
                self._walls[name] = d
            else:
                self._walls.pop(name, None)
        self._changed()

    def _take_status(self, name: str, payload: bytes) -> None:
        try:
            d = json.loads(payload) if payload else {}
        except ValueError:
            d = {}
        if not isinstance(d, dict):
            d = {}
        with self._lock:
            if not payload:
                self._members.pop(name, None)
            else:
                self._members[name] = Member(name, str(d.get("role") or "?"), d.get("state") == "online")
        self._changed()

    def members(self) -> list[Member]:
        """Every console, wall PC and engine that has said its state to the centre (this one too),
        online ones first; a CLI's passing visits are left out."""
        with self._lock:
            found = [m for m in self._members.values() if m.role != "cli"]
        return sorted(found, key=lambda m: (not m.online, m.role, m.name))

    def _take_alarm(self, msg: mqtt.MQTTMessage) -> None:
        key = urllib.parse.unquote(msg.topic.rsplit("/", 1)[1])
        with self._lock:
            if not msg.payload:  # closed at the engine
                self._alarms.pop(key, None)
            else:
                local = self._ids.setdefault(key, len(self._ids) + 1)
                self._keys[local] = key
                try:
                    self._alarms[key] = alarm_from_payload(msg.payload, local)
                except ValueError as exc:
                    log.warning("centre %s: alarm %s: %s", self.topics.centre, key, exc)
                    return
        self._changed()

    def _changed(self) -> None:
        if self.on_change is not None:
            self.on_change()

