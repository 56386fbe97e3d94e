"""A broken cache never stops the console: each real kind of corruption is moved aside,
a fresh cache starts, the operator is told; ``cache stats`` gives a message, not a traceback."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

from console.model import Reading
from console.store import cache_file
from console.store.cache_file import closed_cleanly, open_store
from console.store.store import Store


def _good_cache(path):
    s = Store(path, retention_days=None)
    s.enqueue([Reading(f"s/{i % 50}", float(i), float(i)) for i in range(20_000)])
    assert s.flush()
    s.close()
    assert closed_cleanly(path)  # each corruption below comes after a clean close: the marker must not hide it
    return path


def truncated(path):
    _good_cache(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


def garbage_header(path):
    _good_cache(path)
    data = bytearray(path.read_bytes())
    data[:16] = b"NOT A DATABASE!!"
    path.write_bytes(bytes(data))


def corrupt_index_page(path):
    _good_cache(path)
    conn = sqlite3.connect(path)
    # an index's page (readings have none of their own since schema 3: the streams' id index)
    (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'idx_streams_id'").fetchone()
    (page,) = conn.execute("PRAGMA page_size").fetchone()
    conn.close()
    with open(path, "r+b") as f:  # scribble over the index's root page
        f.seek((root - 1) * page + 8)
        f.write(b"\xff" * (page - 16))


def zero_bytes(path):
    path.write_bytes(b"")


def a_directory(path):
    path.mkdir()
    (path / "something").write_text("x")


def random_bytes(path):
    path.write_bytes(bytes(range(256)) * 64)


KINDS = [truncated, garbage_header, corrupt_index_page, a_directory, random_bytes]


@pytest.mark.parametrize("corrupt", KINDS, ids=lambda f: f.__name__)
def test_a_corrupt_cache_is_moved_aside_and_a_fresh_one_started(tmp_path, corrupt, caplog):
    path = tmp_path / "shouguang.sqlite3"
    corrupt(path)
    store, notices = open_store(path, lambda p: Store(p, retention_days=None))
    try:
        aside = [p for p in tmp_path.iterdir() if ".corrupt-" in p.name and not p.name.endswith(("-wal", "-shm"))]
        assert aside and aside[0].name.startswith("shouguang.sqlite3.corrupt-")
        assert notices and "已移至" in notices[0] and aside[0].name in notices[0]
        assert any("已移至" in r.getMessage() for r in caplog.records)
        store.enqueue([Reading("x", 1.0, 1.0)])
        assert store.flush() and store.history("x", 0) == [(1.0, 1.0, 0)]
        assert store.path == path
    finally:
        store.close()


def test_an_empty_file_is_an_empty_cache_not_a_corrupt_one(tmp_path):
    path = tmp_path / "c.sqlite3"
    zero_bytes(path)
    store, notices = open_store(path, lambda p: Store(p, retention_days=None))
    store.close()
    assert notices == [] and not [p for p in tmp_path.iterdir() if ".corrupt-" in p.name]


@pytest.mark.parametrize("corrupt", [*KINDS, zero_bytes], ids=lambda f: f.__name__)
def test_cache_stats_says_what_is_wrong_without_a_traceback(tmp_path, corrupt):
    corrupt(tmp_path / "shouguang.sqlite3")
    done = subprocess.run([sys.executable, "-m", "console", "cache", "stats", "--cache", str(tmp_path)],
                          capture_output=True, text=True, timeout=60)
    assert "Traceback" not in done.stderr
    if corrupt is zero_bytes:
        assert done.returncode == 2 and "not a city-console cache" in done.stderr
    else:
        assert done.returncode == 2 and str(tmp_path / "shouguang.sqlite3") in done.stderr
        assert "moves it aside" in done.stderr


def _statements(monkeypatch) -> list[str]:
    """Every SQL statement the start-up's check runs (a real connection, traced)."""
    seen: list[str] = []
    connect = sqlite3.connect

    def traced(*args, **kwargs):
        conn = connect(*args, **kwargs)
        conn.set_trace_callback(seen.append)
        return conn

    monkeypatch.setattr(cache_file.sqlite3, "connect", traced)
    return seen


def test_a_clean_close_spares_the_next_start_reading_every_page(tmp_path, monkeypatch):
    path = _good_cache(tmp_path / "c.sqlite3")
    seen = _statements(monkeypatch)
    store, notices = open_store(path, lambda p: Store(p, retention_days=None))
    try:
        assert notices == [] and seen and not any("quick_check" in q for q in seen)
        assert not closed_cleanly(path)  # the store has it open: a crash from now on leaves no marker
    finally:
        store.close()
    assert closed_cleanly(path)


def test_after_a_crash_every_page_is_checked(tmp_path, monkeypatch):
    path = _good_cache(tmp_path / "c.sqlite3")
    running, _ = open_store(path, lambda p: Store(p, retention_days=None))  # never closed: as a killed console
    try:
        running.enqueue([Reading("x", 1.0, 1.0)])
        assert running.flush()
        seen = _statements(monkeypatch)
        assert cache_file.problem_of(path, trust_clean_close=True) is None
        assert any("quick_check" in q for q in seen)
    finally:
        running.close()


def test_a_file_touched_after_a_clean_close_is_checked_again(tmp_path):
    path = _good_cache(tmp_path / "c.sqlite3")
    with open(path, "r+b") as f:  # rewritten in place, the same bytes: only its time changes
        head = f.read(4096)
        f.seek(0)
        f.write(head)
    assert not closed_cleanly(path)
