"""The agriculture simulator: the county's real numbers, plausible rates, any time cut gives the same data."""

from __future__ import annotations

from collections import Counter

from layers.boundaries import contains, load_boundary
from plugins.agriculture.batches import DAY, day_of, day_start
from plugins.agriculture.places import FAIL, N_COOPS, N_SHOPS, PASS, RECTIFY
from tests.agri_health_helpers import T_MORNING, agri_sim


def test_every_cooperative_and_shop_is_inside_shouguang():
    sim = agri_sim()
    assert len(sim.places.coops) == N_COOPS == 2128 and len(sim.places.shops) == N_SHOPS == 2119
    boundary = load_boundary("shouguang")
    placed = sim.places.coops + sim.places.shops + sim.places.stations
    assert all(contains(boundary, e.lat, e.lon) for e in placed)
    assert len({(e.lat, e.lon) for e in placed}) > 0.99 * len(placed)
    # grids partition the co-ops and shops; inspectors and farmers are records, not entities
    assert sum(g.attrs["members"] for g in sim.places.grids) == N_COOPS + N_SHOPS
    assert all(e.kind not in ("inspector", "farmer") for e in sim.entities())
    assert sim.places.farmer(70000).coop and sim.places.inspector(5000).grid


def test_sampling_pass_rate_and_certificates_are_realistic_every_day():
    book = agri_sim().book
    for d in range(day_of(T_MORNING) - 20, day_of(T_MORNING)):
        n, failed = book.samples_between(day_start(d), day_start(d + 1))
        assert 900 <= n <= 1250
        assert 0.97 <= (n - failed) / n <= 0.995
        # every passed batch gets its certificate the same day
        assert book.certificates_today(day_start(d + 1) - 1) == n - failed


def test_inspection_outcomes_are_mostly_pass_with_occasional_failures():
    sim = agri_sim()
    outcomes = Counter()
    for k in range(10):
        t = T_MORNING - k * 3 * DAY
        outcomes.update(sim.last_inspection(e, t) for e in sim.places.coops[::4] + sim.places.shops[::4])
    total = sum(outcomes.values())
    assert outcomes[PASS] / total > 0.97
    assert 0 < outcomes[RECTIFY] / total < 0.03 and outcomes[FAIL] > 0
    done_due = sim.inspections_today(day_start(day_of(T_MORNING)) + DAY - 1).values()
    assert all(done <= due for done, due in done_due)
    assert sum(due for _, due in done_due) > 0.9 * (N_COOPS + N_SHOPS) / 30


def test_readings_do_not_depend_on_how_time_is_cut():
    sim = agri_sim()
    t0, t1 = T_MORNING - 2 * 3600, T_MORNING
    whole = sim.readings_between(t0, t1)
    cuts = [t0, t0 + 7.5, t0 + 1234.0, t0 + 3600.0, t0 + 5000.25, t1]
    pieces = [r for a, b in zip(cuts, cuts[1:]) for r in sim.readings_between(a, b)]
    assert sorted(whole) == sorted(pieces) and len(whole) > 10_000
    rec_whole = sim.book.records_between(t0, t1)
    rec_pieces = [r for a, b in zip(cuts, cuts[1:]) for r in sim.book.records_between(a, b)]
    assert sorted(r["hash"] for r in rec_whole) == sorted(r["hash"] for r in rec_pieces) and rec_whole
    video = [r.value for r in whole if r.stream.endswith("/video")]
    assert 0.98 < sum(video) / len(video) <= 1.0


def test_same_seed_same_data_other_seed_other_data():
    from console.city import load_city
    from plugins.agriculture.batches import BatchBook
    from plugins.agriculture.places import AgriPlaces

    places = AgriPlaces(load_city("shouguang"), seed=2, n_coops=50, n_shops=50)
    other = BatchBook(places, seed=2)
    d = day_of(T_MORNING)
    assert agri_sim().book.plans(d) == agri_sim().book.plans(d)
    assert [p.failed for p in other.plans(d)] != [p.failed for p in agri_sim().book.plans(d)]


def test_the_fast_canonical_json_writes_the_bytes_json_dumps_writes():
    """The seals' fast path for strings and numbers: byte for byte json.dumps's canonical form."""
    import json

    import pytest
    from plugins.agriculture.trace_chain import canonical_json

    values = ["寿光蔬菜", "a\"b\\c\n\t\u0001\u2028", "", 0, -7, 2**70, 1.5, -0.0, 1e300, 3.0, 0.1 + 0.2, True, False, None,
              {"b": 1, "a": "x"}, [1, "二"]]
    for v in values:
        assert canonical_json(v) == json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                                               allow_nan=False).encode("utf-8"), v
    for bad in (float("nan"), float("inf")):
        with pytest.raises(ValueError):
            canonical_json(bad)
