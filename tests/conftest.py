"""Shared fixtures. Qt runs offscreen in-process; pixel tests of the web view use xcb in a subprocess."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest

from console.city import load_city
from console.hub import Hub
from console.store import Store


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
