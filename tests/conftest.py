"""Shared fixtures. Qt runs offscreen in-process; pixel tests of the web view use xcb in a subprocess."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import gc
from pathlib import Path

import pytest

from console.city import load_city
from console.hub.hub import Hub
from console.store.store import Store


@pytest.fixture(autouse=True)
def _collect_garbage_between_tests():
    """As the app does (console.gui.gc_guard): no automatic collection in whatever thread
    allocates or inside a nested event loop; collect on the main thread between tests."""
    gc.disable()
    yield
    gc.collect()


@pytest.fixture
def city():
    return load_city("shouguang")


@pytest.fixture
def store(tmp_path: Path):
    s = Store(tmp_path / "cache.sqlite3", retention_days=None)
    yield s
    s.close()


@pytest.fixture
def hub(store):
    return Hub(store)
