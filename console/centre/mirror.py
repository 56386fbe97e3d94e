"""A console's side: the centre's alarms as the broker holds them, and operator actions sent
as commands to the engine. It answers what a desk asks of an alarm engine (``open_alarms``,
``ack``, ``shelve``, ``unshelve``), so the alarm tiles and the status bar read it unchanged."""

from __future__ import annotations

import logging
import threading
import urllib.parse
from collections.abc import Callable

import paho.mqtt.client as mqtt

from console.alarms.engine import Alarm
from console.audit.permissions import Who, user_of
from console.centre.broker import Broker
from console.centre.wire import Command, Topics, alarm_from_payload

log = logging.getLogger(__name__)
_RANK = {"unack": 0, "acked": 1, "rtn_unack": 2, "shelved": 3, "suppressed": 4}


class CentreAlarms:
    """The centre's open alarms on this console; ``standalone`` while the broker is away
    (the alarms last received stay, as a wall keeps its last state)."""

    def __init__(self, broker: Broker, centre: str, console: str, on_change: Callable[[], None] | None = None) -> None:
        self.topics = Topics(centre)
        self.console = console
        self.on_change = on_change
        self._broker = broker
        self.client = broker.client(f"city-console-{console}")
        self.client.on_connect = self._on_connect
        self.client.on_disconnect = self._on_disconnect
        self.client.on_message = self._on_message
        self.client.will_set(self.topics.status(console), b'{"state": "offline"}', qos=1, retain=True)
        self._lock = threading.Lock()
        self._alarms: dict[str, Alarm] = {}  # key -> alarm (with this console's id for it)
        self._ids: dict[str, int] = {}  # key -> local id: the same key keeps its id across re-syncs
        self._keys: dict[int, str] = {}
        self.replies: dict[str, str] = {}  # command id -> the engine's outcome
        self._waiting: dict[str, Callable[[str], None]] = {}
        self.connected = threading.Event()

    @property
    def standalone(self) -> bool:
        return not self.connected.is_set()

    def start(self) -> CentreAlarms:
        self.client.connect_async(self._broker.host, self._broker.port, keepalive=10)
        self.client.loop_start()
        return self

    def stop(self) -> None:
        self.client.publish(self.topics.status(self.console), b'{"state": "offline"}', qos=1, retain=True)
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

    def shelve(self, alarm_id: int, who: Who, seconds: float | None, reason: str = "",
               on_durable: Callable[[], None] | None = None) -> str:
        return self._send("shelve", alarm_id, who, on_durable, seconds=seconds, reason=reason)

    def unshelve(self, alarm_id: int, who: Who, on_durable: Callable[[], None] | None = None) -> str:
        return self._send("unshelve", alarm_id, who, on_durable)

    def ack_key(self, key: str, user: str, comment: str = "", on_reply: Callable[[str], None] | None = None) -> str:
        """Acknowledge by the alarm's centre key (the headless CLI's way); returns the command id."""
        return self._publish(Command("ack", key, user, comment=comment), on_reply)

    def _send(self, op: str, alarm_id: int, who: Who, on_durable, **extra) -> str:
        key = self._keys.get(alarm_id)
        if key is None:
            raise KeyError(f"alarm #{alarm_id} is not one of the centre's")
        return self._publish(Command(op, key, user_of(who), **extra), (lambda _outcome: on_durable()) if on_durable else None)

    def _publish(self, cmd: Command, on_reply: Callable[[str], None] | None) -> str:
        if on_reply is not None:
            self._waiting[cmd.id] = on_reply
        self.client.subscribe(self.topics.reply(cmd.id), qos=1)
        self.client.publish(self.topics.commands, cmd.payload(), qos=1)
        return cmd.id

    # -- paho's thread -------------------------------------------------------------------------
    def _on_connect(self, client, userdata, flags, reason_code, properties) -> None:
        if reason_code.is_failure:
            log.error("centre %s: broker refused console %s: %s", self.topics.centre, self.console, reason_code)
            return
        client.subscribe(self.topics.alarms, qos=1)  # the retained states come again: a re-sync
        client.publish(self.topics.status(self.console), b'{"state": "online", "role": "console"}', qos=1, retain=True)
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
