"""Shared by the agriculture and health tests: the plugins registered the way an installed
package would be (a throw-away dist-info with their entry points), and small builders."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from console.city import load_city

ENTRY_POINTS = {
    "agriculture": "plugins.agriculture.manifest:PLUGIN",
    "health": "plugins.health.manifest:PLUGIN",
}


def register_plugins(folder: Path) -> Path:
    """Write a dist-info declaring both plugins' entry points (unless the installed package
    already declares them); the caller puts ``folder`` on sys.path."""
    from importlib import metadata

    if set(ENTRY_POINTS) <= {ep.name for ep in metadata.entry_points(group="city_console.plugins")}:
        return folder
    info = folder / "city_console_agri_health-0.1.dist-info"
    info.mkdir(parents=True, exist_ok=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: city-console-agri-health\nVersion: 0.1\n", encoding="utf-8")
    lines = "".join(f"{name} = {target}\n" for name, target in ENTRY_POINTS.items())
    (info / "entry_points.txt").write_text(f"[city_console.plugins]\n{lines}", encoding="utf-8")
    return folder


@lru_cache(maxsize=1)
def agri_sim():
    from plugins.agriculture.simulator import AgricultureSimulator

    return AgricultureSimulator(load_city("shouguang"), seed=1)


@lru_cache(maxsize=1)
def health_sim():
    from plugins.health.simulator import HealthSimulator

    return HealthSimulator(load_city("shouguang"), seed=1)


# a fixed instant: Tuesday 2024-05-14 10:00 China time, in the morning peak
T_MORNING = 1715652000.0
