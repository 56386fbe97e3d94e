"""The city's time: one time zone for every clock, axis, alarm time, report and "today".

The console shows the city's time on any PC (a console in Shouguang reads Beijing time
even on a machine set to UTC). The runtime sets the zone once at start
(``RuntimeOptions.tz``, else the city profile's ``tz``, else Asia/Shanghai); every view
formats times through ``city_time()``, never through ``time.localtime``. Qt-free.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date, datetime, time as dtime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from console.languages import QT_TRANSLATE_NOOP

DEFAULT_TZ = "Asia/Shanghai"

# What the header calls the zone; others show their IANA name.
_ZONE_LABELS = {
    "Asia/Shanghai": QT_TRANSLATE_NOOP("CityTime", "北京时间"), "Asia/Chongqing": QT_TRANSLATE_NOOP("CityTime", "北京时间"),
    "Asia/Urumqi": QT_TRANSLATE_NOOP("CityTime", "新疆时间"), "UTC": "UTC",
}  # translated where shown (console.gui.main_window)


@dataclass(frozen=True)
class CityTime:
    """A named IANA zone and the few conversions the views need."""

    name: str
    zone: tzinfo

    @classmethod
    def named(cls, name: str) -> "CityTime":
        try:
            return cls(name, ZoneInfo(name))
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {name!r} (an IANA name such as {DEFAULT_TZ!r}): {exc}") from None

    def local(self, ts: float) -> datetime:
        """The aware datetime of epoch ``ts`` in the city."""
        return datetime.fromtimestamp(ts, self.zone)

    def format(self, ts: float, pattern: str = "%Y-%m-%d %H:%M:%S") -> str:
        return self.local(ts).strftime(pattern)

    def date(self, ts: float) -> date:
        """The city's calendar date at ``ts`` (the console's "today")."""
        return self.local(ts).date()

    def day_start(self, day: date) -> float:
        """Epoch seconds of the city's midnight starting ``day``."""
        return datetime.combine(day, dtime(), self.zone).timestamp()

    def minutes_of_day(self, ts: float) -> int:
        t = self.local(ts)
        return t.hour * 60 + t.minute

    def utc_offset_s(self, ts: float) -> float:
        """Seconds east of UTC at ``ts``."""
        off = self.local(ts).utcoffset()
        return off.total_seconds() if off is not None else 0.0

    def label(self, ts: float) -> str:
        """The zone as the header names it: ``北京时间 UTC+8``."""
        off = self.utc_offset_s(ts)
        sign = "+" if off >= 0 else "-"
        h, rem = divmod(int(abs(off)), 3600)
        utc = f"UTC{sign}{h}" + (f":{rem // 60:02d}" if rem else "")
        return f"{_ZONE_LABELS.get(self.name, self.name)} {utc}"


_lock = threading.Lock()
_current = CityTime.named(DEFAULT_TZ)


def city_time() -> CityTime:
    """The zone the console shows (set once at start by the runtime)."""
    return _current


def set_city_tz(name: str | None) -> CityTime:
    """Make ``name`` (None: the default) the console's zone; a bad name raises ValueError naming it."""
    global _current
    ct = CityTime.named(name or DEFAULT_TZ)
    with _lock:
        _current = ct
    return ct


def format_city(ts: float | None, pattern: str = "%Y-%m-%d %H:%M:%S") -> str:
    """``ts`` in the city's time, or ``—`` for no time."""
    return "—" if ts is None else _current.format(ts, pattern)
