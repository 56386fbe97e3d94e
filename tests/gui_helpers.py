"""Starting the whole console in-process for GUI tests, and closing it cleanly."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from console.gui.app import _prepare_environment, _shutdown, build_window
from console.runtime import Runtime, RuntimeOptions


@contextmanager
def running_console(qtbot, cache_dir: Path, **options):
    _prepare_environment()
    runtime = Runtime(RuntimeOptions(cache_dir=cache_dir, **options))
    runtime.start()
    window, ctx = build_window(runtime)
    qtbot.addWidget(window)
    window.resize(1600, 900)
    window.show()
    try:
        yield runtime, window, ctx
    finally:
        _shutdown(window, ctx, runtime)
        window.close()


def tiles_of(window, kind: str):
    return [t for t in window.wall.tiles if t.kind == kind]
