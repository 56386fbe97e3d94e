"""KPI arithmetic over streams' latest values. Qt-free; the KPI tile only displays it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from console.figures import DEFAULT_DECIMALS, decimals_of, format_value
from console.freshness import Freshness
from console.hub.hub import Hub
from console.languages import Text

METRICS = ("reporting", "above", "max", "sum", "mean", "value")


@dataclass(frozen=True)
class KpiValue:
    text: str  # what the tile prints, big
    detail: str  # the line under it (a console.languages.Text: the tile translates it)
    abnormal: bool  # colour and a shape only when something needs attention
    freshness: Freshness  # the worst freshness of the values it is made from
    age_s: float | None


def compute_kpi(hub: Hub, streams: list[str], metric: str, *, limit_attr: str = "", unit: str = "", decimals: int | None = None,
                count_noun: str = "", active: Mapping[str, str] | None = None, idle_text: str = "") -> KpiValue:
    """Compute one KPI. With some streams current, it is made of those and says how many
    are silent; with none, stale values still count, but the result says it is stale.
    ``decimals`` None: the streams' own (``StreamSpec.decimals``; a count is an integer).
    ``count_noun``: what the detail line counts the streams as ("3 条线路"); "" keeps the default noun.
    ``active``: per stream, the stream that says whether its entity is in service (a route's buses
    in service): one whose latest word is 0 leaves its stream out, silent for a reason (no bus runs
    at night); with all of them out the KPI says ``idle_text`` (a layout's word), as fresh as those
    words are (stale when their source is)."""
    if metric not in METRICS:
        raise ValueError(f"unknown KPI metric {metric!r}; one of {', '.join(METRICS)}")
    now = hub.clock.now()
    if active:
        idle = [s for s in streams if s in active and _says_idle(hub, s, active[s])]
        if idle and len(idle) == len(streams):
            fresh = [hub.freshness(active[s], now) for s in idle]
            ages = [a for _, a in fresh if a is not None]
            noun = Text("Kpi", "{n} {noun}").format(n=len(idle), noun=Text("Layout", count_noun)) if count_noun else ""
            return KpiValue(Text("Layout", idle_text) if idle_text else Text("Kpi", "未运行"), noun, False,
                            max((f for f, _ in fresh), key=lambda f: f.rank), max(ages) if ages else None)
        streams = [s for s in streams if s not in idle]
    states = [hub.freshness(s, now) for s in streams]
    current = [s for s, (f, _) in zip(streams, states) if f.is_current]
    # a figure made of many streams is as fresh as the ones still reporting: one transformer
    # in an outage does not make "overloaded transformers" stale; the silent ones are counted
    # in the detail line. With none reporting it is as fresh as the best of the rest.
    counted = [st for st in states if st[0].is_current] or states
    ages = [a for _, a in counted if a is not None]
    worst = max((f for f, _ in counted), key=lambda f: f.rank, default=Freshness.OFFLINE)
    age = max(ages) if ages else None
    silent = sum(not f.is_current and f is not Freshness.CATCHING_UP for f, _ in states) if current else 0
    if metric == "reporting":
        n = len(current)
        # a stream whose source is back-filling is on its way, not missing
        coming = sum(f is Freshness.CATCHING_UP for f, _ in states)
        missing = len(streams) - n - coming
        detail = Text("Kpi", "{n} 未报").format(n=missing)
        if coming:
            detail = Text("Kpi", "{detail} · {coming} 追赶中").format(detail=detail, coming=coming)
        shown = Freshness.CATCHING_UP if coming else (worst if n == 0 else Freshness.FRESH)
        return KpiValue(f"{n}/{len(streams)}", detail, missing > 0, shown, age)
    # with some reporting, the figure is theirs (a silent one's hours-old value is not today's)
    used = current or streams
    values = [(s, hub.latest(s)) for s in used]
    values = [(s, r.value) for s, r in values if r is not None and r.value is not None]
    if metric == "above":
        above = []
        for s, v in values:
            e = hub.entity_of(s)
            lim = e.attrs.get(limit_attr) if e else None
            if lim is not None and v > lim:
                above.append(e.name)
        detail = "、".join(above[:3]) + (" …" if len(above) > 3 else "") if above else Text("Kpi", "全部正常")
        return KpiValue(str(len(above)), _with_silent(detail, silent), bool(above), worst, age)
    if not values:
        return KpiValue("—", Text("Kpi", "无数据"), False, Freshness.OFFLINE, None)
    nums = [v for _, v in values]
    result = {"max": max(nums), "sum": sum(nums), "mean": sum(nums) / len(nums), "value": nums[0]}[metric]
    detail = ""
    if metric != "value":
        # the noun is a layout file's word: translated in the layouts' context, as their titles are
        detail = (Text("Kpi", "{n} {noun}").format(n=len(nums), noun=Text("Layout", count_noun)) if count_noun
                  else Text("Kpi", "{n} 个站点").format(n=len(nums)))
    abnormal = False
    if limit_attr:  # a target or limit the first stream's entity carries: beyond it is abnormal
        e = hub.entity_of(values[0][0])
        lim = e.attrs.get(limit_attr) if e else None
        if lim is not None:
            abnormal = result > lim
            limit = Text("Kpi", "限值 {limit}").format(limit=f"{lim:g} {unit}".strip())
            detail = Text("Kpi", "{detail} · {limit}").format(detail=detail, limit=limit) if detail else limit
    if decimals is None:
        decimals = max((decimals_of(hub.specs.get(s)) for s, _ in values), default=DEFAULT_DECIMALS)
    return KpiValue(format_value(result, decimals=decimals, unit=unit), _with_silent(detail, silent), abnormal, worst, age)


def _with_silent(detail, silent: int):
    """The detail line, with how many of the figure's streams are not reporting."""
    if not silent:
        return detail
    quiet = Text("Kpi", "{n} 未报").format(n=silent)
    return Text("Kpi", "{detail} · {limit}").format(detail=detail, limit=quiet) if detail else quiet



def _says_idle(hub: Hub, stream: str, active: str) -> bool:
    """Whether the latest word on ``stream``'s entity is its ``active`` stream saying 0 (no newer value)."""
    a, r = hub.latest(active), hub.latest(stream)
    return a is not None and a.value == 0 and (r is None or r.ts <= a.ts)
