"""An MQTT broker whose TLS handshake fails: the source is down with the reason on the
status bar's health and in the log, never a silent wait. The broker is a real TLS socket
on loopback with a certificate from a private CA the console was not told to trust."""

from __future__ import annotations

import logging
import socket
import ssl
import threading

import pytest

from console.hub.hub import Hub
from console.clock import Clock
from console.sources.mqtt_source import MqttSource
from console.settings.sources import parse_settings
from tests.source_servers import make_private_ca, wait_until


class FailingTlsBroker:
    """Accepts TCP and does the server side of TLS with its certificate; never speaks MQTT."""

    def __init__(self, ca_dir) -> None:
        self.ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.ctx.load_cert_chain(ca_dir / "srv.pem", ca_dir / "srv.key")
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.handshakes = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.handshakes += 1
            try:
                with self.ctx.wrap_socket(conn, server_side=True):
                    pass
            except (ssl.SSLError, OSError):
                pass

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def tls_broker(tmp_path):
    b = FailingTlsBroker(make_private_ca(tmp_path, "Unknown Broker CA"))
    yield b
    b.close()


def test_a_tls_handshake_failure_is_logged_and_shown_as_the_source_state(tmp_path, store, tls_broker, caplog):
    hub = Hub(store, Clock())
    cfg = parse_settings({"sources": [{
        "name": "broker", "type": "mqtt", "host": "127.0.0.1", "port": tls_broker.port, "tls": True,
        "timeout_s": 2, "max_backoff_s": 0.5, "topics": [{"filter": "city/#", "payload": "plain",
                                                            "mapping": {"stream": "x/{1}"}}]}]}).sources[0]
    src = MqttSource(cfg, hub)
    with caplog.at_level(logging.WARNING, logger="console.sources.mqtt_source"):
        src.start()
        try:
            wait_until(lambda: src.health.last_error, 10, what="the TLS failure on the source's health")
        finally:
            src.stop()
    assert tls_broker.handshakes >= 1
    assert src.health.live is False
    assert "TLS handshake failed: certificate not trusted" in src.health.last_error
    assert "TLS handshake failed" in caplog.text and "source broker" in caplog.text
