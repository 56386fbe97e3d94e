"""What goes over the broker: topics, alarm keys, alarm state and commands as JSON."""

from __future__ import annotations

import hashlib
import json
import socket
import time
import urllib.parse
import uuid
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from console.alarms.engine import Alarm, comments_from
from console.languages import Text, text_from_record, text_record

OPS = ("ack", "comment", "shelve", "unshelve")
ENGINES_GROUP = "engines"  # the shared subscription's group: one engine of the centre takes each command


def console_id(role: str, cache_path: str) -> str:
    """A console's lasting name at the broker: its host, its role and its cache (the same after
    a restart; another for each cache, so two consoles on one PC differ)."""
    digest = hashlib.sha1(cache_path.encode("utf-8")).hexdigest()[:10]
    return f"{socket.gethostname()}-{role}-{digest}"[:52]


def alarm_key(a: Alarm) -> str:
    """The alarm's name on the wire, the same on every console: ``rule:stream@raised_ts``."""
    return f"{a.rule}:{a.stream}@{a.raised_ts:.3f}"


@dataclass(frozen=True)
class Topics:
    centre: str

    @property
    def root(self) -> str:
        return f"centre/{urllib.parse.quote(self.centre, safe='')}"

    def alarm(self, key: str) -> str:
        # a key holds '/' (streams): quoted into one topic level, so '#' below the root is every alarm
        return f"{self.root}/alarm/{urllib.parse.quote(key, safe='')}"

    @property
    def alarms(self) -> str:
        return f"{self.root}/alarm/+"

    @property
    def commands(self) -> str:
        return f"{self.root}/cmd"

    @property
    def shared_commands(self) -> str:
        return f"$share/{ENGINES_GROUP}/{self.commands}"

    @property
    def lease(self) -> str:
        """Retained: which engine of the centre is active (``{"holder": id}``); empty when none is."""
        return f"{self.root}/engine/lease"

    @property
    def readings(self) -> str:
        """The active engine's readings, a batch a message (QoS 1, not retained)."""
        return f"{self.root}/readings"

    @property
    def latest(self) -> str:
        """Retained: the last reading of every stream (zlib-compressed readings JSON)."""
        return f"{self.root}/latest"

    def entities(self, kind: str) -> str:
        """Retained: every entity of one kind, with its streams (zlib-compressed JSON)."""
        return f"{self.root}/entities/{urllib.parse.quote(kind, safe='')}"

    @property
    def all_entities(self) -> str:
        return f"{self.root}/entities/+"

    @property
    def statuses(self) -> str:
        return f"{self.root}/status/+"

    def reply(self, command_id: str) -> str:
        return f"{self.root}/reply/{command_id}"

    def status(self, console: str) -> str:
        return f"{self.root}/status/{urllib.parse.quote(console, safe='')}"


def alarm_payload(a: Alarm) -> bytes:
    d = asdict(a)
    d.pop("id")  # local to each cache
    # the message as the engine wrote it, and its template and arguments: each console shows it in its own language
    d["message"] = str(a.message)
    d["message_text"] = text_record(a.message) if isinstance(a.message, Text) else None
    return json.dumps({"key": alarm_key(a), **d}, ensure_ascii=False).encode("utf-8")


def alarm_from_payload(payload: bytes, local_id: int) -> Alarm:
    """An alarm from its retained message; ``local_id`` is the mirror's own id for it.
    Raises ValueError (with what is wrong) on a message that is not one."""
    try:
        d = json.loads(payload)
        text = d.pop("message_text", None) if isinstance(d, dict) else None
        known = {f.name for f in fields(Alarm)} - {"id"}
        # a newer engine's fields this console does not know yet are left out, not a broken alarm
        d = {k: v for k, v in d.items() if k in known}
        d["comments"] = comments_from(d.get("comments"))
        if text:
            d["message"] = text_from_record(text)
        return Alarm(id=local_id, **d)
    except (ValueError, TypeError, AttributeError) as exc:
        raise ValueError(f"not an alarm state: {exc}") from exc


@dataclass(frozen=True)
class Command:
    op: str
    key: str
    user: str
    comment: str = ""
    seconds: float | None = None
    reason: str = ""
    ts: float = field(default_factory=time.time)
    id: str = field(default_factory=lambda: uuid.uuid4().hex)

    def payload(self) -> bytes:
        return json.dumps(asdict(self), ensure_ascii=False).encode("utf-8")

    @classmethod
    def parse(cls, payload: bytes) -> Command:
        """Raises ValueError naming what is wrong."""
        c = parse_op_message(cls, payload, OPS, "command")
        if not c.user or not c.key:
            raise ValueError("a command needs a user and an alarm key")
        return c


def parse_op_message(cls, payload: bytes, ops: tuple[str, ...], noun: str):
    """``cls(**json)`` of a message whose ``op`` is one of ``ops``; ValueError naming what is wrong."""
    try:
        d: dict[str, Any] = json.loads(payload)
    except ValueError as exc:
        raise ValueError(f"not a {noun}: {exc}") from exc
    if not isinstance(d, dict) or d.get("op") not in ops:
        op = d.get("op") if isinstance(d, dict) else None
        raise ValueError(f"unknown {noun} {op!r}; one of {', '.join(ops)}")
    try:
        return cls(**d)
    except TypeError as exc:
        raise ValueError(f"not a {noun}: {exc}") from exc
