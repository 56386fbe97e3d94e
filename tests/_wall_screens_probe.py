"""Run in a subprocess under ``offscreen:configfile=...`` with two fake screens; prints JSON.

Places wall windows by screen name, then unplugs and re-plugs WALL-B (the offscreen
platform cannot change its screens at run time from Python, so the probe hides the
screen from the window manager's screen list and emits the application's signals).
"""

import json
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from console.gui.history_loader import HistoryLoader
from console.gui.hub_signals import HubSignals
from console.gui.wall_windows import WallWindows
from console.hub.hub import Hub
from console.layouts.layout import Layout, TileSpec
from console.store.store import Store
from console.wall.wall_config import parse_wall_config
from widgets.tile import TileContext
from widgets.tile_kinds import CORE_TILE_KINDS


def report(windows):
    out = {}
    for sid, w in windows.windows.items():
        g = w.geometry()
        out[sid] = {
            "visible": w.isVisible(), "screen": w.screen().name() if w.isVisible() else None,
            "geometry": [g.x(), g.y(), g.width(), g.height()], "scale": w.scale,
            "layout": w.layout_model.name if w.layout_model else None, "placed": windows.placed[sid],
            "font_pt": w.grid.tiles[0].text_label.font().pointSizeF() if w.grid else None,
        }
    return out


def main() -> None:
    app = QApplication([])
    store = Store(Path(tempfile.mkdtemp()) / "c.sqlite3", retention_days=None)
    hub = Hub(store)
    ctx = TileContext(hub, HubSignals(hub), HistoryLoader(store))
    config = parse_wall_config(json.loads(sys.argv[1]))
    gone: set[str] = set()
    windows = WallWindows(config, ctx, CORE_TILE_KINDS, screens=lambda: [s for s in app.screens() if s.name() not in gone])
    for sid in windows.windows:
        windows.show_layout(sid, Layout(f"layout-{sid}", 1, 1, (TileSpec("text", 0, 0, options={"text": sid}),)))
    windows.place()
    app.processEvents()
    steps = {"start": report(windows), "base_pt": app.font().pointSizeF()}
    screen_b = next(s for s in app.screens() if s.name() == "WALL-B")
    gone.add("WALL-B")
    app.screenRemoved.emit(screen_b)
    app.processEvents()
    steps["unplugged"] = report(windows)
    gone.clear()
    app.screenAdded.emit(screen_b)
    app.processEvents()
    steps["replugged"] = report(windows)
    print(json.dumps(steps))
    windows.teardown()
    ctx.history.shutdown()
    store.close()


if __name__ == "__main__":
    main()
