"""An acknowledgement is shown at once and is on disk long before the readings queued ahead
of it: a real process with its queues full of readings is killed (-9) once the file holds
the ack, and the file has it, audited, while most of those readings never made it."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.source_servers import wait_until

ROOT = Path(__file__).resolve().parents[1]
QUEUED = 1_500_000


def _acked_on_disk(path: Path, alarm_id: int) -> bool:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5) as conn:
            row = conn.execute("SELECT state, acked_by FROM alarms WHERE id = ?", (alarm_id,)).fetchone()
    except sqlite3.OperationalError:
        return False
    return row == ("acked", "王工")


def test_an_ack_is_durable_ahead_of_a_queue_full_of_readings_and_survives_kill_9(tmp_path):
    cache = tmp_path / "c.sqlite3"
    proc = subprocess.Popen([sys.executable, "-m", "tests.ack_load", str(cache), str(QUEUED)], cwd=ROOT,
                            env=dict(os.environ, PYTHONPATH=str(ROOT)), stdout=subprocess.PIPE, text=True)
    try:
        ready = proc.stdout.readline().split()
        assert ready and ready[0] == "READY", ready
        alarm_id = int(ready[1])
        shown = proc.stdout.readline().split()
        assert shown and shown[0] == "SHOWN", shown  # the operator sees "acknowledged" (asserted in the child)
        wait_until(lambda: _acked_on_disk(cache, alarm_id), 60, 0.01, "the ack on disk")
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
    with sqlite3.connect(cache) as conn:
        assert conn.execute("SELECT state, acked_by FROM alarms WHERE id = ?", (alarm_id,)).fetchone() == ("acked", "王工")
        audit = conn.execute("SELECT user, action, target, outcome FROM audit WHERE action = 'alarm.ack'").fetchall()
        (written,) = conn.execute("SELECT count(*) FROM readings r JOIN streams s ON r.stream = s.key WHERE s.id LIKE 'load/%'").fetchone()
    assert audit == [("王工", "alarm.ack", f"alarm:{alarm_id}", "ok")]
    # the ack went ahead of the readings queued before it: most of them were still waiting
    assert written < QUEUED // 2, f"{written} of {QUEUED} readings were written before the ack"
