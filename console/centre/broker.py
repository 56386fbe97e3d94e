"""The centre's broker address (``[centre] broker = "mqtts://host:8883"``) and a paho client for it."""

from __future__ import annotations

import logging
import ssl
import sys
import threading
import urllib.parse
from dataclasses import dataclass

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion

from console.sources import secret_refs
from console.sources.tls import connect_failure, ssl_context

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Broker:
    host: str
    port: int
    tls: bool
    username: str | None = None
    password: str | None = None  # a secret reference (env:/keyring:), resolved at connect

    @classmethod
    def parse(cls, url: str, username: str | None = None, password: str | None = None) -> Broker:
        """``mqtt://host[:1883]`` (a lab network) or ``mqtts://host[:8883]``; ValueError otherwise."""
        u = urllib.parse.urlsplit(url)
        if u.scheme not in ("mqtt", "mqtts") or not u.hostname:
            raise ValueError(f"centre broker {url!r}: expected mqtts://host:port (or mqtt:// on a lab network)")
        tls = u.scheme == "mqtts"
        return cls(u.hostname, u.port or (8883 if tls else 1883), tls, username, password)

    @property
    def url(self) -> str:
        return f"{'mqtts' if self.tls else 'mqtt'}://{self.host}:{self.port}"

    def client(self, client_id: str, manual_ack: bool = False) -> CentreClient:
        c = CentreClient(CallbackAPIVersion.VERSION2, client_id=client_id[:64], protocol=mqtt.MQTTv5, manual_ack=manual_ack)
        c.broker = self
        if self.username:
            c.username_pw_set(secret_refs.resolve(self.username), secret_refs.resolve(self.password) if self.password else None)
        if self.tls:
            c.tls_set_context(ssl_context({}))  # the OS trust store
        c.reconnect_delay_set(min_delay=0.2, max_delay=5)
        c.on_connect_fail = _connect_failed
        return c


class CentreClient(mqtt.Client):
    """A paho client that keeps why its last connection attempt failed (paho retries and says nothing)."""

    broker: Broker
    last_error: BaseException | None = None  # why the last failed attempt failed

    @property
    def certificate_refused(self) -> bool:
        """The broker's certificate is not trusted here: retrying will not help (a set-up fault)."""
        return isinstance(self.last_error, ssl.SSLError)

    def failure(self) -> str:
        """Why this client is not connected, in words for the operator; the TLS case says what to do."""
        why = connect_failure(self.last_error)
        if isinstance(self.last_error, ssl.SSLCertVerificationError):
            why += ("; this console trusts the operating system's certificate store: install the centre's CA "
                    "certificate there (or point SSL_CERT_FILE at it)")
        return f"centre broker {self.broker.url}: {why}"


def _connect_failed(client: CentreClient, _userdata) -> None:
    exc = sys.exc_info()[1]  # paho calls this inside its except block
    if type(exc) is not type(client.last_error) or str(exc) != str(client.last_error):  # once per kind of failure
        client.last_error = exc
        log.warning("%s", client.failure())



class BrokerWorker:
    """A connection of its own to the centre's broker and one thread beside paho's: ``start``
    connects and runs ``_run`` (which returns when ``_stop`` is set), ``stop`` ends both."""

    join_s = 5.0

    def __init__(self, broker: Broker, client_id: str, thread_name: str, manual_ack: bool = False) -> None:
        self._broker = broker
        self.client = broker.client(client_id, manual_ack=manual_ack)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=thread_name, daemon=True)

    def _run(self) -> None:
        raise NotImplementedError

    def start(self):
        self.client.connect_async(self._broker.host, self._broker.port, keepalive=10)
        self.client.loop_start()
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(self.join_s)
        self.client.disconnect()
        self.client.loop_stop()


def wait_sent(info: mqtt.MQTTMessageInfo, within_s: float = 2.0) -> None:
    """Let a goodbye reach the broker before the connection closes (a closed one drops it)."""
    try:
        info.wait_for_publish(within_s)
    except (RuntimeError, ValueError):  # not connected after all: the last will says it
        pass
