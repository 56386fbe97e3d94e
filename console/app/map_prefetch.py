"""``city-console map prefetch``: a city's base map into an MBTiles file, for offline use.

The count and a size estimate come first; the download needs ``--yes`` (or a yes at the
prompt). Tiles already in the file are kept, so an interrupted run continues where it was.
"""

from __future__ import annotations

import sys
from pathlib import Path


def add_arguments(p) -> None:
    p.add_argument("--city", default="shouguang")
    p.add_argument("--zoom", required=True, metavar="MIN-MAX", help="zoom levels, e.g. 8-15")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.mbtiles")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--url", help="an XYZ URL template https://host/{z}/{x}/{y}.png")
    src.add_argument("--tms", help="a TMS URL template (rows from the south)")
    src.add_argument("--wmts", metavar="URL", help="a WMTS server's KVP URL (e.g. Tianditu's .../img_w/wmts)")
    p.add_argument("--layer", help="WMTS layer (Tianditu: img, vec, cva ...)")
    p.add_argument("--matrix-set", default="w", help="WMTS tile matrix set (default w, web mercator)")
    p.add_argument("--style", default="default")
    p.add_argument("--format", dest="tile_format", default="tiles")
    p.add_argument("--key", help='the server key as a secret reference: "${env:TIANDITU_KEY}" or "keyring:service/user"')
    p.add_argument("--yes", action="store_true", help="download without asking after the estimate")


def _zooms(text: str) -> tuple[int, int]:
    lo, _, hi = text.partition("-")
    zmin, zmax = int(lo), int(hi or lo)
    if not (0 <= zmin <= zmax <= 20):
        raise ValueError(f"--zoom {text}: levels 0..20, the smaller first")
    return zmin, zmax


def _mb(n: float | None) -> str:
    return "unknown" if n is None else f"{n / 1e6:.1f} MB"


def run(args) -> int:
    from console.city import load_city
    from layers.basemap import BaseMapError, parse_basemap
    from layers.mbtiles import MBTiles, TileCache
    from layers.prefetch import estimate, prefetch

    try:
        zmin, zmax = _zooms(args.zoom)
        options: dict = {"mbtiles": str(args.output)}
        if args.wmts:
            options["wmts"] = {"url": args.wmts, "layer": args.layer or "", "matrix_set": args.matrix_set,
                               "style": args.style, "format": args.tile_format, **({"key": args.key} if args.key else {})}
        else:
            options["url" if args.url else "tms"] = args.url or args.tms
        base = parse_basemap(options, "map prefetch")
        city = load_city(args.city)
    except (ValueError, BaseMapError, KeyError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    args.output.parent.mkdir(parents=True, exist_ok=True)
    cache = TileCache(MBTiles(args.output, writable=True), base.url)
    try:
        est = estimate(cache, city.bbox, zmin, zmax)
        print(f"{city.name} zoom {zmin}-{zmax}: {est.tiles} tiles, about {_mb(est.total_bytes)}"
              + (f" (sample tiles failed: {cache.last_error})" if est.sample_bytes is None and cache.last_error else ""))
        if est.sample_bytes is None:
            print("error: no sample tile could be fetched; check the server, the layer and the key", file=sys.stderr)
            return 1
        if not args.yes:
            if not sys.stdin.isatty():
                print("not downloading: add --yes to download after the estimate", file=sys.stderr)
                return 1
            if input("download? [y/N] ").strip().lower() not in ("y", "yes"):
                return 1

        def progress(res, total) -> None:
            done = res.tiles / total
            bar = "#" * int(done * 30)
            print(f"\r[{bar:<30}] {res.tiles}/{total} tiles, {_mb(res.bytes)}, {res.failed} failed",
                  end="", file=sys.stderr, flush=True)

        res = prefetch(cache, city.bbox, zmin, zmax, progress)
        print(file=sys.stderr)
        print(f"written: {args.output}: {res.fetched} fetched, {res.already} already there, {res.failed} failed"
              + (f" (last: {cache.last_error})" if res.failed else ""))
        return 0 if res.failed == 0 else 1
    finally:
        cache.mbtiles.close()
