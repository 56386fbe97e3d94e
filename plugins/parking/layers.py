"""Map layers of the parking plugin, as plain data (the map colours and marks them).

A builder takes the hub (or anything with ``entities`` and ``latest``/``freshness``)
and returns entity id -> {"value", "state", "label"}; ``state`` is what the map
colours by (with a shape or text), ``value`` the number behind it.
"""

from __future__ import annotations

from typing import Any

from console.languages import Text


#: the parking words for occupancy, as the map's generic marker states
MAP_STATE = {"normal": "ok", "nearly_full": "warning", "full": "alarm"}


def occupancy_state(occupancy_pct: float) -> str:
    if occupancy_pct >= 100:
        return "full"
    if occupancy_pct >= 90:
        return "nearly_full"
    return "normal"


def carpark_occupancy(hub: Any) -> dict[str, dict[str, Any]]:
    """Car parks coloured by occupancy %, labelled with their free spaces."""
    out = {}
    for e in hub.entities.values():
        if e.kind != "carpark":
            continue
        sid = f"parking/carpark/{e.id}/free"
        r = hub.latest(sid)
        cap = e.attrs["capacity"]
        if r is None or r.value is None:
            out[e.id] = {"value": None, "state": "offline", "label": f"{e.name} —/{cap}"}
            continue
        pct = 100.0 * (cap - r.value) / cap
        out[e.id] = {
            "value": round(pct, 1),
            # a full car park stays full on the map when its count goes stale: the map draws it stale
            "state": MAP_STATE[occupancy_state(pct)],
            "label": Text("Map", "{name} 空位 {free}/{capacity}").format(name=e.name, free=int(r.value), capacity=cap),
        }
    return out
