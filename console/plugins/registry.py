"""Finds plugins through the ``city_console.plugins`` entry points; the built-ins too.

A plugin that fails to import or declares nonsense is logged, listed as failed with
the reason, and skipped: one broken plugin never takes the console down. A plugin that
is not allowed (a third party not named in ``[plugins] allow``, or any distribution's
entry point that takes a built-in's name) is listed as refused and never imported:
importing is running its code.
"""

from __future__ import annotations

import functools
import logging
import traceback
from dataclasses import dataclass, field
from importlib import metadata

from console.plugins.allow_list import current_allow_list
from console.plugins.api import PluginManifest

log = logging.getLogger(__name__)

GROUP = "city_console.plugins"
DIST = "city-console"
# A frozen build may lack the entry-point metadata; these are the built-ins then. The
# PyInstaller spec bundles the dist-info (copy_metadata), so this is the second line of
# defence; tests/test_deploy_plugins.py keeps it equal to pyproject's entry points.
_BUILTIN_FALLBACK = {
    "agriculture": "plugins.agriculture.manifest:PLUGIN",
    "community": "plugins.community.manifest:PLUGIN",
    "emergency": "plugins.emergency.manifest:PLUGIN",
    "energy": "plugins.energy.manifest:PLUGIN",
    "flood": "plugins.flood.manifest:PLUGIN",
    "governance": "plugins.governance.manifest:PLUGIN",
    "health": "plugins.health.manifest:PLUGIN",
    "parking": "plugins.parking.manifest:PLUGIN",
    "streetlight": "plugins.streetlight.manifest:PLUGIN",
    "taskboard": "plugins.taskboard.manifest:PLUGIN",
    "tourism": "plugins.tourism.manifest:PLUGIN",
    "transit": "plugins.transit.manifest:PLUGIN",
}


def _entry_points() -> tuple[list[metadata.EntryPoint], str]:
    """The plugin entry points, and how they were found ("entry points" or "built-in fallback")."""
    eps = list(metadata.entry_points(group=GROUP))
    try:
        metadata.distribution(DIST)
    except metadata.PackageNotFoundError:
        # our own metadata is missing (frozen build without the dist-info, or a source
        # checkout): add the built-ins, whatever another distribution calls its plugins
        extra = [metadata.EntryPoint(n, v, GROUP) for n, v in _BUILTIN_FALLBACK.items()]
        return eps + extra, "built-in fallback"
    return eps, "entry points"


def _distribution_of(ep: metadata.EntryPoint) -> str | None:
    dist = getattr(ep, "dist", None)
    if dist is None:
        return None
    return _name_of(dist)


@functools.lru_cache(maxsize=64)
def _name_of(dist: metadata.Distribution) -> str:
    # reading ``dist.metadata`` parses its METADATA file each time (email parser): a discovery
    # asked it three times per entry point, 0.1 s of every start-up (issue 25)
    return (dist.metadata["Name"] or "").lower().replace("_", "-")


def is_builtin(ep: metadata.EntryPoint) -> bool:
    """One of ours: a built-in's name and module, from our own distribution (or our fallback)."""
    dist = _distribution_of(ep)
    return _BUILTIN_FALLBACK.get(ep.name) == ep.value and dist in (None, DIST)


def refusal(ep: metadata.EntryPoint, allow: tuple[str, ...]) -> str | None:
    """Why this entry point must not be imported, or None when it may."""
    if is_builtin(ep):
        return None
    who = _distribution_of(ep) or "unknown distribution"
    if ep.name in _BUILTIN_FALLBACK:
        return f"distribution {who!r} would replace the built-in plugin {ep.name!r}: never allowed"
    if ep.name not in allow:
        return f"third-party plugin (distribution {who!r}) not named in [plugins] allow of settings.toml"
    return None


@dataclass
class FailedPlugin:
    name: str
    target: str
    reason: str


@dataclass
class RefusedPlugin:
    name: str
    target: str
    reason: str


@dataclass
class PluginRegistry:
    plugins: dict[str, PluginManifest] = field(default_factory=dict)
    failed: list[FailedPlugin] = field(default_factory=list)
    refused: list[RefusedPlugin] = field(default_factory=list)
    discovery: str = "entry points"

    @classmethod
    def discover(cls, only: set[str] | None = None, allow: tuple[str, ...] | None = None) -> "PluginRegistry":
        """``allow``: the third-party plugins that may run (default: the process's list, see allow_list)."""
        reg = cls()
        allow = current_allow_list() if allow is None else tuple(allow)
        eps, reg.discovery = _entry_points()
        # built-ins first: a same-named impostor is refused, never loaded in their place
        for ep in sorted(eps, key=lambda e: (not is_builtin(e), e.name)):
            if only is not None and ep.name not in only:
                continue
            why = refusal(ep, allow)
            if why is not None:
                log.warning("plugin %s (%s) refused, not imported: %s", ep.name, ep.value, why)
                reg.refused.append(RefusedPlugin(ep.name, ep.value, why))
                continue
            reg.load(ep.name, ep.value, ep.load)
        # a plugin's ``order`` decides whose layouts come first (the first is the default)
        reg.plugins = dict(sorted(reg.plugins.items(), key=lambda kv: (kv[1].order, kv[0])))
        return reg

    def load(self, name: str, target: str, loader) -> None:
        try:
            manifest = loader()
            if not isinstance(manifest, PluginManifest):
                raise TypeError(f"entry point gives {type(manifest).__name__}, not a PluginManifest")
            if manifest.name != name:
                raise ValueError(f"manifest is named {manifest.name!r}, entry point {name!r}")
            if name in self.plugins:
                raise ValueError(f"a plugin named {name!r} is already loaded")
        except Exception as exc:
            reason = f"{type(exc).__name__}: {exc}"
            log.error("plugin %s (%s) failed to load: %s\n%s", name, target, reason, traceback.format_exc())
            self.failed.append(FailedPlugin(name, target, reason))
            return
        self.plugins[name] = manifest

    def tile_kinds(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for m in self.plugins.values():
            out.update(m.tile_kinds)
        return out

    def report(self) -> dict:
        """What ``city-console plugins`` prints."""
        return {
            "plugins": [
                {"name": m.name, "title": m.title, "version": m.version, **m.contributions()}
                for m in self.plugins.values()
            ],
            "failed": [f.__dict__ for f in self.failed],
            "refused": [r.__dict__ for r in self.refused],
        }
