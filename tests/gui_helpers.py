"""Starting the whole console in-process for GUI tests, and closing it cleanly."""

from __future__ import annotations

from contextlib import contextmanager
from importlib import metadata
from pathlib import Path

from console.gui.app import _prepare_environment, _shutdown, build_window
from console.plugins.registry import GROUP
from console.app.runtime import Runtime, RuntimeOptions


@contextmanager
def running_console(qtbot, cache_dir: Path, **options):
    _prepare_environment()
    # without the big built-ins unless a test asks for them: the GUI-flow tests are about
    # the core, and starting 2,722 transformers for each of them costs seconds
    if "plugins" not in options:
        found = {ep.name for ep in metadata.entry_points(group=GROUP)}
        options["plugins"] = frozenset(found - {"energy", "parking"})
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


@contextmanager
def desk_console(qtbot, tmp_path, wall=None, login=True, **options):
    """The console with its desk (and the wall windows of ``wall``), offline unless told otherwise."""
    _prepare_environment()
    runtime = Runtime(RuntimeOptions(cache_dir=tmp_path, **({"offline": True} | options)))
    runtime.start()
    if login:  # layout editing is an operator's function
        runtime.session.login_auto("王工", "operator")
    window, ctx = build_window(runtime, wall, layouts_dir=tmp_path / "layouts")
    qtbot.addWidget(window)
    window.resize(1400, 800)
    window.show()
    try:
        yield runtime, window, window.desk
    finally:
        _shutdown(window, ctx, runtime)
        window.close()
