"""Base maps: where the map's raster tiles come from. Qt-free.

A map tile's ``tiles`` option names one of:
- ``{"mbtiles": FILE}``: an offline MBTiles file, nothing fetched; ``{"pmtiles": FILE}`` the same
  from a PMTiles archive;
- ``{"url": "https://host/{z}/{x}/{y}.png", "mbtiles": CACHE}``: an XYZ server (``"tms"``
  instead of ``"url"`` for a TMS one, rows counted from the south);
- ``{"wmts": {"url", "layer", "matrix_set", "style", "format", "key", "key_param"}, "mbtiles": CACHE}``:
  an OGC WMTS server in KVP form, such as 天地图 Tianditu (``matrix_set = "w"``, web mercator;
  ``key`` a secret reference such as ``"${env:TIANDITU_KEY}"`` or ``"keyring:tianditu/console"``).
Online tiles are fetched once into the CACHE MBTiles file and read from it afterwards. With
no ``tiles`` option nothing is ever fetched: the default map is fully offline.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from layers.mbtiles import tms_row

# Tianditu's matrix sets: "w" is web mercator (EPSG:3857), "c" CGCS2000 geographic (EPSG:4490,
# within centimetres of WGS-84): the page then draws in plate carrée (Leaflet's EPSG:4326),
# whose zoom z is Tianditu's level z + 1 (its level 1 is the 2 x 1 world)
_MERCATOR_SETS = {"w", "webmercator", "googlemapscompatible", "epsg:3857", "epsg:900913"}
_GEOGRAPHIC_SETS = {"c": 1, "cgcs2000": 1, "epsg:4490": 0, "epsg:4326": 0, "wgs84": 0}


class BaseMapError(ValueError):
    """A base-map option that cannot work; the message names the key."""


@dataclass(frozen=True)
class BaseMap:
    kind: str  # mbtiles | pmtiles | xyz | tms | wmts
    mbtiles: Path  # the file the tiles are read from (a PMTiles archive for kind "pmtiles")
    template: str | None = None  # XYZ/TMS: {z} {x} {y}; WMTS: the GetTile URL without the tile's numbers
    key_ref: str | None = None  # a secret reference, resolved when the first tile is fetched
    key_param: str = "tk"
    attribution: str = ""
    max_zoom: int = 18
    crs: str = "EPSG3857"  # the page's projection: EPSG3857 (web mercator) or EPSG4326 (geographic)
    first_level: int = 0  # the server's matrix level for the page's zoom 0

    @property
    def online(self) -> bool:
        return self.template is not None

    def url(self, z: int, x: int, y: int) -> str:
        """The server's URL of the XYZ tile (z, x, y) (row 0 at the north)."""
        if self.template is None:
            raise BaseMapError("an offline MBTiles base map has no URL")
        if self.kind == "wmts":
            url = f"{self.template}&TILEMATRIX={z + self.first_level}&TILEROW={y}&TILECOL={x}"
        else:
            url = self.template.format(z=z, x=x, y=tms_row(z, y) if self.kind == "tms" else y)
        if self.key_ref:
            from console.sources.secret_refs import resolve

            url += ("&" if "?" in url else "?") + urlencode({self.key_param: resolve(self.key_ref)})
        return url


def parse_basemap(options: dict[str, Any], where: str = "tiles") -> BaseMap:
    """The base map an option names; raises BaseMapError with the key path."""
    if not isinstance(options, dict):
        raise BaseMapError(f"{where}: must be a table")
    if options.get("pmtiles"):
        extra = [k for k in ("mbtiles", "url", "tms", "wmts") if options.get(k)]
        if extra:
            raise BaseMapError(f"{where}: pmtiles is an offline archive; {extra[0]} does not go with it")
        if not isinstance(options["pmtiles"], str):
            raise BaseMapError(f"{where}.pmtiles: a file path")
        return BaseMap("pmtiles", Path(options["pmtiles"]).expanduser(), attribution=str(options.get("attribution", "")),
                       max_zoom=int(options.get("max_zoom", 18)))
    file = options.get("mbtiles")
    if not isinstance(file, str) or not file:
        raise BaseMapError(f"{where}.mbtiles: an MBTiles file is needed (the base map, or the cache of an online one)")
    common = {"mbtiles": Path(file).expanduser(), "attribution": str(options.get("attribution", "")),
              "max_zoom": int(options.get("max_zoom", 18))}
    online = [k for k in ("url", "tms", "wmts") if options.get(k)]
    if len(online) > 1:
        raise BaseMapError(f"{where}: {' and '.join(online)} both given; name one server")
    if not online:
        return BaseMap("mbtiles", **common)
    kind = online[0]
    if kind in ("url", "tms"):
        template = options[kind]
        if not isinstance(template, str) or not all(f"{{{p}}}" in template for p in "zxy"):
            raise BaseMapError(f"{where}.{kind}: a URL template with {{z}}, {{x}} and {{y}}")
        _check_scheme(template, f"{where}.{kind}")
        return BaseMap("xyz" if kind == "url" else "tms", template=template, **common)
    w = options["wmts"]
    if not isinstance(w, dict):
        raise BaseMapError(f"{where}.wmts: must be a table with url and layer")
    for k in ("url", "layer"):
        if not isinstance(w.get(k), str) or not w[k]:
            raise BaseMapError(f"{where}.wmts.{k}: missing")
    _check_scheme(w["url"], f"{where}.wmts.url")
    matrix_set = str(w.get("matrix_set", "w"))
    geographic = _GEOGRAPHIC_SETS.get(matrix_set.lower())
    if matrix_set.lower() not in _MERCATOR_SETS and geographic is None:
        raise BaseMapError(
            f"{where}.wmts.matrix_set: {matrix_set!r} is neither web mercator (Tianditu 'w', EPSG:3857) nor "
            "geographic (Tianditu 'c' CGCS2000, EPSG:4490, EPSG:4326)"
        )
    first = w.get("first_level", geographic if geographic is not None else 0)
    query = urlencode({
        "SERVICE": "WMTS", "REQUEST": "GetTile", "VERSION": "1.0.0", "LAYER": w["layer"],
        "STYLE": w.get("style", "default"), "TILEMATRIXSET": matrix_set, "FORMAT": w.get("format", "tiles"),
    })
    base = w["url"]
    template = f"{base}{'&' if '?' in base else '?'}{query}"
    key = w.get("key")
    return BaseMap("wmts", template=template, key_ref=key if isinstance(key, str) and key else None,
                   key_param=str(w.get("key_param", "tk")), crs="EPSG4326" if geographic is not None else "EPSG3857",
                   first_level=int(first), **common)


def open_tiles(base: BaseMap):
    """The base map's file, opened: an MBTiles file (writable when online) or a PMTiles archive."""
    if base.kind == "pmtiles":
        from layers.pmtiles_file import PMTilesFile

        return PMTilesFile(base.mbtiles)
    from layers.mbtiles import MBTiles

    return MBTiles(base.mbtiles, writable=base.online)


def _check_scheme(url: str, where: str) -> None:
    if not url.startswith(("https://", "http://")):
        raise BaseMapError(f"{where}: {url[:40]!r} is not an http(s) URL")
