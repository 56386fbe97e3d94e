"""Which days are holidays and market days, in local (China Standard) time.

Holidays are the State Council's published days off for 2025-2027; other years fall
back to the fixed-date ones. Shouguang's rural markets (集) meet on a five-day lunar
cycle; without a lunar calendar we approximate it by a five-day cycle of the local
day number, which keeps the rhythm (one day in five) that the car parks feel.
"""

from __future__ import annotations

import datetime as dt

LOCAL_OFFSET_S = 8 * 3600

_HOLIDAY_SPANS = {
    2025: [("01-01", "01-01"), ("01-28", "02-04"), ("04-04", "04-06"), ("05-01", "05-05"), ("05-31", "06-02"), ("10-01", "10-08")],
    2026: [("01-01", "01-03"), ("02-15", "02-23"), ("04-04", "04-06"), ("05-01", "05-05"), ("06-19", "06-21"), ("09-25", "09-27"), ("10-01", "10-07")],
    2027: [("01-01", "01-03"), ("02-05", "02-11"), ("04-03", "04-05"), ("05-01", "05-05"), ("06-09", "06-11"), ("09-15", "09-17"), ("10-01", "10-07")],
}
_FALLBACK = [("01-01", "01-01"), ("05-01", "05-03"), ("10-01", "10-07")]


def local_day(t: float) -> int:
    """Days since 1970-01-01 in local time."""
    return int((t + LOCAL_OFFSET_S) // 86400)


def local_date(t: float) -> dt.date:
    return dt.date(1970, 1, 1) + dt.timedelta(days=local_day(t))


def is_holiday(day: int) -> bool:
    d = dt.date(1970, 1, 1) + dt.timedelta(days=day)
    for a, b in _HOLIDAY_SPANS.get(d.year, _FALLBACK):
        if f"{d.month:02d}-{d.day:02d}" >= a and f"{d.month:02d}-{d.day:02d}" <= b:
            return True
    return False


def is_weekend(day: int) -> bool:
    return (dt.date(1970, 1, 1) + dt.timedelta(days=day)).weekday() >= 5


def is_market_day(day: int) -> bool:
    return day % 5 == 0
