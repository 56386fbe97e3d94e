"""The layout an alarm brings to the wall: its chart, its cameras, the map, the steps to take.

The plugin says what its alarm brings (an ``AlarmTakeover`` in its manifest, keyed by the
rule or by the entity's kind); this module only composes it with the alarm, its entity,
the cameras nearest the entity and the rule's response steps (Qt-free). An alarm no
plugin speaks for still takes the wall, with its own stream's trend.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from console.cameras.paging import nearest_cameras
from console.languages import Text, numbered
from console.layouts.layout import Layout, TileSpec
from console.model import Entity
from console.plugins.api import AlarmTakeover, PluginManifest
from console.selection import select_entities

DEFAULT_STEPS = (  # Texts: the text tile shows them in the interface's language
    Text("Takeover", "核实现场视频"),
    Text("Takeover", "通知责任单位"),
    Text("Takeover", "按应急预案响应"),
    Text("Takeover", "处置后确认报警"),
)

#: for an alarm no plugin describes: its own stream, the nearest cameras of any kind
GENERIC = AlarmTakeover(Text("Takeover", "趋势"), cameras_title=Text("Takeover", "最近摄像机"))


def takeover_name(alarm: Any) -> str:
    return f"takeover:{alarm.entity_id or alarm.stream}"


def takeover_content(manifests: Iterable[PluginManifest], alarm: Any, entity: Entity | None) -> AlarmTakeover:
    """What the plugins say this alarm brings: the rule's own, else its entity kind's, else GENERIC."""
    by_kind = None
    for m in manifests:
        if alarm.rule in m.takeovers:
            return m.takeovers[alarm.rule]
        if entity is not None and by_kind is None:
            by_kind = m.takeovers.get(entity.kind)
    return by_kind or GENERIC


def response_steps(alarm: Any, configured: tuple[str, ...] = (), guidance: tuple[str, ...] = ()) -> list[str]:
    """The rule's guidance (``AlarmEngine.guidance``), else the wall's configured steps, else the defaults."""
    return list(guidance or configured or DEFAULT_STEPS)


def takeover_cameras(content: AlarmTakeover, entity: Entity | None, entities: Mapping[str, Entity]) -> list[str]:
    """The ids of the cameras nearest the entity among those the plugin lets serve it, nearest first."""
    if entity is None or not entity.has_position:
        return []
    pool = [c for c in select_entities(dict(entities), content.camera_select) if c.id != entity.id]
    return [c.id for c in nearest_cameras(pool, entity.lat, entity.lon, content.cameras)]  # type: ignore[arg-type]


def takeover_layout(
    alarm: Any,
    entity: Entity | None = None,
    steps: tuple[str, ...] = (),
    content: AlarmTakeover = GENERIC,
    entities: Mapping[str, Entity] | None = None,
    guidance: tuple[str, ...] = (),
) -> Layout:
    """A 3x4 layout centred on the alarm's entity (``entity`` may be None: the alarm's stream alone)."""
    stream_leaf = content.stream or alarm.stream.rsplit("/", 1)[-1]
    if entity is not None:
        chart_opts: dict[str, Any] = {"select": {"kind": entity.kind, "ids": [entity.id]}, "stream": stream_leaf,
                                      "window_h": content.window_h}
        levels = [k for k in content.thresholds if k in (entity.attrs or {})][:2]
        if levels:
            chart_opts["thresholds"] = levels
        name = entity.name
    else:
        chart_opts = {"streams": [alarm.stream], "window_h": content.window_h}
        name = alarm.entity_id or alarm.stream
    map_opts: dict[str, Any] = {"fly_to_alarm": True, "zoom": content.zoom}
    if content.map_layers:
        map_opts["layers"] = list(content.map_layers)
    if entity is not None and entity.has_position:
        map_opts["center"] = [entity.lat, entity.lon]
    steps_text = numbered([s if isinstance(s, Text) else Text("Rule", s) for s in response_steps(alarm, steps, guidance)])
    if content.tile:
        own = content.tile
        third = TileSpec(own["kind"], 2, 0, 1, 3, Text("Takeover", "{name} · {title}").format(name=name, title=own.get("title", "")),
                         _with_attrs(own.get("options", {}), entity.attrs if entity is not None else {}))
    else:
        cams = takeover_cameras(content, entity, entities or {})
        third = TileSpec("cameras", 2, 0, 1, 3, Text("Takeover", "{name} · {title}").format(name=name, title=content.cameras_title),
                         {"select": {"kind": "camera", "ids": cams}, "rows": 1, "columns": max(1, min(content.cameras, 6)),
                          "cycle_s": 0, "live": True})  # cameras that stream play live on the wall
    tiles = (
        TileSpec("chart", 0, 0, 2, 2, Text("Takeover", "{name} · {title}").format(name=name, title=content.title), chart_opts),
        TileSpec("map", 0, 2, 2, 2, Text("Takeover", "{name} · 位置").format(name=name), map_opts),
        third,
        TileSpec("text", 2, 3, 1, 1, Text("Takeover", "处置步骤"), {"heading": alarm.message, "text": steps_text}),
    )
    return Layout(
        takeover_name(alarm), 3, 4, tiles, Text("Takeover", "⚠ 报警接管 · {name} · {title}").format(name=name, title=content.title),
        "takeover", (3, 3, 2), (),
    )


def _with_attrs(options: Any, attrs: Mapping[str, Any]) -> Any:
    """A plugin tile's options with each string that is exactly "{attr}" replaced by the entity's
    attribute of that name (a bus's "{route}": R1); other strings as they are."""
    if isinstance(options, str) and options.startswith("{") and options.endswith("}") and options[1:-1] in attrs:
        return attrs[options[1:-1]]
    if isinstance(options, list | tuple):
        return [_with_attrs(x, attrs) for x in options]
    if isinstance(options, dict):
        return {k: _with_attrs(v, attrs) for k, v in options.items()}
    return options


def takeover_for(
    alarm: Any,
    manifests: Iterable[PluginManifest],
    entities: Mapping[str, Entity],
    guidance: tuple[str, ...] = (),
    steps: tuple[str, ...] = (),
) -> Layout:
    """The layout ``alarm`` brings to the wall: what its plugin says, around its entity, with its rule's steps."""
    entity = entities.get(alarm.entity_id)
    content = takeover_content(manifests, alarm, entity)
    return takeover_layout(alarm, entity, steps, content, entities, guidance)


def tile_layout(spec: TileSpec) -> Layout:
    """One tile shown big: the whole screen."""
    big = TileSpec(spec.kind, 0, 0, 1, 1, spec.title, dict(spec.options))
    return Layout(f"tile:{spec.kind}:{spec.title or spec.kind}", 1, 1, (big,), spec.title or spec.kind, "sent tile")
