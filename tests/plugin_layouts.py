"""Every layout the given plugins ship, by name, as the runtime loads them (for the tour tests)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from importlib import resources

from console.layouts.layout import Layout, parse_layout
from console.plugins.api import PluginManifest


def plugin_layouts(plugins: Iterable[PluginManifest]) -> dict[str, Layout]:
    out = {}
    for m in plugins:
        for ref in m.layouts:
            package, _, rel = ref.partition(":")
            layout = parse_layout(json.loads((resources.files(package) / rel).read_text(encoding="utf-8")), ref)
            out[layout.name] = layout
    return out
