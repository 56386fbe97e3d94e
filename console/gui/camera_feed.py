"""Camera frames for the views: read from the snapshot cache and decoded off the GUI thread.

The one place tiles get pictures from (they never fetch): a tile asks for a
camera's latest frame, or a frame at a time, at the size it will draw, and gets a
QImage back on the GUI thread. Decoding uses ``QImageReader.setScaledSize``, which
lets libjpeg decode at 1/2, 1/4 or 1/8 scale: a 160x90 thumbnail from a 1080p
frame costs about a seventh of a full decode and scale (tests/bench/bench_cameras.py).
QImage is safe on worker threads; QPixmap is not, and is never made here.

One request in flight per (owner, slot): a newer request for the same thumbnail
supersedes the older, which is skipped if it has not started (Orange's rule).
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QSize, Qt, Signal
from PySide6.QtGui import QImage, QImageReader

from console.languages import Text
from console.store.snapshots import SnapshotStore, StoredFrame

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Frame:
    """A decoded frame, or why there is none (``image`` None, ``error`` set, or no frame cached)."""

    camera: str
    ts: float | None = None
    received: float | None = None
    image: QImage | None = None
    error: str = ""


def decode_scaled(data: bytes, size: QSize | tuple[int, int] | None = None, fmt: str | None = None) -> QImage:
    """Decode image bytes to fit ``size`` (keeping the aspect ratio), at that size.

    Raises ValueError with the reader's reason when the bytes are not a readable image.
    """
    buf = QBuffer()
    buf.setData(QByteArray(data))
    buf.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buf, fmt.encode() if fmt else QByteArray())
    if size is not None:
        want = size if isinstance(size, QSize) else QSize(*size)
        src = reader.size()
        if src.isValid() and (src.width() > want.width() or src.height() > want.height()):
            reader.setScaledSize(src.scaled(want, Qt.AspectRatioMode.KeepAspectRatio))
    img = reader.read()
    if img.isNull():
        raise ValueError(reader.errorString() or "unreadable image")
    return img


class CameraFeed(QObject):
    sig_delivered = Signal(int, object)
    """(token, result) from a worker; delivered to the requester on the GUI thread."""

    def __init__(self, snapshots: SnapshotStore, workers: int = 2, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.snapshots = snapshots
        # QImageReader.read releases the GIL: two workers decode on two cores (the bench)
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="camera-decode")
        self._tokens = itertools.count(1)
        self._slots: dict[tuple[int, str], int] = {}  # (id(owner), slot) -> newest token
        self._callbacks: dict[int, tuple[tuple[int, str], Callable[[object], None]]] = {}
        self.sig_delivered.connect(self._deliver)
        self._closed = False

    # -- requests (GUI thread) -----------------------------------------------------
    def request_frame(
        self,
        owner: object,
        camera: str,
        size: QSize | tuple[int, int] | None,
        callback: Callable[[Frame], None],
        *,
        ts: float | None = None,
        slot: str | None = None,
    ) -> int:
        """Decode a camera's latest frame (or the one at ``ts``) to fit ``size``."""
        return self._submit(owner, slot or camera, callback, self._load_frame, camera, size, ts)

    def request_times(self, owner: object, camera: str, callback: Callable[[list[float]], None], limit: int = 60) -> int:
        """The image times of a camera's recent frames, newest first."""
        return self._submit(owner, f"times:{camera}", callback, self.snapshots.times, camera, limit)

    def cancel(self, owner: object) -> None:
        key = id(owner)
        for slot in [s for s in self._slots if s[0] == key]:
            token = self._slots.pop(slot)
            self._callbacks.pop(token, None)

    def shutdown(self) -> None:
        self._closed = True
        self._slots.clear()
        self._callbacks.clear()
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _submit(self, owner: object, slot: str, callback: Callable, fn: Callable, *args: object) -> int:
        if self._closed:
            return 0
        token = next(self._tokens)
        key = (id(owner), slot)
        old = self._slots.get(key)
        if old is not None:
            self._callbacks.pop(old, None)
        self._slots[key] = token
        self._callbacks[token] = (key, callback)
        self._pool.submit(self._work, token, fn, args)
        return token

    # -- workers --------------------------------------------------------------------
    def _work(self, token: int, fn: Callable, args: tuple) -> None:
        if token not in self._callbacks:  # superseded or cancelled before it started
            return
        try:
            result = fn(*args)
        except Exception as exc:  # reported to the requester, never raised into the pool
            log.exception("camera feed request failed")
            result = exc
        self.sig_delivered.emit(token, result)

    def _load_frame(self, camera: str, size, ts: float | None) -> Frame:
        stored: StoredFrame | None = self.snapshots.latest(camera) if ts is None else self.snapshots.frame(camera, ts)
        if stored is None:
            return Frame(camera)
        try:
            image = decode_scaled(stored.data, size, stored.format)
        except ValueError as exc:
            return Frame(camera, stored.ts, stored.received, None, Text("Camera", "图像无效：{error}").format(error=str(exc)))
        return Frame(camera, stored.ts, stored.received, image)

    # -- GUI thread -------------------------------------------------------------------
    def _deliver(self, token: int, result: object) -> None:
        entry = self._callbacks.pop(token, None)
        if entry is None:
            return
        key, callback = entry
        if self._slots.get(key) == token:
            del self._slots[key]
        callback(result)
