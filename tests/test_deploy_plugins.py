"""The built-in plugin list a frozen build falls back on stays equal to pyproject's entry points."""

from __future__ import annotations

import tomllib
from importlib import metadata

from console.plugins import registry as plugin_registry
from console.plugins.registry import _BUILTIN_FALLBACK, GROUP, PluginRegistry
from tests.deploy_helpers import ROOT


def test_fallback_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["entry-points"][GROUP] == _BUILTIN_FALLBACK


def test_without_metadata_the_builtins_still_load(monkeypatch):
    def missing(name):
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(plugin_registry.metadata, "entry_points", lambda group: [])
    monkeypatch.setattr(plugin_registry.metadata, "distribution", missing)
    reg = PluginRegistry.discover()
    assert reg.discovery == "built-in fallback"
    assert set(reg.plugins) == set(_BUILTIN_FALLBACK) and not reg.failed


def test_with_metadata_the_entry_points_are_used():
    reg = PluginRegistry.discover()
    assert reg.discovery == "entry points" and "flood" in reg.plugins
