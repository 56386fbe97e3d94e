"""What a plugin declares, in one place. Code is named by "module:attr" and imported when used."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any

from console.languages import Text


@dataclass(frozen=True)
class EntityKind:
    """A kind of entity a plugin brings, and how the map marks it (shape, not only colour)."""

    id: str
    title: str
    shape: str = "circle"  # circle | square | triangle | diamond | camera
    #: which attributes are this kind's limits on the map: {"warning": attr, "alarm": attr}
    limits: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class DeskAction:
    """An entry a plugin adds to the desk (menu and shortcut): ``target(ctx, window)`` runs it.
    Never built on a wall or kiosk screen; with ``needs_service``, only where that service runs."""

    title: str
    shortcut: str
    target: str  # "pkg.module:function"
    needs_service: str | None = None


@dataclass(frozen=True)
class AlarmTakeover:
    """What an alarm brings to the wall when it takes it: the plugin says, the core composes
    (``console.wall.takeover``). Keyed in the manifest by a rule id or an entity kind."""

    title: str  # what the chart shows, as the operator says it: "过程线 Hydrograph"
    stream: str = ""  # the chart's stream (its last path part); "" is the alarm's own stream
    thresholds: tuple[str, ...] = ()  # the entity's attributes drawn as lines on the chart (at most two)
    window_h: float = 12.0
    map_layers: tuple[str, ...] = ()  # entity kinds on the takeover's map
    zoom: float = 14.0  # the map's zoom around the entity
    cameras_title: str = Text("Takeover", "现场摄像机")
    #: which cameras may serve (a console.selection selection); the nearest ``cameras`` of them come up
    camera_select: dict[str, Any] = field(default_factory=lambda: {"kind": "camera"})
    cameras: int = 4
    #: a tile of the plugin's own in the cameras' place (a bus has no cameras: its route's
    #: headway list): {"kind", "title", "options"}; an option's "{attr}" is the entity's attribute
    tile: dict[str, Any] | None = None


@dataclass(frozen=True)
class PluginManifest:
    """Everything a plugin contributes. The entry point in ``city_console.plugins``
    names an instance of this; nothing heavy is imported to build it."""

    name: str
    title: str
    version: str = "0.1"
    simulator: str | None = None  # "pkg.module:SimulatorClass"
    cameras: str | None = None  # "pkg.module:CameraSet": camera entities and their simulated frames
    entity_kinds: tuple[EntityKind, ...] = ()
    rules: tuple[dict[str, Any], ...] = ()  # alarm rules as data, see console.alarms.rules
    tile_kinds: dict[str, str] = field(default_factory=dict)  # kind -> "pkg.module:TileClass"
    layers: dict[str, str] = field(default_factory=dict)  # layer id -> "pkg.module:builder"
    layouts: tuple[str, ...] = ()  # package-relative files: "plugins.flood:layouts/overview.json"
    tour_steps: tuple[dict[str, Any], ...] = ()
    order: int = 100  # lower first: its first layout is the console's default
    #: name -> "pkg.module:factory"; the runtime calls ``factory(runtime)`` once and hands the
    #: object to the plugin's simulator (``Simulator.attach``) and to tiles (``TileContext.services``)
    services: dict[str, str] = field(default_factory=dict)
    #: command -> "pkg.module" with ``add_subcommands(subparsers)`` and ``run(args)``: the
    #: console's CLI gains ``city-console COMMAND ...`` (``args.cache_path`` is the city's cache)
    cli: dict[str, str] = field(default_factory=dict)
    desk_actions: tuple[DeskAction, ...] = ()
    #: source kind -> "pkg.module:KIND" (a console.sources.kinds.SourceKind): ``type = KIND`` in settings.toml
    source_kinds: dict[str, str] = field(default_factory=dict)
    #: overlay title -> "pkg.module:fn(city)" giving [{"id", "name", "name_en", "path": [[lat, lon], ...]}]
    map_lines: dict[str, str] = field(default_factory=dict)
    #: "pkg.module:fn(city)" giving the words tour captions may use ({river} ...)
    tour_fields: str | None = None
    #: rule id or entity kind -> what its alarm brings to the wall (a rule's own wins over its entity kind's)
    takeovers: dict[str, AlarmTakeover] = field(default_factory=dict)
    #: package-relative JSON files of response plans (console.incidents.plans), as layouts are:
    #: "plugins.emergency:plans/chemical_leak.json"; a rule's "incident_plan" names one by id
    incident_plans: tuple[str, ...] = ()

    def contributions(self) -> dict[str, Any]:
        """A plain summary, for ``city-console plugins``."""
        return {
            "simulator": self.simulator,
            "cameras": self.cameras,
            "entity_kinds": [k.id for k in self.entity_kinds],
            "rules": len(self.rules),
            "tile_kinds": sorted(self.tile_kinds),
            "layers": sorted(self.layers),
            "layouts": list(self.layouts),
            "tour_steps": len(self.tour_steps),
            "services": sorted(self.services),
            "cli": sorted(self.cli),
            "source_kinds": sorted(self.source_kinds),
            "desk_actions": [a.title for a in self.desk_actions],
            "takeovers": sorted(self.takeovers),
            "incident_plans": list(self.incident_plans),
        }


def load_object(ref: str) -> Any:
    """Import "pkg.module:attr" (attr may be dotted)."""
    module_name, _, attr = ref.partition(":")
    if not attr:
        raise ValueError(f"{ref!r} is not of the form 'module:attr'")
    obj: Any = importlib.import_module(module_name)
    for part in attr.split("."):
        obj = getattr(obj, part)
    return obj
