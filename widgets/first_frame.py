"""Work put off until the console's first frame is on screen (issue 25: start-up).

pyqtgraph's import alone costs about three bare Qt windows of CPU, so a chart tile paints
its title, legend and last values at once and builds its plot right after the first
frame. The shell arms the gate before it builds the window and opens it once the window
has painted; unarmed (a test, the export command, a tile kit), the work runs at once.
The work runs in the order it was put off (a wall window's font scaling after its tiles).
"""

from __future__ import annotations

from collections.abc import Callable

_pending: list[Callable[[], None]] | None = None  # None: the gate is open (or was never armed)


def arm() -> None:
    """From now on, put work off until :func:`open_gate`."""
    global _pending
    if _pending is None:
        _pending = []


def waiting() -> bool:
    """The first frame is not yet on screen: work given now is put off."""
    return _pending is not None


def after_first_frame(work: Callable[[], None]) -> None:
    """Run ``work`` once the first frame is on screen (at once if it is, or nobody armed the gate)."""
    if _pending is None:
        work()
    else:
        _pending.append(work)


def open_gate() -> None:
    """The first frame is on screen: run what was put off, in order (work it gives runs at once)."""
    global _pending
    todo, _pending = _pending or [], None
    for work in todo:
        work()
