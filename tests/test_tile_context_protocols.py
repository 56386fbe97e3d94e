"""The console's real classes satisfy the Protocols TileContext is typed with, and the
Protocols module stays Qt-free (the core and other front-ends share it)."""

import subprocess
import sys

from widgets.context import (
    Alarms, CacheLoader, CameraFrames, EntitySelection, HubEvents, Incidents, LiveVideo, OperatorSession,
)


def test_real_context_objects_satisfy_the_protocols(qtbot, hub, store, tmp_path):
    from console.alarms.engine import AlarmEngine
    from console.audit.auth import Session
    from console.gui.history_loader import HistoryLoader
    from console.gui.hub_signals import HubSignals
    from console.gui.selection import Selection

    loader = HistoryLoader(store)
    try:
        assert isinstance(HubSignals(hub), HubEvents)
        assert isinstance(loader, CacheLoader)
        assert isinstance(AlarmEngine(hub, []), Alarms)
        from console.incidents.book import IncidentBook

        assert isinstance(IncidentBook(store, hub), Incidents)
        assert isinstance(Selection(), EntitySelection)
        assert isinstance(Session(), OperatorSession)
        from console.cameras.video_pool import VideoPool

        assert isinstance(VideoPool(), LiveVideo)
        assert not isinstance(object(), HubEvents)  # the check can fail
    finally:
        loader.shutdown()
    from console.gui.camera_feed import CameraFeed

    for proto, cls in ((CameraFrames, CameraFeed),):
        names = set(proto.__annotations__) | {n for n, v in vars(proto).items() if callable(v) and not n.startswith("_")}
        missing = [n for n in sorted(names) if not hasattr(cls, n)]
        assert not missing, (cls, missing)


def test_the_protocols_module_imports_no_qt():
    code = "import sys, widgets.context; print(any(m.startswith('PySide6') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
