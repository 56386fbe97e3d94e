"""The communities on the map, coloured by their completed indicator weight against the 80 % line."""

from __future__ import annotations

from typing import Any


def indicator_progress(hub: Any) -> dict[str, dict[str, Any]]:
    out = {}
    for e in hub.entities.values():
        if e.kind != "community":
            continue
        pct, bar = e.attrs["indicator_pct"], e.attrs["bar_pct"]
        out[e.id] = {
            "value": pct,
            # below the line is work to do, not an alarm
            "state": "ok" if pct >= bar else "warning",
            "label": f"{e.name} 指标 {pct:.0f} % / {bar:.0f} %" + (" ✓" if pct >= bar else ""),
        }
    return out
