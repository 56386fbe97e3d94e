"""Glass-to-glass latency of a live stream: frames that carry their own number, timed from the
moment each one is handed to the encoder to the moment a receiver has it decoded.

The sender: this process draws 1920x1080 grey frames at 25 fps in real time (a moving gradient,
so the encoder and decoder have work, and a 16-bit frame counter as two rows of big black/white
blocks, the second row the inverse of the first, so a damaged read is rejected) and writes them
into ffmpeg's stdin; ffmpeg encodes them with libx264 ultrafast zerolatency and serves them
live as MPEG-TS over HTTP itself (``-listen 1``: one client, so each run has its own sender).
The wall time of a frame is taken when its write into ffmpeg returns.

The receivers read the counter out of the decoded picture:

  ours    console.cameras.video.VideoStream: the frame a view pulls (``latest()``), polled every 2 ms
  ffmpeg  ffmpeg alone decoding the same stream to raw grey frames on a pipe read by this process

Latency of a run: the median over the frames received after a warm-up of WARMUP_S.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import threading
import time
from collections.abc import Callable

import numpy as np

W, H, FPS = 1920, 1080, 25
BITS = 16
_BLOCK, _PITCH, _X0, _ROWS = 96, 112, 16, (16, 128)  # block size, spacing, left margin, the two rows' tops
WARMUP_S, MEASURE_S = 3.0, 8.0


def _centres() -> tuple[np.ndarray, np.ndarray]:
    xs = np.array([_X0 + i * _PITCH + _BLOCK // 2 for i in range(BITS)])
    return xs, np.array([top + _BLOCK // 2 for top in _ROWS])


def counter_frame(n: int, background: np.ndarray) -> bytes:
    """Frame ``n`` as grey bytes: the gradient moved by n and the counter's blocks over it."""
    shift = (n * 8) % W
    frame = np.ascontiguousarray(background[:, shift:shift + W])
    for i in range(BITS):
        bit = (n >> (BITS - 1 - i)) & 1
        x = _X0 + i * _PITCH
        frame[_ROWS[0]:_ROWS[0] + _BLOCK, x:x + _BLOCK] = 255 if bit else 0
        frame[_ROWS[1]:_ROWS[1] + _BLOCK, x:x + _BLOCK] = 0 if bit else 255
    return frame.tobytes()


def read_counter(luma: np.ndarray) -> int | None:
    """The counter drawn into a decoded frame (``luma``: H x W, 0-255), None where a block is unclear."""
    xs, ys = _centres()
    level = np.stack([[luma[y - 8:y + 8, x - 8:x + 8].mean() for x in xs] for y in ys])
    bits, inverse = level[0] > 128, level[1] > 128
    if not (bits != inverse).all() or (np.abs(level - 128) < 64).any():
        return None
    return int("".join("1" if b else "0" for b in bits), 2)


def _background() -> np.ndarray:
    x = np.arange(2 * W)
    row = (128 + 100 * np.sin(x * 2 * np.pi / 240)).astype(np.uint8)
    col = (np.arange(H) * 255 // H).astype(np.uint8)
    return ((row[None, :].astype(np.uint16) + col[:, None]) // 2).astype(np.uint8)


class CounterStream:
    """One live 1080p25 H.264 stream served by ffmpeg at ``url`` (one client), paced by a thread here."""

    def __init__(self, port: int) -> None:
        self.url = f"http://127.0.0.1:{port}/live.ts"
        self.written: dict[int, float] = {}  # frame number -> time.monotonic() its write into ffmpeg returned
        self._stop = threading.Event()
        self._proc = subprocess.Popen(
            [shutil.which("ffmpeg"), "-hide_banner", "-loglevel", "error", "-f", "rawvideo", "-pix_fmt", "gray",
             "-s", f"{W}x{H}", "-framerate", str(FPS), "-i", "pipe:0", "-c:v", "libx264", "-preset", "ultrafast",
             "-tune", "zerolatency", "-g", str(FPS), "-pix_fmt", "yuv420p", "-f", "mpegts", "-flush_packets", "1",
             "-listen", "1", self.url],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        self._thread = threading.Thread(target=self._feed, name="counter stream", daemon=True)
        self._thread.start()
        # ffmpeg takes the first frame in, then opens its output and listens: give it that moment
        deadline = time.monotonic() + 10
        while not self.written and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.5)

    def _feed(self) -> None:
        background = _background()
        due = time.monotonic()
        n = 0
        try:
            while not self._stop.is_set():
                data = counter_frame(n, background)
                self._proc.stdin.write(data)  # blocks until ffmpeg takes it (it waits for its client first)
                self._proc.stdin.flush()
                self.written[n] = time.monotonic()
                n = (n + 1) % (1 << BITS)
                due = max(due + 1 / FPS, time.monotonic() - 1 / FPS)  # real time; no burst after a stall
                time.sleep(max(0.0, due - time.monotonic()))
        except (BrokenPipeError, ValueError, OSError):
            pass  # the sender was stopped

    def close(self) -> None:
        self._stop.set()
        self._proc.kill()
        self._proc.wait(10)
        try:
            self._proc.stdin.close()
        except OSError:
            pass
        self._thread.join(5)


def _latencies(received: list[tuple[int, float]], written: dict[int, float]) -> list[float]:
    """Seconds from write to receipt of each frame first seen after the warm-up."""
    if not received:
        raise RuntimeError("no frame with a readable counter arrived")
    start = received[0][1] + WARMUP_S
    seen: set[int] = set()
    out = []
    for n, t in received:
        if t >= start and n in written and n not in seen:
            seen.add(n)
            out.append(t - written[n])
    if len(out) < 10:
        raise RuntimeError(f"only {len(out)} frames measured")
    return out


def ours(port: int) -> float:
    """Median latency (s) of the frames VideoStream hands a view, over MEASURE_S after the warm-up."""
    from console.cameras.video import VideoStream

    sender = CounterStream(port)
    stream = VideoStream(sender.url, max_width=W)
    received: list[tuple[int, float]] = []
    try:
        stream.start()
        last = None
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            frame = stream.latest()
            now = time.monotonic()
            if frame is not None and frame is not last:
                last = frame
                n = read_counter(frame.rgb[:, :, 1])
                if n is not None:
                    received.append((n, now))
                    deadline = min(deadline, received[0][1] + WARMUP_S + MEASURE_S)
            time.sleep(0.002)
    finally:
        stream.stop()
        sender.close()
    return statistics.median(_latencies(received, sender.written))


def ffmpeg_alone(port: int) -> float:
    """Median latency (s) of ffmpeg decoding the same stream to raw grey frames on a pipe."""
    sender = CounterStream(port)
    proc = subprocess.Popen(
        [shutil.which("ffmpeg"), "-hide_banner", "-loglevel", "error", "-i", sender.url, "-f", "rawvideo",
         "-pix_fmt", "gray", "-fps_mode", "passthrough", "-flush_packets", "1", "pipe:1"],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, bufsize=0,
    )
    received: list[tuple[int, float]] = []
    buf = bytearray(W * H)
    view = memoryview(buf)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            got = 0
            while got < len(buf):
                k = proc.stdout.readinto(view[got:])
                if not k:
                    raise RuntimeError(f"ffmpeg's decoder ended: {proc.stderr.read().decode(errors='replace')}")
                got += k
            now = time.monotonic()
            n = read_counter(np.frombuffer(buf, np.uint8).reshape(H, W))
            if n is not None:
                received.append((n, now))
                deadline = min(deadline, received[0][1] + WARMUP_S + MEASURE_S)
    finally:
        proc.kill()
        proc.wait(10)
        proc.stdout.close()
        proc.stderr.close()
        sender.close()
    return statistics.median(_latencies(received, sender.written))


def interleaved(port_for: Callable[[], int], runs: int = 3) -> tuple[list[float], list[float]]:
    """``runs`` of each, alternately: (ours, ffmpeg alone) median latencies in seconds."""
    mine, base = [], []
    for _ in range(runs):
        base.append(ffmpeg_alone(port_for()))
        mine.append(ours(port_for()))
    return mine, base
