"""Live video from a camera (RTSP over TCP or UDP, HLS, a file), decoded off the GUI thread by PyAV.

One decoding thread per stream. The thread keeps only the newest frame (an RGB array with its
time); a view pulls it at the rate it paints, so a slow view never queues frames and a fast
camera never floods it. PyAV releases the GIL while FFmpeg demuxes and decodes.

A stream that gives no frame for ``stall_s`` is *frozen*: the view shows its last frame with its
age. The thread reconnects with back-off (1, 2, 4 ... ``max_backoff_s``) whatever went wrong
(server gone, network cut, decoder error); ``stop()`` ends it within about a second.
Plain Python, no Qt: the views and ``city-console camera grab`` use the same path.
"""

from __future__ import annotations

import enum
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

#: FFmpeg options: a dead server must not hold a read for long (microseconds, FFmpeg's unit)
_IO_TIMEOUT_US = "2000000"


class VideoState(enum.Enum):
    CONNECTING = "connecting"
    PLAYING = "playing"
    FROZEN = "frozen"  # no new frame for stall_s: the last one is shown with its age
    STOPPED = "stopped"


@dataclass(frozen=True)
class VideoFrame:
    """One decoded picture: ``rgb`` is a height x width x 3 uint8 array."""

    rgb: Any
    width: int
    height: int
    received: float  # time.time() when decoded
    index: int  # frames decoded by this stream so far (a view repaints when it changes)


@dataclass(frozen=True)
class StreamInfo:
    codec: str
    width: int
    height: int
    first_frame_s: float  # from open to the first decoded frame


class VideoError(RuntimeError):
    """A stream that could not be opened or gave no frame; the message says which and why."""


def open_options(url: str, transport: str = "tcp") -> dict[str, str]:
    """FFmpeg's options for ``url``: RTSP over ``transport`` (tcp or udp), a bounded wait everywhere."""
    opts = {"timeout": _IO_TIMEOUT_US}
    if url.startswith(("rtsp://", "rtsps://")):
        opts["rtsp_transport"] = transport
    if url.startswith(("http://", "https://")):
        opts["reconnect"] = "0"  # we reconnect ourselves, with back-off and a state the view shows
    return opts


def _open(url: str, transport: str, open_timeout_s: float = 5.0):
    import av

    from console.sources import secret_refs

    try:  # the address keeps its references (${env:...}); messages and logs name it so, never the secret
        real = secret_refs.resolve(url)
    except Exception as exc:  # an unset variable, a missing keyring entry
        raise VideoError(f"{url}: {exc}") from None
    try:
        return av.open(real, options=open_options(real, transport), timeout=(open_timeout_s, 2.0))
    except av.FFmpegError as exc:
        raise VideoError(f"{url}: cannot open: {secret_refs.redact(str(exc))}") from None


def grab_frame(url: str, timeout_s: float = 10.0, transport: str = "tcp") -> tuple[VideoFrame, StreamInfo]:
    """Decode the first frame of ``url`` through the console's path; for support (`camera grab`)."""
    import av

    t0 = time.monotonic()
    container = _open(url, transport, timeout_s)
    try:
        stream = _video_stream(container, url)
        for frame in container.decode(stream):
            rgb = frame.to_ndarray(format="rgb24")
            info = StreamInfo(stream.codec_context.name, frame.width, frame.height, time.monotonic() - t0)
            return VideoFrame(rgb, frame.width, frame.height, time.time(), 1), info
    except av.FFmpegError as exc:
        raise VideoError(f"{url}: {exc}") from None
    finally:
        container.close()
    raise VideoError(f"{url}: the stream ended before its first video frame")


def _video_stream(container, url: str):
    if not container.streams.video:
        raise VideoError(f"{url}: no video stream in it")
    stream = container.streams.video[0]
    stream.thread_type = "AUTO"  # frame and slice threads inside FFmpeg
    return stream


class VideoStream:
    """One camera's live stream, decoded in its own thread; ``latest()`` is the newest frame."""

    def __init__(
        self, url: str, *, transport: str = "tcp", stall_s: float = 2.0, max_backoff_s: float = 30.0,
        max_width: int | None = None, max_fps: float = 12.0, on_state: Callable[[VideoState, str], None] | None = None,
    ) -> None:
        self.url = url
        self.transport = transport
        self.stall_s = stall_s
        self.max_backoff_s = max_backoff_s
        self.max_width = max_width  # frames wider than this are scaled down in the decoder thread
        self.max_fps = max_fps  # frames turned into RGB for the views per second of video, at most
        self._pts: float | None = None
        self._on_state = on_state
        self._lock = threading.Lock()
        self._latest: VideoFrame | None = None
        self._state = VideoState.STOPPED
        self._reason = ""
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.info: StreamInfo | None = None
        self.reconnects = 0
        self.decoded = 0

    # -- the view's side ---------------------------------------------------------------------
    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._set_state(VideoState.CONNECTING, "")
        self._thread = threading.Thread(target=self._run, name=f"video {self.url}", daemon=True)
        self._thread.start()

    def stop(self, wait_s: float = 3.0) -> None:
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(wait_s)
        self._set_state(VideoState.STOPPED, "")

    def latest(self) -> VideoFrame | None:
        with self._lock:
            return self._latest

    def state(self, now: float | None = None) -> tuple[VideoState, str]:
        """The stream's state; PLAYING turns FROZEN once the newest frame is older than ``stall_s``."""
        now = time.time() if now is None else now
        with self._lock:
            state, reason, latest = self._state, self._reason, self._latest
        if state == VideoState.PLAYING and latest is not None and now - latest.received > self.stall_s:
            return VideoState.FROZEN, f"no frame for {now - latest.received:.0f} s"
        return state, reason

    def age_s(self, now: float | None = None) -> float | None:
        latest = self.latest()
        return None if latest is None else (time.time() if now is None else now) - latest.received

    # -- the decoding thread -----------------------------------------------------------------
    def _set_state(self, state: VideoState, reason: str) -> None:
        with self._lock:
            changed = (state, reason) != (self._state, self._reason)
            self._state, self._reason = state, reason
        if changed and self._on_state is not None:
            try:
                self._on_state(state, reason)
            except Exception:  # a view's callback must not end the stream
                log.exception("video state callback failed")

    def _run(self) -> None:
        backoff = 1.0
        while not self._stop.is_set():
            try:
                self._play_once()
                reason = "stream ended"
            except VideoError as exc:
                reason = str(exc)
            except Exception as exc:  # FFmpeg's errors, a broken network: reconnect, never die
                reason = f"{type(exc).__name__}: {exc}"
            if self._stop.is_set():
                break
            log.info("video %s: %s; reconnecting in %.0f s", self.url, reason, backoff)
            self._set_state(VideoState.FROZEN if self.latest() is not None else VideoState.CONNECTING, reason)
            if self._stop.wait(backoff):
                break
            self.reconnects += 1
            backoff = min(backoff * 2, self.max_backoff_s)
            if self.latest() is not None and time.time() - self.latest().received < self.stall_s:
                backoff = 1.0

    def _play_once(self) -> None:
        import av

        t0 = time.monotonic()
        container = _open(self.url, self.transport)
        try:
            stream = _video_stream(container, self.url)
            for packet in container.demux(stream):
                if self._stop.is_set():
                    return
                try:
                    frames = packet.decode()
                except av.InvalidDataError:
                    continue  # a damaged packet: the next keyframe mends the picture
                for frame in frames:
                    self._keep(frame, stream, t0)
        finally:
            container.close()

    def _keep(self, frame, stream, t0: float) -> None:
        self.decoded += 1
        now = time.time()
        pts = frame.time  # the stream's own clock, so a file decoded flat out converts what live play would
        if pts is not None and self._pts is not None and 0 <= pts - self._pts < 1.0 / self.max_fps:
            return  # decoded (the next frames need it) but not converted: no view paints faster
        self._pts = pts
        if self.max_width and frame.width > self.max_width:
            h = max(2, round(frame.height * self.max_width / frame.width / 2) * 2)
            frame = frame.reformat(width=self.max_width, height=h)
        rgb = frame.to_ndarray(format="rgb24")
        if self.info is None:
            self.info = StreamInfo(stream.codec_context.name, frame.width, frame.height, time.monotonic() - t0)
        with self._lock:
            self._latest = VideoFrame(rgb, frame.width, frame.height, now, self.decoded)
        self._set_state(VideoState.PLAYING, "")
