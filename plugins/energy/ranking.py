"""Top-N transformers by load %, from the hub's latest values. Qt-free; the tile only shows it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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
    for e in entities:
        r = hub.latest(e.streams[0].id)
        if r is not None and r.value is not None:
            ranked.append((r.value / e.attrs["rated_kw"], e, r))
    ranked.sort(key=lambda x: x[0], reverse=True)
    out: list[LoadRank] = []
    silent = len(entities) - len(ranked)
    for pct, e, r in ranked:
        if not hub.freshness(e.streams[0].id, now)[0].is_current:
            silent += 1
            continue
        if len(out) < n:
            out.append(LoadRank(e, r.value, 100.0 * pct))
    return out, silent
