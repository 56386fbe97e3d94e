"""The snapshot cache: frames in, frames out, retention by age and by bytes, survives a restart."""

from __future__ import annotations

import os
import time

import pytest

from console.cameras.model import sniff_image
from console.store.snapshots import SnapshotStore
from console.store.store import Store


def frame(n: int, size: int = 20_000) -> bytes:
    """JPEG-shaped bytes of a given size (SOI ... EOI); the store does not decode."""
    return b"\xff\xd8\xff\xe0" + bytes([n % 251]) * (size - 6) + b"\xff\xd9"


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "cache.sqlite3")
    yield s
    s.close()


def test_put_latest_times_and_frame(store):
    snaps = SnapshotStore(store)
    for k in range(5):
        snaps.put("A", 1000.0 + k, frame(k), received=time.time())
    snaps.put("B", 2000.0, frame(9), received=time.time())
    assert snaps.flush()
    assert snaps.latest("A").ts == 1004.0 and snaps.latest("A").data == frame(4)
    assert snaps.times("A", limit=3) == [1004.0, 1003.0, 1002.0]
    assert snaps.frame("A", 1001.0).data == frame(1)
    assert snaps.latest_times() == {"A": 1004.0, "B": 2000.0}
    assert snaps.latest("nobody") is None


def test_retention_keeps_total_bytes_under_the_bound(store, tmp_path):
    bound = 400_000
    snaps = SnapshotStore(store, max_bytes=bound)
    now = time.time()
    for k in range(600):  # 12 MB offered to a 0.4 MB budget
        snaps.put(f"cam{k % 8}", now + k, frame(k), received=now + k)
        if k % 50 == 0:
            assert snaps.flush()
            assert snaps.stats()["bytes"] <= bound
    assert snaps.flush()
    stats = snaps.stats()
    assert stats["bytes"] <= bound and stats["bytes"] == snaps.total_bytes
    assert stats["cameras"] == 8, "every camera keeps its newest frame"
    assert {snaps.latest(f"cam{c}").ts for c in range(8)} == {now + k for k in range(592, 600)}
    # deleted pages are reused: the file does not grow with what was offered
    sizes = {p.name: os.path.getsize(p) for p in tmp_path.glob("cache.sqlite3*")}
    assert sizes["cache.sqlite3"] < 1.5 * bound + 200_000, sizes


def test_retention_by_age(store):
    snaps = SnapshotStore(store, max_age_s=3600)
    now = time.time()
    snaps.put("old", now - 7200, frame(1), received=now - 7200)
    snaps.put("new", now, frame(2), received=now)
    assert snaps.flush()
    assert snaps.latest("old") is None and snaps.latest("new") is not None


def test_frames_survive_a_restart(tmp_path):
    path = tmp_path / "cache.sqlite3"
    store = Store(path)
    snaps = SnapshotStore(store)
    snaps.put("A", 123.0, frame(3))
    store.close()
    again = SnapshotStore(path)  # a path works too (tools, tests)
    try:
        assert again.latest("A").data == frame(3)
        assert again.total_bytes == len(frame(3))
    finally:
        again.close()


def test_sniff_image():
    assert sniff_image(frame(1)) == "jpeg"
    assert sniff_image(frame(1)[:-2]) is None, "a truncated JPEG is not an image"
    assert sniff_image(b"<html>error</html>") is None
    assert sniff_image(b"\x89PNG\r\n\x1a\n" + b"x" * 20 + b"IEND\xaeB`\x82") == "png"
