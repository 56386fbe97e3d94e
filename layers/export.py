"""``city-console map export``: a standalone HTML map of the last known state, for reports.

Reads the cache (entities and last values) without starting any source, so every
marker shows the state it had when the console last heard from it (at best stale).
If the cache holds no entities yet, the plugins' simulators place them, offline.
Qt-free; one self-contained file, openable anywhere without a network.
"""

from __future__ import annotations

import logging
from pathlib import Path

from console.plugins.api import load_object
from console.app.runtime import Runtime, RuntimeOptions
from layers.marker_state import MarkerStates, kind_limits
from layers.page import kind_layers, plugin_lines, page_config, render_page

log = logging.getLogger(__name__)


def export_map(city: str, out: Path, cache_dir: Path | None = None) -> dict[str, int]:
    """Write the map of ``city`` to ``out``; returns marker counts by state."""
    rt = Runtime(RuntimeOptions(city=city, cache_dir=cache_dir, offline=True))
    try:
        rt.hub.seed_from_cache()
        if not rt.hub.entities:
            for m in rt.registry.plugins.values():
                if m.simulator:
                    try:
                        rt.hub.add_entities(load_object(m.simulator)(rt.city).entities(), persist=False)
                    except Exception:
                        log.exception("simulator of %s could not place its entities", m.name)
        ents = [e for e in rt.hub.entities.values() if e.has_position]
        states = MarkerStates(kind_limits(rt.registry.plugins.values()))
        states.changes(rt.hub, ents)
        plugins = rt.registry.plugins.values()
        cfg = page_config(rt.city, ents, states.sent, kind_layers(plugins), channel=False,
                          lines=plugin_lines(plugins, rt.city))
        out.write_text(render_page(cfg, inline=True), encoding="utf-8")
        return states.counts()
    finally:
        rt.stop()
