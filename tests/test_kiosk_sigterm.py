"""A supervisor's stop ends a kiosk: `systemctl stop` (SIGTERM) against the real console process.

The PIN keeps visitors in; it must not keep the service manager out. The kiosk ends
cleanly: exit status 0 (not killed by the signal), its stop audited with the reason.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import time

from tests.deploy_helpers import ROOT, console_cmd, isolated_env

START_LIMIT_S = 120.0  # a loaded 2-core machine; only a bound for a hung start, not a measure


def _wait_for_log_line(proc: subprocess.Popen, log_file, text: str) -> None:
    end = time.monotonic() + START_LIMIT_S
    while time.monotonic() < end:
        if log_file.exists() and text in log_file.read_text(errors="replace"):
            return
        if proc.poll() is not None:
            raise AssertionError(f"the console exited ({proc.returncode}) before {text!r}")
        time.sleep(0.2)  # polling a file the console writes; no assertion rides on this time
    raise AssertionError(f"no {text!r} in {log_file}")


def test_sigterm_ends_a_kiosk_within_5_s_and_the_stop_is_audited(tmp_path):
    home = tmp_path / "home"
    proc = subprocess.Popen(
        console_cmd("--demo", "--tour", "default", "--kiosk", "--cache", str(tmp_path / "cache"), "--size", "800x450"),
        cwd=ROOT, env=isolated_env(home), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        log_file = home / "state" / "city-console" / "log" / "city-console.log"
        _wait_for_log_line(proc, log_file, "window shown (kiosk)")
        proc.send_signal(signal.SIGTERM)
        try:
            code = proc.wait(5)
        except subprocess.TimeoutExpired:
            raise AssertionError("the kiosk was still running 5 s after SIGTERM") from None
        assert code == 0, f"exit {code} (negative: killed by the signal, no clean stop)\n" + proc.stderr.read().decode()[-2000:]
        assert "signal SIGTERM: stopping" in log_file.read_text()
        caches = list((tmp_path / "cache").rglob("*.sqlite3"))
        assert caches, "no cache file written"
        with sqlite3.connect(caches[0]) as db:
            rows = db.execute("SELECT action, detail, outcome FROM audit WHERE action = 'kiosk.stop'").fetchall()
        assert rows == [("kiosk.stop", '{"reason": "SIGTERM"}', "ok")]
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
