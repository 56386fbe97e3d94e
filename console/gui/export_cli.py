"""``city-console export``: one tile of a layout, from the cache, to PNG, SVG or CSV.

The tile is built exactly as the desk builds it (offline: the cache only, no source
started), off screen; the command waits for the tile's history to arrive, then writes.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path


def _pick(tiles, wanted: str):
    if wanted.isdigit():
        i = int(wanted)
        if not 0 <= i < len(tiles):
            raise LookupError(f"--tile {wanted}: the layout has tiles 0..{len(tiles) - 1}")
        return tiles[i]
    for t in tiles:
        if wanted in t.title_label.text() or wanted in (t.spec.title or "") or wanted == t.kind:
            return t
    raise LookupError(f"--tile {wanted!r}: no tile of that index, title or kind "
                      f"(there are: {', '.join(f'{i} {t.title_label.text()}' for i, t in enumerate(tiles))})")


def run_export(args) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from console.app.runtime import Runtime, RuntimeOptions
    from console.gui.app import _prepare_environment, build_window, make_application
    from console.layouts.layout import LayoutError, load_layout
    from console.sources.replay_source import ReplayError, parse_time
    from widgets.export import ExportError, export_tile

    try:
        since = parse_time(args.since) if args.since else None
        until = parse_time(args.until) if args.until else None
    except ReplayError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    _prepare_environment()
    app = make_application()
    runtime = Runtime(RuntimeOptions(city=args.city, cache_dir=args.cache, offline=True))
    runtime.start()
    window = ctx = None
    try:
        layout = runtime.layouts.get(str(args.layout))
        if layout is None:
            try:
                layout = load_layout(Path(args.layout))
            except LayoutError as exc:
                names = ", ".join(runtime.layouts)
                print(f"error: {exc} (shipped layouts: {names})", file=sys.stderr)
                return 2
        if since is not None:  # the chart's window reaches back to --from
            hours = max((runtime.clock.now() - since) / 3600.0, 0.01)
            for spec in layout.tiles:
                if "window_h" in spec.options or spec.kind == "chart":
                    spec.options["window_h"] = hours
        window, ctx = build_window(runtime)
        window.show_layout(layout)
        window.resize(1920, 1080)
        window.show()
        tile = _pick(window.wall.tiles, str(args.tile))
        deadline = time.monotonic() + 30.0
        while not getattr(tile, "history_done", True) and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.01)
        ctx.signals.drain()
        ctx.signals.sig_second_ticked.emit(runtime.clock.now())
        app.processEvents()
        path = export_tile(tile, args.output, since=since, until=until)
    except (LookupError, ExportError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        if window is not None:
            from console.gui.app import _shutdown

            _shutdown(window, ctx, runtime)
        else:
            runtime.stop()
    print(f"exported: {path}")
    return 0


def add_subcommand(sub) -> None:
    e = sub.add_parser("export", help="export one tile of a layout to PNG, SVG or CSV (format from the suffix)")
    e.add_argument("--layout", required=True, help="a shipped layout's name or a layout file")
    e.add_argument("--tile", required=True, help="the tile's index in the layout, or a word of its title")
    e.add_argument("--from", dest="since", metavar="T", help="from this time (2026-07-21T14:00, city time, or epoch)")
    e.add_argument("--to", dest="until", metavar="T", help="up to this time")
    e.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.png|svg|csv")
    e.add_argument("--cache", dest="cache", type=Path, default=None, help="the cache folder")
    e.add_argument("--city", dest="city", default="shouguang")
