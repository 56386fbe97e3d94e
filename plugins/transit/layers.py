"""The transit map layers, as plain data: each stop labelled with what its e-stop board shows first,
marked when no bus is coming within the wait a passenger is promised (a gap at the stop); each
bus in service in alarm when it bunches on the bus ahead, in warning behind a gap."""

from __future__ import annotations

from typing import Any

from console.languages import Text

from plugins.transit.board import buses_now, next_arrivals
from plugins.transit.route_status import route_rows
from plugins.transit.timetable import timetable_of

LONG_WAIT_MIN = 20


def stop_boards(hub: Any) -> dict[str, dict[str, Any]]:
    stops = [e for e in hub.entities.values() if e.kind == "bus_stop"]
    if not stops:
        return {}
    tt = timetable_of(stops)
    if tt is None:
        return {}
    now = hub.clock.now()
    buses = buses_now(hub, now)
    out = {}
    for e in stops:
        arrivals = next_arrivals(tt, e.attrs["stop_id"], now, buses, n=3)
        if not arrivals:
            out[e.id] = {"value": None, "state": "ok", "label": Text("Map", "{name} · 今日已无班次").format(name=e.name)}
            continue
        first = arrivals[0]
        parts = {f"a{k}": (Text("Map", "{route} {minutes}分") if a.live else Text("Map", "{route} {minutes}分(计划)")).format(route=a.route, minutes=a.minutes)
                 for k, a in enumerate(arrivals)}
        joined = "{name} " + " · ".join(f"{{{k}}}" for k in parts)  # no words of its own: each part is translated
        label = Text("", joined).format(name=e.name, **parts)
        out[e.id] = {"value": first.minutes, "state": "warning" if first.minutes > LONG_WAIT_MIN else "ok", "label": label}
    return out


#: a bus's headway state as the map's marker state
BUS_STATE = {"bunched": "alarm", "gap": "warning", "ok": "ok", "first": "ok"}


def bus_positions(hub: Any) -> dict[str, dict[str, Any]]:
    buses = [e for e in hub.entities.values() if e.kind == "bus" and e.has_position]
    if not buses:
        return {}
    tt = timetable_of(hub.entities.values())
    if tt is None:
        return {}
    now = hub.clock.now()
    out = {}
    for route in tt.routes:
        for row in route_rows(hub, tt, route, now):
            hw = "" if row.headway_min is None else f" · 间隔 {row.headway_min:.0f} 分"
            out[row.entity] = {"value": row.ratio, "state": BUS_STATE[row.state],
                               "label": f"→{row.headsign}{hw} · 晚点 {row.delay_min:.0f} 分"}
    return out
