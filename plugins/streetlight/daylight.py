"""The sun's height at a place and time, for the lamps' dusk and dawn switching. Qt-free.

The usual low-precision formula (declination and equation of time from the day of the year),
good to a few minutes: what a lamp controller's astronomical clock uses too.
"""

from __future__ import annotations

import math
import time

#: the sun's centre this far below the horizon is sunset/sunrise (refraction and the disc's radius)
HORIZON_DEG = -0.833


def sun_altitude_deg(lat: float, lon: float, t: float) -> float:
    """The sun's altitude in degrees at (lat, lon) at UTC epoch seconds ``t``."""
    utc = time.gmtime(t)
    utc_min = (t % 86400.0) / 60.0
    gamma = 2 * math.pi * (utc.tm_yday - 1 + (utc_min / 60 - 12) / 24) / 365.0
    decl = (0.006918 - 0.399912 * math.cos(gamma) + 0.070257 * math.sin(gamma) - 0.006758 * math.cos(2 * gamma)
            + 0.000907 * math.sin(2 * gamma) - 0.002697 * math.cos(3 * gamma) + 0.00148 * math.sin(3 * gamma))
    eot_min = 229.18 * (0.000075 + 0.001868 * math.cos(gamma) - 0.032077 * math.sin(gamma)
                        - 0.014615 * math.cos(2 * gamma) - 0.040849 * math.sin(2 * gamma))
    solar_min = utc_min + eot_min + 4 * lon
    hour_angle = math.radians(solar_min / 4 - 180)
    phi = math.radians(lat)
    sin_alt = math.sin(phi) * math.sin(decl) + math.cos(phi) * math.cos(decl) * math.cos(hour_angle)
    return math.degrees(math.asin(max(-1.0, min(1.0, sin_alt))))


def is_dark(lat: float, lon: float, t: float) -> bool:
    """Whether the sun is down: the lamps are on from sunset to sunrise."""
    return sun_altitude_deg(lat, lon, t) < HORIZON_DEG
