"""The lamp posts on the map: lit, dark by day, or at fault, labelled with the display's message."""

from __future__ import annotations

from typing import Any

from console.languages import Text


def post_state(hub: Any) -> dict[str, dict[str, Any]]:
    out = {}
    for e in hub.entities.values():
        if e.kind != "lamppost":
            continue
        on = hub.latest(f"streetlight/post/{e.id}/lamp_on")
        fault = hub.latest(f"streetlight/post/{e.id}/fault")
        msg = hub.latest(f"streetlight/post/{e.id}/message")
        if on is None or fault is None:
            out[e.id] = {"value": None, "state": "offline", "label": f"{e.name} —"}
            continue
        messages = e.attrs.get("messages", ())
        shown = messages[int(msg.value)] if msg is not None and 0 <= int(msg.value) < len(messages) else "—"
        if fault.value >= 1:
            state, lamp = "alarm", Text("Map", "故障")
        else:
            state, lamp = "ok", Text("Map", "亮") if on.value >= 1 else Text("Map", "灭")
        out[e.id] = {"value": on.value, "state": state, "label": Text("Map", "{name} {lamp} · 屏：{message}").format(name=e.name, lamp=lamp, message=shown)}
    return out
