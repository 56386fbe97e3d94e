"""pyqtgraph, imported and configured on first use: the first plot is built after the
console's first frame (widgets.first_frame), so start-up does not wait for its import."""

from __future__ import annotations

_configured = False


def pyqtgraph():
    """The pyqtgraph module, its options set once before any plot exists (pyqtgraph's advice)."""
    global _configured
    import pyqtgraph as pg

    if not _configured:
        pg.setConfigOptions(antialias=False, useOpenGL=False, background=None, foreground="#8a919b")
        _configured = True
    return pg
