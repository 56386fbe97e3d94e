"""KPI arithmetic over streams' latest values. Qt-free; the KPI tile only displays it."""

from __future__ import annotations

from dataclasses import dataclass

from console.figures import DEFAULT_DECIMALS, decimals_of, format_value
from console.freshness import Freshness
from console.hub.hub import Hub

METRICS = ("reporting", "above", "max", "sum", "mean", "value")


@dataclass(frozen=True)
class KpiValue:
    text: str  # what the tile prints, big
    detail: str  # the line under it
    abnormal: bool  # colour and a shape only when something needs attention
    freshness: Freshness  # the worst freshness of the values it is made from
    age_s: float | None


def compute_kpi(hub: Hub, streams: list[str], metric: str, *, limit_attr: str = "", unit: str = "", decimals: int | None = None) -> KpiValue:
    """Compute one KPI. Stale values still count, but the result says it is stale.
    ``decimals`` None: the streams' own (``StreamSpec.decimals``; a count is an integer)."""
    if metric not in METRICS:
        raise ValueError(f"unknown KPI metric {metric!r}; one of {', '.join(METRICS)}")
    now = hub.clock.now()
    states = [hub.freshness(s, now) for s in streams]
    current = [s for s, (f, _) in zip(streams, states) if f.is_current]
    ages = [a for _, a in states if a is not None]
    worst = max((f for f, _ in states), key=lambda f: f.rank, default=Freshness.OFFLINE)
    age = max(ages) if ages else None
    if metric == "reporting":
        n = len(current)
        # a stream whose source is back-filling is on its way, not missing
        coming = sum(f is Freshness.CATCHING_UP for f, _ in states)
        missing = len(streams) - n - coming
        detail = f"{missing} 未报 not reporting" + (f" · {coming} 追赶中 catching up" if coming else "")
        shown = Freshness.CATCHING_UP if coming else (worst if n == 0 else Freshness.FRESH)
        return KpiValue(f"{n}/{len(streams)}", detail, missing > 0, shown, age)
    values = [(s, hub.latest(s)) for s in streams]
    values = [(s, r.value) for s, r in values if r is not None and r.value is not None]
    if metric == "above":
        above = []
        for s, v in values:
            e = hub.entity_of(s)
            lim = e.attrs.get(limit_attr) if e else None
            if lim is not None and v > lim:
                above.append(e.name)
        detail = "、".join(above[:3]) + (" …" if len(above) > 3 else "") if above else "全部正常 all normal"
        return KpiValue(str(len(above)), detail, bool(above), worst, age)
    if not values:
        return KpiValue("—", "无数据 no data", False, Freshness.OFFLINE, None)
    nums = [v for _, v in values]
    result = {"max": max(nums), "sum": sum(nums), "mean": sum(nums) / len(nums), "value": nums[0]}[metric]
    detail = f"{len(nums)} 个站点 stations" if metric != "value" else ""
    abnormal = False
    if limit_attr:  # a target or limit the first stream's entity carries: beyond it is abnormal
        e = hub.entity_of(values[0][0])
        lim = e.attrs.get(limit_attr) if e else None
        if lim is not None:
            abnormal = result > lim
            detail = " · ".join(p for p in (detail, f"限值 limit {lim:g} {unit}".strip()) if p)
    if decimals is None:
        decimals = max((decimals_of(hub.specs.get(s)) for s, _ in values), default=DEFAULT_DECIMALS)
    return KpiValue(format_value(result, decimals=decimals, unit=unit), detail, abnormal, worst, age)

