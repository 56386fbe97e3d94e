"""Top-N transformers by load %, from the hub's latest values. Qt-free; the tile only shows it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from console.freshness import STALE_AFTER
from console.model import Entity


@dataclass(frozen=True)
class LoadRank:
    entity: Entity
    load_kw: float
    load_pct: float


def top_by_load(hub: Any, entities: list[Entity], n: int = 10, now: float | None = None) -> tuple[list[LoadRank], int]:
    """(the n transformers with the highest load % among those reporting now, how many are silent).

    A silent terminal's last value is not its load now: it is left out of the
    ranking (the terminal-offline alarm names it) and counted instead.
    """
    now = hub.clock.now() if now is None else now
    ranked = []
    silent = 0
    for e in entities:
        spec = e.streams[0]
        r = hub.latest(spec.id)
        if r is None or r.value is None:
            silent += 1
            continue
        # hub.freshness for each of 2,722 terminals costs tens of ms a refresh; the same rule, inline
        # a terminal whose source is back-filling is ranked on its value so far (the tile says catching up)
        if (now - r.ts > STALE_AFTER * spec.expected_interval_s and not hub.catching_up(spec.id)) or not hub.source_live(spec.id):
            silent += 1
            continue
        ranked.append((r.value / e.attrs["rated_kw"], e, r))
    ranked.sort(key=lambda x: x[0], reverse=True)
    return [LoadRank(e, r.value, 100.0 * pct) for pct, e, r in ranked[:n]], silent
