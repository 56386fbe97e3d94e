"""A time axis in the city's time zone (pyqtgraph's DateAxisItem otherwise reads the PC's)."""

from __future__ import annotations

import time

import pyqtgraph as pg

from console.city_time import city_time


def city_date_axis(orientation: str = "bottom") -> pg.DateAxisItem:
    """A date axis labelled in the city's time, whatever zone the PC is set to."""
    # pyqtgraph's offset has time.timezone's sign: seconds west of UTC
    return pg.DateAxisItem(orientation=orientation, utcOffset=-city_time().utc_offset_s(time.time()))
