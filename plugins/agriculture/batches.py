"""Produce batches and their traceability records, as a closed-form function of the seed.

Every local day some 950-1,200 batches are sampled between 05:30 and 12:30 (harvest is
at dawn); about 98.5 % pass, are certified (合格证) within the hour and sold a few
hours later; a failed batch is destroyed under supervision. A batch's chain is
planting -> inputs bought (which shop) -> harvest -> sampling test -> certificate ->
sale (or -> disposal). The records up to the certificate reach the cache when the
certificate is issued, the sale record when the sale happens.
"""

from __future__ import annotations

import bisect
import time
from dataclasses import dataclass
from functools import lru_cache

from console.sources.simulator import unit_random
from plugins.agriculture import DEMO_TAMPERED_BATCH
from plugins.agriculture.places import N_SHOPS, AgriPlaces
from plugins.agriculture.trace_chain import seal_chain

DAY = 86400.0
TZ_OFFSET_S = 8 * 3600.0  # China Standard Time: "today" starts at local midnight
FAIL_P = 0.015
_RESIDUE_LIMITS = {"chlorpyrifos": 0.02, "imidacloprid": 1.0, "procymidone": 2.0}  # mg/kg, GB 2763
_PRODUCTS = (
    ("吡虫啉 imidacloprid 10% WP", 14), ("腐霉利 procymidone 50% WP", 7), ("阿维菌素 abamectin 1.8% EC", 10),
    ("多菌灵 carbendazim 50% WP", 15), ("有机肥 organic fertiliser", 0), ("水溶肥 water-soluble fertiliser", 0),
)
_BUYERS = ("寿光农产品物流园 Shouguang produce logistics park", "北京新发地市场 Beijing Xinfadi market",
           "上海江桥批发市场 Shanghai Jiangqiao market", "本地商超 local supermarket")


def day_of(ts: float) -> int:
    """The local (UTC+8) day number of a time."""
    return int((ts + TZ_OFFSET_S) // DAY)


def day_start(d: int) -> float:
    return d * DAY - TZ_OFFSET_S


@dataclass(frozen=True)
class BatchPlan:
    day: int
    k: int
    code: str
    sample_ts: float
    failed: bool
    done_ts: float  # certificate issued, or batch destroyed
    sale_ts: float | None


class BatchBook:
    """Batches by day, cached; records on demand."""

    def __init__(self, places: AgriPlaces, seed: int) -> None:
        self.places = places
        self.seed = seed
        self._day = lru_cache(maxsize=16)(self._plan_day)

    def _plan_day(self, d: int) -> tuple[list[BatchPlan], list[float], list[float], list[float]]:
        """(plans, sorted sample times, sorted done times of certified, sorted failed sample times)."""
        n = 950 + int(250 * unit_random(self.seed, "nbatch", d))
        start = day_start(d)
        ymd = time.strftime("%y%m%d", time.gmtime(start + TZ_OFFSET_S))
        plans = []
        for k in range(1, n + 1):
            sample = start + 5.5 * 3600 + 7 * 3600 * (k / (n + 1)) ** 1.3
            failed = unit_random(self.seed, "bfail", d, k) < FAIL_P
            done = sample + (3600 if failed else 1200 + 1800 * unit_random(self.seed, "cert", d, k))
            sale = None if failed else done + 3600 * (2 + 4 * unit_random(self.seed, "sale", d, k))
            plans.append(BatchPlan(d, k, f"SG{ymd}{k:04d}", sample, failed, done, sale))
        certs = sorted(p.done_ts for p in plans if not p.failed)
        fails = sorted(p.sample_ts for p in plans if p.failed)
        return plans, [p.sample_ts for p in plans], certs, fails

    def plans(self, d: int) -> list[BatchPlan]:
        return self._day(d)[0]

    # -- counts (KPI streams) ----------------------------------------------------
    def samples_between(self, t0: float, t1: float) -> tuple[int, int]:
        """(sampled, failed) with t0 < sample time <= t1."""
        n = f = 0
        for d in range(day_of(t0), day_of(t1) + 1):
            _, samples, _, fails = self._day(d)
            n += bisect.bisect_right(samples, t1) - bisect.bisect_right(samples, t0)
            f += bisect.bisect_right(fails, t1) - bisect.bisect_right(fails, t0)
        return n, f

    def certificates_today(self, t: float) -> int:
        d = day_of(t)
        return bisect.bisect_right(self._day(d)[2], t)

    # -- records -------------------------------------------------------------------
    def steps(self, p: BatchPlan) -> list[dict]:
        """The unsealed steps of a batch, in chain order."""
        s, key = self.seed, (p.day, p.k)
        coop = self.places.coops[int(unit_random(s, "bcoop", *key) * len(self.places.coops))]
        ci = int(coop.id[1:])
        farmer = self.places.farmer(ci + len(self.places.coops) * int(unit_random(s, "bfarmer", *key) * 32))
        shop = f"S{1 + int(unit_random(s, 'bshop', *key) * N_SHOPS):04d}"
        product, interval = _PRODUCTS[int(unit_random(s, "bprod", *key) * len(_PRODUCTS))]
        planted = p.sample_ts - DAY * (60 + int(30 * unit_random(s, "grow", *key)))
        bought = planted + DAY * (10 + int(30 * unit_random(s, "buy", *key)))
        harvest = p.sample_ts - 3600 * (2 + 4 * unit_random(s, "harv", *key))
        weight = round(800 + 4200 * unit_random(s, "kg", *key))
        station = self.places.stations[int(unit_random(s, "bstation", *key) * len(self.places.stations))]
        inspector = self.places.inspector_for(coop.attrs["grid"], key)
        residues = {
            name: round(limit * (0.05 + 0.5 * unit_random(s, "res", name, *key)), 4) for name, limit in _RESIDUE_LIMITS.items()
        }
        if p.failed:
            residues["chlorpyrifos"] = round(_RESIDUE_LIMITS["chlorpyrifos"] * (1.5 + 8 * unit_random(s, "over", *key)), 4)
        base = {"batch": p.code, "coop": coop.id}
        steps = [
            {**base, "type": "planting", "ts": round(planted), "crop": coop.attrs["crop"], "farmer": farmer.id,
             "farmer_name": farmer.name, "greenhouse": f"{1 + int(40 * unit_random(s, 'gh', *key))}号大棚",
             "area_mu": round(1.5 + 2.5 * unit_random(s, "mu", *key), 1)},
            {**base, "type": "inputs", "ts": round(bought), "shop": shop, "product": product,
             "quantity_kg": round(0.5 + 9.5 * unit_random(s, "qty", *key), 1), "safe_interval_days": interval},
            {**base, "type": "harvest", "ts": round(harvest), "weight_kg": weight},
            {**base, "type": "sampling", "ts": round(p.sample_ts), "station": station.id, "inspector": inspector.id,
             "method": "速测+定量 rapid and quantitative", "residues_mg_kg": residues,
             "limits_mg_kg": dict(_RESIDUE_LIMITS), "result": "fail" if p.failed else "pass"},
        ]
        if p.failed:
            steps.append({**base, "type": "disposal", "ts": round(p.done_ts), "inspector": inspector.id,
                          "action": "监督销毁 destroyed under supervision", "weight_kg": weight})
        else:
            steps.append({**base, "type": "certificate", "ts": round(p.done_ts), "certificate_no": f"HGZ-{p.code[2:]}",
                          "issuer": coop.id, "weight_kg": weight, "promise": "不使用禁限用农药 no banned pesticides"})
            steps.append({**base, "type": "sale", "ts": round(p.sale_ts), "buyer": _BUYERS[int(unit_random(s, "buyer", *key) * len(_BUYERS))],
                          "weight_kg": weight})
        for i, st in enumerate(steps, start=1):
            st["seq"] = i
        return steps

    def records(self, p: BatchPlan) -> list[dict]:
        """The batch's sealed chain."""
        return seal_chain(self.steps(p))

    def records_between(self, t0: float, t1: float) -> list[dict]:
        """Records that reach the cache in (t0, t1]: a batch's chain up to its certificate
        (or disposal) when that happens, the sale record when the sale happens."""
        out: list[dict] = []
        for d in range(day_of(t0) - 1, day_of(t1) + 1):
            for p in self.plans(d):
                done_now = t0 < p.done_ts <= t1
                sale_now = p.sale_ts is not None and t0 < p.sale_ts <= t1
                if done_now or sale_now:
                    chain = self.records(p)
                    if done_now:
                        out += chain if p.failed else chain[:-1]
                    if sale_now:
                        out.append(chain[-1])
        return out

    def demo_tampered(self, now: float) -> tuple[list[dict], dict]:
        """The demo's tampered batch: its sealed chain, and the altered sampling record.

        Its sampling test failed (chlorpyrifos over the limit) and someone changed the
        stored result to "pass": verification names record 4, field ``result``."""
        d = day_of(now) - 1
        p = BatchPlan(d, 417, DEMO_TAMPERED_BATCH, day_start(d) + 9.2 * 3600, True, day_start(d) + 10.2 * 3600, None)
        chain = self.records(p)
        altered = dict(chain[3], result="pass")  # a failed test made to read "pass"
        return chain, altered
