"""Hospital activity, simulated: a morning outpatient peak, online consultations into the
evening, beds that fill towards capacity but never past it.

Counts of the day (appointments, consultations, prescriptions, card scans) are the
day's total times the share of the day's shape elapsed, so they only grow until
local midnight. Queue length follows the arrival rate. Bed occupancy drifts by day
and week around the hospital's typical level, and a ``patient_surge`` event (the
demo opens on one at the people's hospital) lifts queues and beds for some hours.
Every value is a closed-form function of time.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

from console.city import City
from console.model import Entity, Reading
from console.sources.simulator import ScenarioEvent, Simulator, grid_times, unit_noise, unit_random
from plugins.health.hospitals import INTERVAL_S, health_sites

DAY = 86400.0
TZ_OFFSET_S = 8 * 3600.0
# relative arrival rate per local hour: the outpatient morning peak, a lunch dip, the afternoon clinic
_OUTPATIENT = (0.4, 0.3, 0.3, 0.3, 0.3, 0.4, 0.8, 4, 10, 10, 9, 6, 2, 2.5, 6, 6.5, 5, 2.5, 1, 0.8, 0.7, 0.6, 0.5, 0.4)
# appointments are seen in clinic hours only (the night's arrivals are emergencies)
_CLINIC = tuple(w if 7 <= h < 18 else 0 for h, w in enumerate(_OUTPATIENT))
# online consultations: through the working day and again after dinner
_ONLINE = (0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 1.5, 3, 4, 4, 3.5, 2.5, 2.5, 3.5, 3.5, 3, 2.5, 2.5, 3.5, 4, 3.5, 2, 0.8)
# same-day bookings open at 07:00
_BOOKING = (0, 0, 0, 0, 0, 0, 0.5, 8, 6, 4, 3, 2, 1, 1, 2, 1.5, 1, 0.5, 0.3, 0.2, 0.2, 0.1, 0, 0)
PREBOOKED = 0.72  # share of the day's appointments already booked at midnight
NO_SHOW = 0.07
APPOINTMENT_SHARE = 0.62  # of outpatients who come by appointment


def _cumulative(shape: Sequence[float]):
    total = sum(shape)
    cum = [0.0, *accumulate(w / total for w in shape)]

    def share(hour: float) -> float:
        """The share of the day's total reached at this local hour (0..24)."""
        h = min(max(hour, 0.0), 24.0)
        i = min(int(h), 23)
        return cum[i] + (h - i) * (cum[i + 1] - cum[i])

    return share, [w / total * 24 for w in shape]


_OUT_SHARE, _OUT_RATE = _cumulative(_OUTPATIENT)
_CLINIC_SHARE, _ = _cumulative(_CLINIC)


def _rate_at(hour: float) -> float:
    """Relative arrival rate, linear between hour midpoints (no steps on the hour)."""
    x = (hour - 0.5) % 24
    i = int(x)
    return _OUT_RATE[i] + (x - i) * (_OUT_RATE[(i + 1) % 24] - _OUT_RATE[i])


_ONLINE_SHARE, _ = _cumulative(_ONLINE)
_BOOK_SHARE, _ = _cumulative(_BOOKING)


@dataclass(frozen=True)
class Surge:
    hospital: str
    start: float
    hours: float
    queue_factor: float
    extra_occupancy: float
    extra_queue: float = 1.0  # a crowd of this many times the queue limit arrives at once

    def on(self, hid: str, t: float) -> bool:
        return hid == self.hospital and self.start <= t < self.start + self.hours * 3600


class HealthSimulator(Simulator):
    backfill_s = 12 * 3600

    def __init__(self, city: City, seed: int = 1) -> None:
        super().__init__(city, seed)
        self._sites = health_sites(city, seed)
        self._served = [e for e in self._sites if e.kind in ("hospital", "clinic")]
        self._summary = next(e for e in self._sites if e.kind == "health_summary")
        self._surges: list[Surge] = []

    def entities(self) -> Sequence[Entity]:
        return self._sites

    def prepare_demo(self, now: float) -> None:
        # the demo opens on a busy morning at the people's hospital: long queue, beds near full
        self._surges.append(Surge("H01", now - 2 * 3600, 8, 1.8, 0.08))

    def apply_event(self, event: ScenarioEvent) -> bool:
        if event.type != "patient_surge":
            return False
        p = event.params
        self._surges.append(Surge(str(p.get("hospital", "H01")), event.ts, float(p.get("hours", 4)),
                                  float(p.get("queue_factor", 1.8)), float(p.get("extra_occupancy", 0.08)),
                                  float(p.get("extra_queue", 1.0))))
        self.events.append(event)
        return True

    # -- the model ---------------------------------------------------------------------
    def _day_total(self, e: Entity, d: int) -> float:
        weekday = (d + 3) % 7  # day 0 (1970-01-01) was a Thursday; 5, 6 = Saturday, Sunday
        factor = {5: 0.75, 6: 0.6}.get(weekday, 1.0)
        return e.attrs["daily_outpatients"] * factor * (0.92 + 0.16 * unit_random(self.seed, e.id, "day", d))

    def values(self, e: Entity, t: float) -> dict[str, float]:
        """Every stream of a hospital or clinic at time t."""
        local = t + TZ_OFFSET_S
        d, hour = int(local // DAY), (local % DAY) / 3600
        total = self._day_total(e, d)
        surge = next((s for s in self._surges if s.on(e.id, t)), None)
        appointments = total * APPOINTMENT_SHARE
        booked = math.floor(appointments * (PREBOOKED + (1 - PREBOOKED) * _BOOK_SHARE(hour)))
        served = min(booked, math.floor(appointments * (1 - NO_SHOW) * _CLINIC_SHARE(hour)))
        online_total = total * (0.25 if e.kind == "hospital" and e.attrs.get("internet_hospital_since") else 0.05)
        consultations = math.floor(online_total * _ONLINE_SHARE(hour))
        prescriptions = math.floor(consultations * 0.58)
        scans = math.floor(total * 1.6 * _OUT_SHARE(hour))
        rate = total / 24 * _rate_at(hour)  # arrivals per hour now
        wait_h = 0.35 * (1 + 0.1 * unit_noise(self.seed, e.id, "q", round(t)))
        queue = rate * wait_h
        if surge:
            queue = queue * surge.queue_factor + surge.extra_queue * e.attrs["queue_limit"]
        queue = max(0, round(queue))
        beds = e.attrs["beds"]
        occ = (
            e.attrs["typical_occupancy"]
            + 0.025 * math.sin(2 * math.pi * (d % 7) / 7 + 6 * unit_random(self.seed, e.id, "wk"))
            + 0.02 * unit_noise(self.seed, e.id, "occ", d)
            - 0.015 * math.exp(-((hour - 11) ** 2) / 4)  # discharges late morning, admissions after
            + (surge.extra_occupancy if surge else 0.0)
        )
        occupied = min(beds, max(0, round(beds * occ)))
        return {
            "appointments_booked": float(booked), "appointments_served": float(served),
            "online_consultations": float(consultations), "e_prescriptions": float(prescriptions),
            "health_card_scans": float(scans), "queue": float(queue), "beds_occupied": float(occupied),
            "bed_occupancy": round(100.0 * occupied / beds, 1),
        }

    def readings_between(self, t0: float, t1: float) -> list[Reading]:
        out: list[Reading] = []
        for t in grid_times(t0, t1, INTERVAL_S):
            sums: dict[str, float] = {}
            for e in self._served:
                values = self.values(e, t)
                for s in e.streams:
                    name = s.id.rsplit("/", 1)[1]
                    out.append(Reading(s.id, t, values[name]))
                    sums[name] = sums.get(name, 0.0) + values[name]
            for s in self._summary.streams:
                out.append(Reading(s.id, t, sums[s.id.rsplit("/", 1)[1]]))
        return out
