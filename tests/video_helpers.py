"""Live test streams on loopback: Debian's ffmpeg (testsrc, H.264, HLS) served by python's http.server,
and an RTSP camera (GStreamer's RTSP server, tests/rtsp_server.py, run by Debian's python3)."""

from __future__ import annotations

import selectors
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from tests.source_servers import LoopbackServer, free_port

FFMPEG = shutil.which("ffmpeg")
# where apt exists, packaging/install-system-deps.sh installs ffmpeg: its absence there is a failure, not a skip
needs_ffmpeg = pytest.mark.skipif(FFMPEG is None and shutil.which("apt-get") is None,
                                  reason="no ffmpeg to make test streams (install the equivalent of Debian's ffmpeg)")

#: the RTSP server needs GStreamer's python bindings, which Debian's python3 has (python3-gi), the venv's need not
GI_PYTHON = "/usr/bin/python3"
RTSP_SERVER = Path(__file__).with_name("rtsp_server.py")


def _has_rtsp_server() -> bool:
    probe = "import gi; gi.require_version('GstRtspServer', '1.0'); from gi.repository import GstRtspServer"
    try:
        return subprocess.run([GI_PYTHON, "-c", probe], capture_output=True, timeout=30).returncode == 0
    except OSError:
        return False


# as with ffmpeg: where apt exists, install-system-deps.sh installs gst-rtsp-server, so its absence there fails
needs_rtsp_server = pytest.mark.skipif(shutil.which("apt-get") is None and not _has_rtsp_server(),
                                       reason="no gst-rtsp-server (Debian: python3-gi gir1.2-gst-rtsp-server-1.0)")


def wait_for(predicate, timeout_s: float, what: str):
    """``predicate()``'s first truthy value, polled every 50 ms; an AssertionError naming ``what`` after ``timeout_s``."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"not within {timeout_s} s: {what}")


def freezes_and_comes_back(stream, server, frozen_within_s: float) -> None:
    """Stop ``server`` under a playing ``stream`` (a VideoStream): it shows FROZEN within ``frozen_within_s``
    and keeps its last frame; ``server.start()`` again (the same port) and it plays on."""
    from console.cameras.video import VideoState

    server.stop()
    t_dead = time.monotonic()
    wait_for(lambda: stream.state()[0] == VideoState.FROZEN, frozen_within_s + 10, "the stream shows frozen")
    assert time.monotonic() - t_dead < frozen_within_s
    frozen_at = stream.latest().index
    time.sleep(0.5)
    assert stream.latest().index == frozen_at, "frozen: the last frame stays, no new one"
    server.start()  # the same port: the camera is back
    wait_for(lambda: stream.latest().index > frozen_at and stream.state()[0] == VideoState.PLAYING, 30,
             "the stream plays again after the server returns")


def start_hls(folder: Path, size: str = "320x180", rate: int = 10, codec: str = "libx264") -> subprocess.Popen:
    """A live HLS stream of ffmpeg's test pattern into ``folder``: 1 s segments, the last six kept."""
    folder.mkdir(parents=True, exist_ok=True)
    proc = subprocess.Popen(
        [FFMPEG, "-hide_banner", "-loglevel", "error", "-re", "-f", "lavfi", "-i", f"testsrc=size={size}:rate={rate}",
         "-c:v", codec, "-preset", "ultrafast", *(["-tune", "zerolatency"] if codec == "libx264" else ["-x265-params", "log-level=error"]), "-g", str(rate), "-pix_fmt", "yuv420p",
         "-f", "hls", "-hls_time", "1", "-hls_list_size", "6", "-hls_flags", "delete_segments+omit_endlist",
         str(folder / "live.m3u8")],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 30
    while not (folder / "live.m3u8").exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError(f"ffmpeg made no stream: {proc.stderr.read().decode(errors='replace')}")
        time.sleep(0.1)
    return proc


def make_clip(path: Path, seconds: int = 3, size: str = "320x180", rate: int = 10) -> Path:
    subprocess.run(
        [FFMPEG, "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", f"testsrc=size={size}:rate={rate}",
         "-t", str(seconds), "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", str(path)],
        check=True, timeout=120,
    )
    return path


_TYPES = {".m3u8": "application/vnd.apple.mpegurl", ".ts": "video/mp2t", ".mp4": "video/mp4"}


def folder_server(folder: Path) -> LoopbackServer:
    """A loopback http.server over ``folder`` (stop() and start() again on the same port)."""

    def app(req):
        path = (folder / req.path.lstrip("/")).resolve()
        if folder.resolve() not in path.parents or not path.is_file():
            return 404, {}, b"not found"
        return 200, {"Content-Type": _TYPES.get(path.suffix, "application/octet-stream")}, path.read_bytes()

    return LoopbackServer(app)


class RtspCamera:
    """tests/rtsp_server.py on a fixed loopback port: ``stop()`` is the camera gone, ``start()`` it back.

    ``only`` ("tcp", "udp" or "both") is the lower transport the server offers."""

    def __init__(self, only: str = "both", size: str = "320x180", fps: int = 10) -> None:
        self.port = free_port()
        self.args = [GI_PYTHON, str(RTSP_SERVER), str(self.port), "--only", only, "--size", size, "--fps", str(fps)]
        self.url = f"rtsp://127.0.0.1:{self.port}/live"
        self.proc: subprocess.Popen | None = None

    def start(self, timeout_s: float = 30.0) -> RtspCamera:
        proc = self.proc = subprocess.Popen(self.args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                            stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + timeout_s
        # poll, not select(): late in a long test session a pipe's descriptor may be above select's 1024
        waiting = selectors.DefaultSelector()
        waiting.register(proc.stdout, selectors.EVENT_READ)
        while time.monotonic() < deadline:
            if waiting.select(0.2):
                line = proc.stdout.readline()
                if line.strip() == "ready":
                    waiting.close()
                    return self
                if not line:  # it ended: no gi, no gst-rtsp-server, the port taken
                    break
        self.stop()
        raise RuntimeError(f"the RTSP server did not start ({' '.join(self.args)}): {proc.stderr.read()}")

    def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is not None:
            proc.kill()
            proc.wait(10)
            proc.stdout.close()
            proc.stderr.close()
