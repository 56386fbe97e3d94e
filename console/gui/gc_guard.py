"""Python's cyclic garbage collector runs only on the GUI thread, on a timer.

Left automatic, a collection can start in whatever thread happens to allocate (a
source, the store's writer, a decoder) and free Qt objects there, or start inside a
nested event loop; both crash PySide (seen here as rare segfaults "Garbage-collecting").
pyqtgraph's GarbageCollector disables the automatic collector and collects on a QTimer.
"""

from __future__ import annotations

_guard = None


def collect_on_gui_thread(interval_s: float = 1.0) -> None:
    """Call once, after the QApplication exists."""
    global _guard
    if _guard is None:
        from pyqtgraph.util.garbage_collector import GarbageCollector

        _guard = GarbageCollector(interval=interval_s)
