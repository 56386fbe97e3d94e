"""``verify = false`` means false, even with REQUESTS_CA_BUNDLE in the environment (requests
would quietly turn verification back on with that bundle), and the window says so."""

from __future__ import annotations

import ssl

from console.app.runtime import Runtime, RuntimeOptions
from console.sources.http_source import HttpSource
from console.settings.sources import parse_settings
from tests.language_helpers import english
from tests.source_servers import LoopbackServer, make_private_ca, wait_until


def _https_server(ca_dir):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(ca_dir / "srv.pem", ca_dir / "srv.key")
    return LoopbackServer(lambda req: (200, {"Content-Type": "application/json"}, b'{"data": [{"code": "G1", "level": 1.5}]}'),
                          ssl_context=ctx).start()


def _settings(url: str, verify: bool):
    return {"name": "lab", "type": "http", "url": f"{url}/levels", "interval_s": 0.2, "timeout_s": 2, "verify": verify,
            "max_backoff_s": 0.5, "mapping": {"items": "data", "id": "code", "value": "level", "stream": "lab/{id}/level"}}


def test_verify_false_stays_false_when_requests_ca_bundle_is_set(tmp_path, hub, monkeypatch):
    (tmp_path / "srv").mkdir()
    (tmp_path / "other").mkdir()
    server_ca, other = make_private_ca(tmp_path / "srv"), tmp_path / "other"
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(make_private_ca(other, "Some Other CA") / "ca.pem"))
    server = _https_server(server_ca)
    src = HttpSource(parse_settings({"sources": [_settings(server.url, verify=False)]}).sources[0], hub)
    src.start()
    try:
        wait_until(lambda: src.polls or src.failures, 10, what="a first poll")
        assert src.polls >= 1 and src.failures == 0, src.health.last_error
        assert hub.latest("lab/G1/level").value == 1.5
    finally:
        src.stop()
        server.stop()


def test_verify_false_is_a_warning_on_screen(qapp, tmp_path):
    settings = tmp_path / "settings.toml"
    settings.write_text('[[sources]]\nname = "lab"\ntype = "http"\nurl = "https://127.0.0.1:9/levels"\nverify = false\n'
                        '[sources.mapping]\nitems = "data"\nid = "code"\nvalue = "level"\nstream = "lab/{id}"\n')
    rt = Runtime(RuntimeOptions(cache_dir=tmp_path / "cache", settings_file=settings, plugins=frozenset()))
    rt.start()
    try:
        (note,) = [n for n in rt.notices if "未验证 TLS 证书" in n and "'lab'" in n]
        assert "TLS verification is OFF for source 'lab'" in english(note)  # --lang en shows it in English
    finally:
        rt.stop()

