"""Coordinates at the door: everything inside the console is WGS-84.

Platforms in China deliver GCJ-02 (the "Mars" offset of Chinese web maps: AMap, Tencent,
most municipal platforms) or BD-09 (Baidu) as often as WGS-84; a source's ``crs`` says which,
and its positions are converted once, when they arrive. The conversion is prcoords' (public
domain, the reference implementation), with its iterative inverses (about 1e-9 degrees, a
tenth of a millimetre). Outside China GCJ-02 is the identity, as the standard defines. Qt-free.
"""

from __future__ import annotations

import warnings

import prcoords

CRS_NAMES = ("wgs84", "gcj02", "bd09")


class CrsError(ValueError):
    """An unknown coordinate system name."""


def check_crs(name: str) -> str:
    key = str(name).lower().replace("-", "").replace("_", "")
    if key not in CRS_NAMES:
        raise CrsError(f"unknown coordinate system {name!r} (one of {', '.join(CRS_NAMES)})")
    return key


def to_wgs84(lat: float, lon: float, crs: str) -> tuple[float, float]:
    """A position in ``crs`` as WGS-84 (lat, lon)."""
    if crs == "wgs84" or not prcoords.sanity_in_china_p(prcoords.Coords(lat, lon)):
        return lat, lon  # the offsets exist only inside China
    with warnings.catch_warnings():  # prcoords warns for points outside China, then returns them as they are
        warnings.simplefilter("ignore", UserWarning)
        c = prcoords.Coords(lat, lon)
        out = prcoords.gcj_wgs_bored(c) if crs == "gcj02" else prcoords.bd_wgs_bored(c)
    return out.lat, out.lon


def from_wgs84(lat: float, lon: float, crs: str) -> tuple[float, float]:
    """A WGS-84 position in ``crs`` (for a platform that wants its own coordinates back)."""
    if crs == "wgs84" or not prcoords.sanity_in_china_p(prcoords.Coords(lat, lon)):
        return lat, lon
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        c = prcoords.Coords(lat, lon)
        out = prcoords.wgs_gcj(c) if crs == "gcj02" else prcoords.wgs_bd(c)
    return out.lat, out.lon
