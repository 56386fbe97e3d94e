"""A wall's side of the centre: operators' wall commands taken from the broker, and the wall's
state retained for every desk.

A console with ``[centre]`` listens on ``centre/<name>/wall/<console>/cmd`` for
``{"op", "screen", "arg", "user", "id", "ts"}`` (``op``: layout, play, tile (``LAYOUT/N`` or ``LAYOUT/KIND``: one tile big), release, hold, next,
previous, veto, stop) and hands each to its wall driver on the GUI thread, which checks the
named operator's role and audits the command as it does a key pressed at the wall. The outcome
goes back on ``reply/<id>``. What each screen shows is published retained under
``wall/<console>/state``, so a desk (or ``city-console wall state``) reads it at once.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

import paho.mqtt.client as mqtt

from console.centre.broker import Broker, wait_sent
from console.centre.wire import Topics, parse_op_message

log = logging.getLogger(__name__)
WALL_OPS = ("layout", "play", "tile", "release", "hold", "next", "previous", "veto", "stop")
NEEDS_ARG = ("layout", "play", "tile")


@dataclass(frozen=True)
class WallCommand:
    op: str
    screen: str
    user: str
    arg: str = ""
    ts: float = field(default_factory=time.time)
    id: str = field(default_factory=lambda: uuid.uuid4().hex)

    def payload(self) -> bytes:
        return json.dumps(asdict(self), ensure_ascii=False).encode("utf-8")

    @classmethod
    def parse(cls, payload: bytes) -> WallCommand:
        """Raises ValueError naming what is wrong."""
        c = parse_op_message(cls, payload, WALL_OPS, "wall command")
        if not c.user or not c.screen:
            raise ValueError("a wall command needs a user and a screen")
        if c.op in NEEDS_ARG and not c.arg:
            raise ValueError(f"wall command {c.op} needs the layout, playlist or tile to show")
        return c


def wall_cmd_topic(topics: Topics, wall: str) -> str:
    return f"{topics.root}/wall/{_level(wall)}/cmd"


def wall_state_topic(topics: Topics, wall: str) -> str:
    return f"{topics.root}/wall/{_level(wall)}/state"


def _level(name: str) -> str:
    import urllib.parse

    return urllib.parse.quote(name, safe="")


class WallLink:
    """Commands for this console's wall in, its state out. ``on_command(cmd, answer)`` runs on
    paho's thread: the GUI marshals it to its own and calls ``answer(outcome)`` when done."""

    def __init__(self, broker: Broker, centre: str, wall: str,
                 on_command: Callable[[WallCommand, Callable[[str], None]], None],
                 quarantine: Callable[[str, str, bytes, str], None] | None = None) -> None:
        self.topics = Topics(centre)
        self.wall = wall
        self.on_command = on_command
        self.quarantine = quarantine
        self._broker = broker
        self.client = broker.client(f"city-console-wall-{wall}")
        self.client.on_connect = self._on_connect
        self.client.on_message = self._on_message
        self._state: bytes | None = None
        self.taken = 0  # commands handed on (tests, support)

    def start(self) -> WallLink:
        self.client.connect_async(self._broker.host, self._broker.port, keepalive=10)
        self.client.loop_start()
        return self

    def stop(self) -> None:
        if self.client.is_connected():
            wait_sent(self.client.publish(wall_state_topic(self.topics, self.wall), b"", qos=1, retain=True))
        self.client.disconnect()
        self.client.loop_stop()

    def publish_state(self, screens: dict[str, dict]) -> None:
        """What each screen shows now (``{screen: {"layout", "reason", ...}}``), retained."""
        payload = json.dumps({"wall": self.wall, "ts": time.time(), "screens": screens}, ensure_ascii=False).encode("utf-8")
        self._state = payload
        self.client.publish(wall_state_topic(self.topics, self.wall), payload, qos=1, retain=True)

    def _on_connect(self, client, userdata, flags, reason_code, properties) -> None:
        if reason_code.is_failure:
            log.error("centre %s: broker refused wall %s: %s", self.topics.centre, self.wall, reason_code)
            return
        client.subscribe(wall_cmd_topic(self.topics, self.wall), qos=1)
        if self._state is not None:
            client.publish(wall_state_topic(self.topics, self.wall), self._state, qos=1, retain=True)

    def _on_message(self, client, userdata, msg: mqtt.MQTTMessage) -> None:
        try:
            cmd = WallCommand.parse(msg.payload)
        except ValueError as exc:
            log.warning("centre %s: wall %s: %s", self.topics.centre, self.wall, exc)
            if self.quarantine is not None:
                self.quarantine("centre", msg.topic, msg.payload, str(exc))
            return
        self.taken += 1
        self.on_command(cmd, lambda outcome: client.publish(self.topics.reply(cmd.id), outcome.encode("utf-8"), qos=1))
