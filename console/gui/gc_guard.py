"""Python's cyclic garbage collector runs only on the GUI thread, on a timer.

Left automatic, a collection can start in whatever thread happens to allocate (a
source, the store's writer, a decoder) and free Qt objects there, or start inside a
nested event loop; both crash PySide (seen here as rare segfaults "Garbage-collecting").
So the automatic collector is off and a QTimer collects, generation by generation, as
the automatic one would have (pyqtgraph's GarbageCollector does the same; its import
is too slow for start-up).
"""

from __future__ import annotations

import gc

_guard = None


class _Collector:
    def __init__(self, interval_s: float) -> None:
        from PySide6.QtCore import QTimer

        self.threshold = gc.get_threshold()
        gc.disable()
        self.timer = QTimer()
        self.timer.timeout.connect(self.check)
        self.timer.start(int(interval_s * 1000))

    def check(self) -> None:
        """Collect the generations past their thresholds (as gc's own trigger would)."""
        l0, l1, l2 = gc.get_count()
        if l0 > self.threshold[0]:
            gc.collect(0)
            if l1 > self.threshold[1]:
                gc.collect(1)
                if l2 > self.threshold[2]:
                    gc.collect(2)


def collect_on_gui_thread(interval_s: float = 1.0) -> None:
    """Call once, after the QApplication exists."""
    global _guard
    if _guard is None:
        _guard = _Collector(interval_s)
