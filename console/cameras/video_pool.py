"""Which cameras play live: at most ``max_streams`` decoders at once, one per camera, shared by its viewers.

The views ask for a camera's stream and give it back when they stop showing it; the pool owns the
decoders (a view never opens a connection). A camera asked for beyond the cap gets no stream: the
view keeps its snapshot and says why. The last viewer to let go stops the decoder.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from console.cameras.video import VideoStream

log = logging.getLogger(__name__)

DEFAULT_MAX_STREAMS = 4  # a workstation; a wall PC plays 9 (RuntimeOptions / settings)
WALL_MAX_STREAMS = 9


class VideoPool:
    def __init__(self, max_streams: int = DEFAULT_MAX_STREAMS,
                 make: Callable[..., VideoStream] | None = None) -> None:
        self.max_streams = max_streams
        self._make = make or (lambda url, transport="tcp": VideoStream(url, transport=transport, max_width=1920))
        self._lock = threading.Lock()
        self._streams: dict[str, VideoStream] = {}  # camera id -> its decoder
        self._viewers: dict[str, set[int]] = {}  # camera id -> ids of the views showing it

    def acquire(self, owner: object, camera: str, url: str, transport: str = "tcp") -> VideoStream | None:
        """The camera's live stream for ``owner``; None when ``max_streams`` others already play.
        ``transport``: RTSP over tcp (default) or udp."""
        with self._lock:
            stream = self._streams.get(camera)
            if stream is None:
                if len(self._streams) >= self.max_streams:
                    return None
                stream = self._streams[camera] = self._make(url, transport)
                stream.start()
                log.info("video %s: playing %s (%d of %d)", camera, url, len(self._streams), self.max_streams)
            self._viewers.setdefault(camera, set()).add(id(owner))
            return stream

    def release(self, owner: object, camera: str | None = None) -> None:
        """``owner`` stops showing ``camera`` (None: every camera it showed)."""
        stopped = []
        with self._lock:
            for cam in [camera] if camera is not None else list(self._viewers):
                viewers = self._viewers.get(cam)
                if viewers is None:
                    continue
                viewers.discard(id(owner))
                if not viewers:
                    del self._viewers[cam]
                    stopped.append(self._streams.pop(cam))
        for stream in stopped:  # outside the lock: a join may take up to a read timeout
            stream.stop()

    def playing(self) -> list[str]:
        with self._lock:
            return sorted(self._streams)

    def close(self) -> None:
        with self._lock:
            streams = list(self._streams.values())
            self._streams.clear()
            self._viewers.clear()
        for stream in streams:
            stream.stop()
