"""Every console's audit trail in one archive: the active engine's cache.

A console keeps writing its own audit rows (logins, layout and wall changes, refusals) into its
own cache, as a standalone console does. ``AuditShipper`` sends the rows it has not yet seen
archived, a batch at a time, to ``centre/<name>/audit/<console>``; the active engine
(``AuditArchive``, through a shared subscription held only while it holds the lease) writes them
into its trail with the console's name and the row's own id, and confirms each batch on ``audit-ok/<console>``.
The console moves its mark (in its cache's meta table) only on that answer, so a batch lost to a
broker outage, an engine's death or a restart is sent again; the archive keeps one row per
(console, id), so a batch sent twice counts once. ``city-console audit export`` on the engine's
cache then lists every console's rows, with the console in the last column.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import urllib.parse
import uuid

import paho.mqtt.client as mqtt

from console.centre.broker import Broker, BrokerWorker
from console.centre.wire import ENGINES_GROUP, Topics
from console.store.store import Store

log = logging.getLogger(__name__)
SHIP_EVERY_S = 1.0
BATCH = 500
ANSWER_S = 5.0  # no answer in this long: the batch goes again
MARK = "centre_audit_shipped"  # the meta key: the last own audit id the archive confirmed


def _audit_topic(topics: Topics, console: str) -> str:
    return f"{topics.root}/audit/{urllib.parse.quote(console, safe='')}"


def _answer_topic(topics: Topics, console: str) -> str:
    """Where the archive confirms a console's batch (the payload: the batch's id)."""
    return f"{topics.root}/audit-ok/{urllib.parse.quote(console, safe='')}"


class AuditShipper(BrokerWorker):
    """A console's side: its own audit rows to the centre's archive, each confirmed."""

    def __init__(self, store: Store, broker: Broker, centre: str, console: str) -> None:
        super().__init__(broker, f"{console}-audit", "centre-audit")
        self.store = store
        self.topics = Topics(centre)
        self.console = console
        self.client.on_connect = self._on_connect
        self.client.on_message = self._on_message
        self._answers: dict[str, threading.Event] = {}
        self.connected = threading.Event()
        self.shipped = int(store.meta(MARK) or 0)

    join_s = ANSWER_S + 1

    def _on_connect(self, client, userdata, flags, reason_code, properties) -> None:
        if not reason_code.is_failure:
            client.subscribe(_answer_topic(self.topics, self.console), qos=1)
            self.connected.set()

    def _on_message(self, client, userdata, msg: mqtt.MQTTMessage) -> None:
        waiting = self._answers.get(msg.payload.decode("utf-8", "replace"))
        if waiting is not None:
            waiting.set()

    def _run(self) -> None:
        while not self._stop.wait(SHIP_EVERY_S):
            try:
                while self.connected.is_set() and not self._stop.is_set() and self.ship_once():
                    pass
            except Exception:  # the thread must outlive one bad batch
                log.exception("centre audit: shipping failed")

    def ship_once(self) -> int:
        """Send the next batch and wait for the archive's answer; how many rows it confirmed."""
        rows = self.store.own_audit_after(self.shipped, BATCH)
        if not rows or not self.client.is_connected():
            return 0
        batch = uuid.uuid4().hex
        answered = self._answers[batch] = threading.Event()
        try:
            payload = json.dumps({"batch": batch, "rows": rows}, ensure_ascii=False).encode("utf-8")
            self.client.publish(_audit_topic(self.topics, self.console), payload, qos=1)
            if not answered.wait(ANSWER_S):
                log.info("centre audit: no answer from the archive for %d rows; sending again", len(rows))
                return 0
        finally:
            self._answers.pop(batch, None)
        self.shipped = int(rows[-1][0])
        self.store.set_meta(MARK, str(self.shipped))
        return len(rows)


class AuditArchive(BrokerWorker):
    """The engine's side: every console's audit rows into its cache, while it is active."""

    def __init__(self, store: Store, broker: Broker, centre: str, engine_id: str, active: threading.Event) -> None:
        super().__init__(broker, f"{engine_id}-audit", "centre-archive")
        self.join_s = 2.0
        self.store = store
        self.topics = Topics(centre)
        self.active = active
        self.client.on_connect = lambda *_a: self._subscribed.clear()
        self.client.on_message = self._on_message
        self._subscribed = threading.Event()
        self.archived = 0

    @property
    def _shared(self) -> str:
        return f"$share/{ENGINES_GROUP}/{self.topics.root}/audit/+"

    def _run(self) -> None:
        """Subscribed while this engine holds the lease: a standby's archive takes nothing."""
        while not self._stop.wait(0.2):
            if not self.client.is_connected():
                continue
            if self.active.is_set() and not self._subscribed.is_set():
                self.client.subscribe(self._shared, qos=1)
                self._subscribed.set()
            elif not self.active.is_set() and self._subscribed.is_set():
                self.client.unsubscribe(self._shared)
                self._subscribed.clear()

    def _on_message(self, client, userdata, msg: mqtt.MQTTMessage) -> None:
        if not self.active.is_set():
            return  # no answer: the console sends it again, to the engine that holds the lease
        origin = urllib.parse.unquote(msg.topic.rsplit("/", 1)[-1])
        try:
            doc = json.loads(msg.payload)
            batch = str(doc["batch"])
            rows = [tuple(r) for r in doc["rows"]]
            if any(len(r) != 7 for r in rows):
                raise ValueError("an audit row has 7 fields")
        except (ValueError, TypeError, KeyError) as exc:
            self.store.quarantine("centre-audit", msg.topic, msg.payload, f"not an audit batch: {exc}")
            log.warning("centre audit: a message from %s is not an audit batch: %s", origin, exc)
            return
        self.archived += self.store.archive_audit(origin, rows)
        client.publish(_answer_topic(self.topics, origin), batch.encode(), qos=1)
        log.debug("centre audit: %d rows of %s archived (%s)", len(rows), origin, time.strftime("%H:%M:%S"))
