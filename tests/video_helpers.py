"""A live test stream made by Debian's ffmpeg (testsrc, H.264, HLS), served by python's http.server on loopback."""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import pytest

from tests.source_servers import LoopbackServer

FFMPEG = shutil.which("ffmpeg")
# where apt exists, packaging/install-system-deps.sh installs ffmpeg: its absence there is a failure, not a skip
needs_ffmpeg = pytest.mark.skipif(FFMPEG is None and shutil.which("apt-get") is None,
                                  reason="no ffmpeg to make test streams (install the equivalent of Debian's ffmpeg)")


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
