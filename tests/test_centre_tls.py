"""The centre over TLS, as docs/mosquitto.conf shows it: Debian's mosquitto with the documented
TLS listener lines and a certificate from a throwaway city CA for localhost. A console trusts the
OS store: with the CA in it (``SSL_CERT_FILE``, as a city's IT department installs it) the CLI
lists the engine's alarms through the centre; without it the CLI fails at once, saying the
certificate is not trusted and what to do, rather than waiting or falling back to standalone."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from console.centre.broker import Broker
from console.centre.wire import alarm_key
from tests.source_servers import Mosquitto, make_private_ca, wait_until
from tests.test_centre import _raise_two, engine_of

ROOT = Path(__file__).resolve().parents[1]


def documented_tls_lines(port: int, certs: Path) -> list[str]:
    """docs/mosquitto.conf's TLS listener block, with this test's port and certificate files."""
    lines = (ROOT / "docs" / "mosquitto.conf").read_text(encoding="utf-8").splitlines()
    start = lines.index("listener 8883")
    block = lines[start:lines.index("", start) if "" in lines[start:] else None]
    files = {"certfile": certs / "srv.pem", "keyfile": certs / "srv.key"}
    out = []
    for line in block:
        word = line.split(" ")[0]
        if word == "listener":
            out.append(f"listener {port} 127.0.0.1")
        elif word in files:
            out.append(f"{word} {files.pop(word)}")
        else:
            out.append(line)
    assert not files, f"docs/mosquitto.conf's TLS block has no {', '.join(files)}"
    return out


@pytest.fixture
def tls_centre(tmp_path, monkeypatch):
    (tmp_path / "ca").mkdir()
    certs = make_private_ca(tmp_path / "ca", "Shouguang City CA", san="DNS:localhost,IP:127.0.0.1")
    (tmp_path / "broker").mkdir()
    broker = Mosquitto(tmp_path / "broker")
    plain = [ln for ln in broker.conf.read_text().splitlines() if not ln.startswith("listener ")]
    broker.conf.write_text("\n".join(documented_tls_lines(broker.port, certs) + plain) + "\n")
    broker.start()
    monkeypatch.setenv("SSL_CERT_FILE", str(certs / "ca.pem"))  # this process's engine trusts the city CA
    store, hub, engine, link = engine_of(tmp_path, Broker.parse(f"mqtts://localhost:{broker.port}"))
    assert link.connected.wait(10), link.client.failure()
    yield broker, certs, store, hub, engine
    link.stop()
    store.close()
    broker.stop()


def _alarms_list(settings: Path, cache: Path, ca: Path | None):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("SSL_CERT_FILE", None)
    env.pop("SSL_CERT_DIR", None)
    if ca is not None:
        env["SSL_CERT_FILE"] = str(ca)
    return subprocess.run([sys.executable, "-m", "console", "alarms", "list", "--json", "--settings", str(settings),
                           "--cache", str(cache)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)


def test_the_cli_lists_the_centres_alarms_over_tls_with_the_city_ca_in_the_os_store(tls_centre, tmp_path):
    broker, certs, store, hub, engine = tls_centre
    _raise_two(hub, store)
    wait_until(lambda: len(engine.open_alarms()) == 2, 10, 0.02, "the engine's two alarms")
    settings = tmp_path / "settings.toml"
    settings.write_text(f'[centre]\nname = "寿光"\nbroker = "mqtts://localhost:{broker.port}"\n', encoding="utf-8")
    out = _alarms_list(settings, tmp_path / "desk", certs / "ca.pem")
    assert out.returncode == 0, out.stderr
    listed = json.loads(out.stdout)
    assert listed["mode"] == "centre"
    assert {r["key"] for r in listed["alarms"]} == {alarm_key(a) for a in engine.open_alarms()}


def test_without_the_city_ca_the_cli_fails_saying_the_certificate_is_not_trusted(tls_centre, tmp_path):
    broker, _certs, _store, _hub, _engine = tls_centre
    settings = tmp_path / "settings.toml"
    settings.write_text(f'[centre]\nname = "寿光"\nbroker = "mqtts://localhost:{broker.port}"\n', encoding="utf-8")
    out = _alarms_list(settings, tmp_path / "desk", None)
    assert out.returncode == 2 and out.stdout == "", (out.stdout, out.stderr)
    assert f"centre broker mqtts://localhost:{broker.port}: TLS handshake failed: certificate not trusted" in out.stderr
    assert "unable to get local issuer certificate" in out.stderr and "CA certificate" in out.stderr, out.stderr
    assert "standalone" not in out.stderr
