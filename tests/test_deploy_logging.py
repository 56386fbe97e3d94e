"""Logging: queue -> one writer thread -> rotating file; faulthandler crash reports; --log-level."""

from __future__ import annotations

import logging
import subprocess
import sys
import threading

import pytest

from console.app.logsetup import CRASH_FILE, LOG_FILE, setup_logging
from tests.deploy_helpers import ROOT, isolated_env


@pytest.fixture
def restore_root_logger():
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for h in list(root.handlers):
        root.removeHandler(h)
    for h in handlers:
        root.addHandler(h)
    root.setLevel(level)


def test_rotation_past_max_bytes_from_many_threads(tmp_path, restore_root_logger):
    logs = setup_logging("DEBUG", tmp_path, max_bytes=20_000, backup_count=3, crash_reports=False, console_level=logging.CRITICAL)
    assert not (tmp_path / LOG_FILE).exists(), "delay=True: no file before the first record"
    log = logging.getLogger("console.test")

    def writer(n: int) -> None:
        for i in range(300):
            log.info("thread %d record %04d %s", n, i, "x" * 60)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert threading.current_thread() is threading.main_thread()
    logs.stop()
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == [LOG_FILE, LOG_FILE + ".1", LOG_FILE + ".2", LOG_FILE + ".3"], files
    for p in tmp_path.iterdir():
        assert p.stat().st_size <= 20_000 + 200
    # nothing torn: every line is one whole record
    lines = [ln for p in tmp_path.iterdir() for ln in p.read_text(encoding="utf-8").splitlines()]
    assert lines and all(ln.endswith("x" * 60) and " INFO " in ln for ln in lines)
    # the newest records are in the current file
    assert "record 0299" in (tmp_path / LOG_FILE).read_text(encoding="utf-8")


def test_level_filters_the_file(tmp_path, restore_root_logger):
    logs = setup_logging("WARNING", tmp_path, crash_reports=False, console_level=logging.CRITICAL)
    logging.getLogger("console.x").info("quiet")
    logging.getLogger("console.x").warning("loud")
    logs.stop()
    text = (tmp_path / LOG_FILE).read_text(encoding="utf-8")
    assert "loud" in text and "quiet" not in text
    with pytest.raises(ValueError, match="unknown log level"):
        setup_logging("CHATTY", tmp_path)


def test_crash_report_written_on_a_fatal_signal(tmp_path):
    code = (
        "import faulthandler, logging\n"
        "from console.app.logsetup import setup_logging\n"
        f"setup_logging('INFO', r'{tmp_path}')\n"
        "logging.getLogger('console').info('about to crash')\n"
        "faulthandler._sigsegv()\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60, env=isolated_env(tmp_path))
    assert out.returncode != 0
    crash = (tmp_path / CRASH_FILE).read_text(encoding="utf-8")
    assert "Fatal Python error: Segmentation fault" in crash and "<module>" in crash


def test_gui_run_logs_to_the_platform_log_dir(tmp_path):
    png = tmp_path / "x.png"
    out = subprocess.run(
        [sys.executable, "-m", "console", "--offline", "--cache", str(tmp_path / "c"), "--size", "640x360",
         "--screenshot", str(png), "--after", "0.5", "--log-level", "debug"],
        cwd=ROOT, capture_output=True, text=True, timeout=90, env=isolated_env(tmp_path),
    )
    assert out.returncode == 0, out.stderr
    log_file = tmp_path / "state" / "city-console" / "log" / LOG_FILE  # platformdirs' user_log_dir on Linux
    text = log_file.read_text(encoding="utf-8")
    assert "city-console 0.1.0 starting" in text and " DEBUG " in text
    bad = subprocess.run([sys.executable, "-m", "console", "--log-level", "chatty"], cwd=ROOT, capture_output=True, text=True, timeout=60, env=isolated_env(tmp_path))
    assert bad.returncode == 2 and "--log-level" in bad.stderr
