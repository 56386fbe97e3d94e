"""The demo keeps its simulated data in its own cache, never in the operator's real one."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from console.app.runtime import Runtime, RuntimeOptions, default_cache_dir


def _cache_path(**options) -> Path:
    return Runtime.cache_path.fget(SimpleNamespace(options=RuntimeOptions(**options)))


def test_demo_writes_beside_the_real_cache_not_into_it():
    real = _cache_path()
    demo = _cache_path(demo=True)
    assert real == default_cache_dir() / "shouguang.sqlite3"
    assert demo == default_cache_dir() / "demo" / "shouguang.sqlite3"
    assert demo != real


def test_an_explicit_cache_folder_is_used_as_given(tmp_path):
    assert _cache_path(demo=True, cache_dir=tmp_path) == tmp_path / "shouguang.sqlite3"
