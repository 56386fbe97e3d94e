"""The cameras on a grid page that play live in their cells (option ``live``), as many as the pool allows.

A camera's ``substream`` (a small stream made for tiles) is preferred, else its ``stream``; one
decoder per camera at most, shared with the focus view. Cells off the page give their stream back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage

from widgets._live_video import FocusVideo

CELL_PULL_MS = 200  # 5 Hz is plenty for a thumbnail


def live_url(attrs: dict) -> str | None:
    url = attrs.get("substream") or attrs.get("stream")
    return str(url) if url else None


class LiveCells:
    def __init__(self, pool, owner, on_frame: Callable[[str, QImage], None], size: Callable[[], QSize]) -> None:
        self.pool, self.owner = pool, owner
        self._on_frame, self._size = on_frame, size
        self.playing: dict[str, FocusVideo] = {}

    def show(self, cameras: Iterable[tuple[str, dict]]) -> None:
        """Play the cameras on screen that stream (``(id, attrs)``); stop the others."""
        wanted = {cid: (url, str(attrs.get("transport", "tcp"))) for cid, attrs in cameras if (url := live_url(attrs))}
        for cid in [c for c in self.playing if c not in wanted]:
            self.playing.pop(cid).close()
        for cid, (url, transport) in wanted.items():
            if cid not in self.playing:
                video = FocusVideo(self.pool, (self.owner, "cell"), cid, url,
                                   lambda image, cid=cid: self._frame(cid, image), pull_ms=CELL_PULL_MS, transport=transport)
                if video.refused:
                    video.close()
                    continue  # the pool is full: this cell keeps its snapshots
                self.playing[cid] = video

    def is_live(self, cid: str) -> bool:
        video = self.playing.get(cid)
        return video is not None and video.has_picture() and video.playing()

    def _frame(self, cid: str, image: QImage) -> None:
        size = self._size()
        if size.isValid() and (image.width() > size.width() or image.height() > size.height()):
            image = image.scaled(size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
        self._on_frame(cid, image)

    def close(self) -> None:
        for video in self.playing.values():
            video.close()
        self.playing.clear()
