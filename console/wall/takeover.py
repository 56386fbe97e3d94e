"""The layout an alarm brings to the wall: its chart, the nearest cameras, the map, the steps to take.

Built from the alarm and its entity alone (Qt-free): a gauge over its warning level
gets its hydrograph with the warning and guarantee lines, the cameras nearest it
first, the map (flown to it by the wall), and the response steps.
"""

from __future__ import annotations

from typing import Any

from console.languages import Text, numbered
from console.layouts.layout import Layout, TileSpec

DEFAULT_STEPS = (  # Texts: the text tile shows them in the interface's language
    Text("Takeover", "核实现场视频"),
    Text("Takeover", "通知责任单位"),
    Text("Takeover", "按应急预案响应"),
    Text("Takeover", "处置后确认报警"),
)


def takeover_name(alarm: Any) -> str:
    return f"takeover:{alarm.entity_id or alarm.stream}"


def response_steps(alarm: Any, configured: tuple[str, ...] = ()) -> list[str]:
    """The rule's own guidance if the alarm carries it, else the wall's configured steps."""
    own = getattr(alarm, "guidance", None) or getattr(alarm, "steps", None)
    if own:
        return [own] if isinstance(own, str) else list(own)
    return list(configured or DEFAULT_STEPS)


def takeover_layout(alarm: Any, entity: Any | None = None, steps: tuple[str, ...] = ()) -> Layout:
    """A 3x4 layout centred on the alarm's entity (``entity``: id, kind, name, attrs; may be None)."""
    stream_leaf = alarm.stream.rsplit("/", 1)[-1]
    if entity is not None:
        chart_opts: dict[str, Any] = {"select": {"kind": entity.kind, "ids": [entity.id]}, "stream": stream_leaf, "window_h": 12}
        levels = [k for k in ("warning_level", "guarantee_level") if k in (entity.attrs or {})]
        if levels:
            chart_opts["thresholds"] = levels
        name = entity.name
    else:
        chart_opts = {"streams": [alarm.stream], "window_h": 12}
        name = alarm.entity_id or alarm.stream
    steps_text = numbered([s if isinstance(s, Text) else Text("Rule", s) for s in response_steps(alarm, steps)])
    tiles = (
        TileSpec("chart", 0, 0, 2, 2, Text("Takeover", "{name} · 过程线").format(name=name), chart_opts),
        TileSpec("map", 0, 2, 2, 2, Text("Takeover", "{name} · 位置").format(name=name), {"fly_to_alarm": True}),
        TileSpec("cameras", 2, 0, 1, 3, Text("Takeover", "最近摄像机"),
                 {"select": {"kind": "camera"}, "rows": 1, "columns": 4, "cycle_s": 0, "alarm_first": True, "alarm_nearest": 4}),
        TileSpec("text", 2, 3, 1, 1, Text("Takeover", "处置步骤"), {"heading": alarm.message, "text": steps_text}),
    )
    return Layout(
        takeover_name(alarm), 3, 4, tiles, Text("Takeover", "⚠ 报警接管 · {name}").format(name=name), "takeover", (3, 3, 2), (),
    )


def tile_layout(spec: TileSpec) -> Layout:
    """One tile shown big: the whole screen."""
    big = TileSpec(spec.kind, 0, 0, 1, 1, spec.title, dict(spec.options))
    return Layout(f"tile:{spec.kind}:{spec.title or spec.kind}", 1, 1, (big,), spec.title or spec.kind, "sent tile")
