"""The emergency map's marker states: a hazard in alarm while it leaks or floods, a team by its
status, a shelter by its fill, a depot by its hazmat stock; the impact range in alarm (drawn red)."""

from __future__ import annotations

from typing import Any

from console.languages import Text
from plugins.emergency.places import TEAM_STATUS


#: a hazard's stream beyond this is an event (the rules' limits): a leak, water in an underpass
ALARM_ABOVE = {"leak_t": 0.1, "water_depth_m": 0.3}


def _v(hub: Any, sid: str) -> float | None:
    r = hub.latest(sid)
    return None if r is None or r.value is None else float(r.value)


def emergency_states(hub: Any) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for e in list(hub.entities.values()):
        if e.kind == "hazard" and e.streams:
            v = _v(hub, e.streams[0].id)
            limit = ALARM_ABOVE.get(e.streams[0].id.rsplit("/", 1)[1])
            bad = v is not None and limit is not None and v > limit
            out[e.id] = {"value": v, "state": "alarm" if bad else "ok",
                         "label": f"{v:.1f} {e.streams[0].unit}" if bad else ""}
        elif e.kind == "rescue_team":
            s = _v(hub, f"emergency/team/{e.id}/status")
            eta = _v(hub, f"emergency/team/{e.id}/eta_min")
            k = int(s or 0)
            label = str(Text("Emergency", TEAM_STATUS[k]))
            if k == 1 and eta is not None:
                label += Text("Emergency", " · 预计 {m:.0f} 分钟到场").format(m=eta)
            out[e.id] = {"value": s, "state": "warning" if k == 1 else "ok", "label": label}
        elif e.kind == "shelter":
            n = _v(hub, f"emergency/shelter/{e.id}/occupancy")
            cap = e.attrs["capacity"]
            share = (n or 0) / cap
            out[e.id] = {"value": n, "state": "alarm" if share >= 0.9 else "warning" if share >= 0.5 else "ok",
                         "label": f"{0 if n is None else int(n)}/{cap}"}
        elif e.kind == "impact_range":
            people = _v(hub, f"{e.streams[0].id.rsplit('/', 1)[0]}/people") if e.streams else None
            if "area" in e.attrs:
                out[e.id] = {"value": people, "state": "alarm",
                             "label": Text("Emergency", "半径 {r} m · 范围内 {n} 人").format(r=e.attrs.get("radius_m", "—"), n=int(people or 0))}
        elif e.kind == "rescue_route" and "path" in e.attrs:
            out[e.id] = {"value": None, "state": "warning", "label": Text("Emergency", "约 {m} 分钟").format(m=e.attrs.get("minutes", "—"))}
    return out
