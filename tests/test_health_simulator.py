"""The health simulator: plausible hospitals (beds within capacity, queues never negative,
a morning peak), counts that only grow through the day, and determinism."""

from __future__ import annotations

from plugins.health.hospitals import HOSPITALS
from plugins.health.simulator import DAY
from tests.agri_health_helpers import T_MORNING, health_sim

MIDNIGHT = T_MORNING - 10 * 3600  # local midnight of the test day


def test_the_five_hospitals_of_the_task_book_and_clinics_are_placed():
    sim = health_sim()
    names = {e.name for e in sim.entities() if e.kind == "hospital"}
    assert names == {h[1] for h in HOSPITALS}
    assert {"寿光市人民医院", "寿光市中医医院", "寿光市妇幼保健院", "寿光市东城医院", "寿光市皮肤病医院"} == names
    assert sum(e.kind == "clinic" for e in sim.entities()) >= 10
    assert all(e.has_position for e in sim.entities() if e.kind in ("hospital", "clinic"))


def test_beds_queues_and_counts_stay_plausible_over_a_week():
    sim = health_sim()
    sites = [e for e in sim.entities() if e.kind in ("hospital", "clinic")]
    for e in sites:
        prev = None
        for k in range(0, 7 * 24 * 4):
            t = MIDNIGHT + k * 900
            v = sim.values(e, t)
            assert 0 <= v["beds_occupied"] <= e.attrs["beds"]
            assert 0 <= v["bed_occupancy"] <= 100
            assert v["queue"] >= 0
            assert v["appointments_served"] <= v["appointments_booked"]
            assert v["e_prescriptions"] <= v["online_consultations"]
            same_day = prev is not None and int((t + 8 * 3600) // DAY) == int((t - 900 + 8 * 3600) // DAY)
            if same_day:  # counts of the day only grow until midnight
                for key in ("appointments_booked", "appointments_served", "online_consultations", "e_prescriptions", "health_card_scans"):
                    assert v[key] >= prev[key], (e.id, key, t)
            prev = v


def test_the_morning_outpatient_peak():
    sim = health_sim()
    people = next(e for e in sim.entities() if e.id == "H01")
    at = {h: sim.values(people, MIDNIGHT + h * 3600)["queue"] for h in (3, 10, 12.5, 15, 22)}
    assert at[10] > at[15] > at[12.5] > at[3] and at[10] > 5 * at[22]
    # a normal morning stays under the alarm limit; the limit is there for surges
    assert at[10] < people.attrs["queue_limit"]


def test_readings_do_not_depend_on_how_time_is_cut():
    sim = health_sim()
    t0, t1 = T_MORNING - 3 * 3600, T_MORNING
    whole = sim.readings_between(t0, t1)
    cuts = [t0, t0 + 299.0, t0 + 301.0, t0 + 4000.0, t1]
    pieces = [r for a, b in zip(cuts, cuts[1:]) for r in sim.readings_between(a, b)]
    assert sorted(whole) == sorted(pieces) and whole
    # the city totals are the sums of the sites
    last = {r.stream: r.value for r in whole if r.ts == t1}
    total = sum(v for s, v in last.items() if s.endswith("/online_consultations") and "/city/" not in s)
    assert last["health/city/shouguang/online_consultations"] == total
