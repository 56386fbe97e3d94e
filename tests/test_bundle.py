"""The PyInstaller bundle, built and started headless. Slow (about 2 minutes): skipped
unless CITY_CONSOLE_BUNDLE=1 (see packaging/README.md for why CI does not run it).

    CITY_CONSOLE_BUNDLE=1 QT_QPA_PLATFORM=offscreen python -m pytest tests/test_bundle.py -q -s

CITY_CONSOLE_BUNDLE_NOBUILD=1 reuses an existing dist/city-console.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time

import pytest

from tests.deploy_helpers import ROOT

pytestmark = [
    pytest.mark.bundle,
    pytest.mark.skipif(os.environ.get("CITY_CONSOLE_BUNDLE") != "1", reason="set CITY_CONSOLE_BUNDLE=1 to build and start the bundle"),
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux bundle"),
]
BUNDLE = ROOT / "dist" / "city-console"


def _env(home):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "NOTIFY_SOCKET", "WATCHDOG_USEC")}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(home), XDG_CONFIG_HOME=str(home / "config"),
               XDG_DATA_HOME=str(home / "data"), XDG_STATE_HOME=str(home / "state"), XDG_CACHE_HOME=str(home / "cache"))
    return env


@pytest.fixture(scope="module")
def bundle():
    if os.environ.get("CITY_CONSOLE_BUNDLE_NOBUILD") != "1" or not BUNDLE.exists():
        t0 = time.monotonic()
        subprocess.run(["bash", str(ROOT / "packaging" / "build.sh")], check=True, timeout=1800)
        print(f"\nbuild: {time.monotonic() - t0:.0f} s")
    size = sum(p.lstat().st_size for p in BUNDLE.rglob("*") if p.is_file() and not p.is_symlink())
    print(f"bundle: {size / 1e6:.0f} MB")
    return BUNDLE


def test_smoke_script(bundle):
    """packaging/build.sh --smoke-only: --version, doctor, demo screenshot, map under Xvfb."""
    out = subprocess.run(["bash", str(ROOT / "packaging" / "build.sh"), "--smoke-only"], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-3000:]
    assert "smoke: ok" in out.stdout and "via entry points" in out.stdout


def test_bundle_starts_and_reports_ready(bundle, tmp_path):
    """Time from exec to READY=1 (the wall painted), from the bundle: the start-up time in the README."""
    sock_path = str(tmp_path / "notify")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(sock_path)
    sock.settimeout(60)
    env = _env(tmp_path / "home") | {"NOTIFY_SOCKET": sock_path, "WATCHDOG_USEC": "2000000"}
    t0 = time.monotonic()
    proc = subprocess.Popen([str(bundle / "city-console"), "--demo", "--wall", "--cache", str(tmp_path / "c")], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=tmp_path)
    try:
        msg = sock.recv(1024).decode()
        ready_s = time.monotonic() - t0
        assert "READY=1" in msg and "STATUS=wall: layout" in msg
        assert sock.recv(1024) == b"WATCHDOG=1"  # heartbeats from the GUI thread
        print(f"\nstart-up to READY=1 (cold cache, --demo): {ready_s:.1f} s")
        assert ready_s < 60
    finally:
        proc.terminate()
        proc.wait(20)
        sock.close()
    assert proc.returncode == 0, proc.stderr.read().decode()[-3000:]


def test_doctor_from_the_bundle_finds_the_plugins_and_qt(bundle, tmp_path):
    out = subprocess.run([str(bundle / "city-console-cli"), "doctor", "--json"], env=_env(tmp_path), capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    rep = json.loads(out.stdout)
    assert rep["frozen"] is True and rep["plugins"]["discovery"] == "entry points"
    assert "flood" in [p["name"] for p in rep["plugins"]["loaded"]]
    assert rep["versions"]["qt"] and rep["paths"]["executable"].startswith(str(bundle))
    webengine = list(bundle.rglob("QtWebEngineProcess*"))
    assert webengine and list(bundle.rglob("qtwebengine_resources.pak")) and list(bundle.rglob("qtwebengine_locales"))
    assert shutil.which("city-console", path=str(bundle))
