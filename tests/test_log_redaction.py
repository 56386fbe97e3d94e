"""No secret in any log line at any level: the real log setup at DEBUG, a real HTTP source
polling a loopback server with a key from the environment in its query and header, and a
token written by hand into its URL. urllib3 logs each request line at DEBUG; the key is
not in the log file, the request line is."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.deploy_helpers import ROOT
from tests.source_servers import LoopbackServer

SCRIPT = r"""
import logging, sys, time
from pathlib import Path
from console.app.logsetup import setup_logging
from console.hub.hub import Hub
from console.clock import Clock
from console.store.store import Store
from console.settings.sources import parse_settings
from console.sources.http_source import HttpSource

tmp, url = Path(sys.argv[1]), sys.argv[2]
logs = setup_logging("DEBUG", tmp / "log", crash_reports=False)
store = Store(tmp / "c.sqlite3")
hub = Hub(store, Clock())
cfg = parse_settings({"sources": [{
    "name": "feed", "type": "http", "url": url + "/levels?access_token=lit3ral-T0KEN", "interval_s": 0.2, "timeout_s": 2,
    "params": {"appkey": "${env:CC_LOG_KEY}"}, "headers": {"Authorization": "Bearer ${env:CC_LOG_KEY}"},
    "mapping": {"items": "data", "id": "code", "value": "level", "stream": "x/{id}/level"}}]}).sources[0]
src = HttpSource(cfg, hub)
src.start()
deadline = time.time() + 20
while time.time() < deadline and src.polls + src.failures < 2:
    time.sleep(0.05)
src.stop()
logging.getLogger("probe").debug("the header was %s", {"Authorization": "Bearer " + "s3cr3t-" + "k3y-99"})
try:
    raise RuntimeError("failed GET " + url + "/x?token=tr4ceback-T0K")
except RuntimeError:
    logging.getLogger("probe").exception("with a traceback")
store.close()
logs.stop()
"""


def test_secrets_never_reach_the_log_file_even_urllib3_at_debug(tmp_path):
    server = LoopbackServer(lambda req: (200, {"Content-Type": "application/json"}, b'{"data": []}')).start()
    try:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "CC_LOG_KEY": "k-8a7b6c5d4e"}
        out = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path), server.url], cwd=ROOT, env=env,
                             capture_output=True, text=True, timeout=120)
        assert out.returncode == 0, out.stderr[-3000:]
        assert server.requests and server.requests[0].query["appkey"] == "k-8a7b6c5d4e"  # it was sent
        text = (tmp_path / "log" / "city-console.log").read_text(encoding="utf-8")
        assert "urllib3.connectionpool" in text and '"GET /levels?' in text  # the request line is logged
        for secret in ("k-8a7b6c5d4e", "lit3ral-T0KEN", "s3cr3t-k3y-99", "tr4ceback-T0K"):
            assert secret not in text, f"{secret} in the log:\n{text[-3000:]}"
        assert "access_token=***" in text and "token=***" in text
    finally:
        server.stop()
