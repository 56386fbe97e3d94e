"""Map layers of the energy plugin, as plain data: transformers by load %, fault indicators.

Each builder takes the hub and returns entity id -> {"value", "state", "label"}.
States: normal < 80 % <= heavy < 100 % <= overload; outage (no supply), stale
(the terminal is silent). Qt-free; the map colours by state, always with a shape.
"""

from __future__ import annotations

from typing import Any

HEAVY_PCT = 80.0


#: the energy words for a load, as the map's generic marker states
MAP_STATE = {"normal": "ok", "heavy": "warning", "overload": "alarm", "outage": "alarm", "tripped": "alarm"}


def load_state(load_pct: float) -> str:
    if load_pct > 100.0:
        return "overload"
    if load_pct >= HEAVY_PCT:
        return "heavy"
    if load_pct <= 0.0:
        return "outage"
    return "normal"


def transformer_load(hub: Any) -> dict[str, dict[str, Any]]:
    out = {}
    for e in hub.entities.values():
        if e.kind != "transformer":
            continue
        sid = e.streams[0].id
        r = hub.latest(sid)
        if r is None or r.value is None:
            out[e.id] = {"value": None, "state": "stale", "label": e.name}
            continue
        pct = 100.0 * r.value / e.attrs["rated_kw"]
        out[e.id] = {
            "value": round(pct, 1),
            # an overloaded terminal that goes silent stays overloaded on the map, drawn stale
            "state": MAP_STATE[load_state(pct)],
            "label": f"{e.name} {r.value:.0f} kW · {pct:.0f} %",
        }
    return out


def fault_indicators(hub: Any) -> dict[str, dict[str, Any]]:
    out = {}
    for e in hub.entities.values():
        if e.kind != "fault_indicator":
            continue
        r = hub.latest(e.streams[0].id)
        tripped = bool(r is not None and r.value is not None and r.value >= 0.5)
        out[e.id] = {"value": 1.0 if tripped else 0.0, "state": MAP_STATE["tripped" if tripped else "normal"], "label": e.name}
    return out
