"""The base of a source that runs on a thread of its own (simulator, replay)."""

from __future__ import annotations

import threading


class ThreadSource:
    """Subclasses set ``name`` and ``health`` and implement ``_run`` (returning once
    ``self._stop`` is set)."""

    name: str

    def __init__(self) -> None:
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self.health.live = True
        self._thread = threading.Thread(target=self._run, name=f"source-{self.name}", daemon=True)
        self._thread.start()

    def request_stop(self) -> None:
        """Tell the thread to end without waiting for it (a runtime stopping many sources at once)."""
        self._stop.set()

    def stop(self) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join(timeout=5)
        self.health.live = False

    def _run(self) -> None:
        raise NotImplementedError
