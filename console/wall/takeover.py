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
from console.layouts.layout import Layout, TileSpec
from console.model import Entity
from console.plugins.api import AlarmTakeover, PluginManifest
from console.selection import select_entities

DEFAULT_STEPS = (
    "核实现场视频 Check the nearest cameras",
    "通知责任单位 Notify the responsible department",
    "按应急预案响应 Follow the response plan",
    "处置后确认报警 Acknowledge the alarm when handled",
)

#: for an alarm no plugin describes: its own stream, the nearest cameras of any kind
GENERIC = AlarmTakeover("趋势 Trend", cameras_title="最近摄像机 Nearest cameras")


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
    cams = takeover_cameras(content, entity, entities or {})
    steps_text = "\n".join(f"{i}. {s}" for i, s in enumerate(response_steps(alarm, steps, guidance), 1))
    tiles = (
        TileSpec("chart", 0, 0, 2, 2, f"{name} · {content.title}", chart_opts),
        TileSpec("map", 0, 2, 2, 2, f"{name} · 位置 location", map_opts),
        TileSpec("cameras", 2, 0, 1, 3, f"{name} · {content.cameras_title}",
                 {"select": {"kind": "camera", "ids": cams}, "rows": 1, "columns": max(1, min(content.cameras, 6)),
                  "cycle_s": 0}),
        TileSpec("text", 2, 3, 1, 1, "处置步骤 Response steps", {"heading": alarm.message, "text": steps_text}),
    )
    return Layout(
        takeover_name(alarm), 3, 4, tiles, f"⚠ 报警接管 Alarm takeover · {name} · {content.title}", "takeover", (3, 3, 2), (),
    )


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
