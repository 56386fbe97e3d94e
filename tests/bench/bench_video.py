"""Live video decode cost: one 1080p H.264 stream through the console's path against ffmpeg alone.

  ffmpeg  Debian's ffmpeg decoding the same file to nothing (`-f null`), its CPU time
  ours    console.cameras.video.VideoStream on the same file: PyAV demux + decode + the RGB
          frame a view pulls (max_width 1920), CPU time of this process over the run

Both decode as fast as they can (no -re), so the figure is CPU seconds per second of video,
i.e. the share of one core a live 25 fps 1080p stream costs. Three runs, interleaved; min and median.
Run: python tests/bench/bench_video.py   (about a minute; needs ffmpeg)
"""

from __future__ import annotations

import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

SECONDS, FPS = 10, 25


def _cpu_self() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _cpu_children() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def ffmpeg_alone(clip: Path) -> float:
    before = _cpu_children()
    subprocess.run(["ffmpeg", "-hide_banner", "-loglevel", "error", "-i", str(clip), "-f", "null", "-"], check=True)
    return (_cpu_children() - before) / SECONDS


def ours(clip: Path) -> float:
    from console.cameras.video import VideoStream

    stream = VideoStream(str(clip), max_width=1920)
    stream._stop.clear()
    before = _cpu_self()
    stream._play_once()  # the decoding thread's loop, run to the end of the file here
    cpu = _cpu_self() - before
    assert stream.decoded >= SECONDS * FPS * 0.95, stream.decoded
    return cpu / SECONDS


def main() -> None:
    if shutil.which("ffmpeg") is None:
        print("skipped: no ffmpeg")
        return
    with tempfile.TemporaryDirectory() as tmp:
        clip = Path(tmp) / "1080p.mp4"
        subprocess.run(["ffmpeg", "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i",
                        f"testsrc2=size=1920x1080:rate={FPS}", "-t", str(SECONDS), "-c:v", "libx264",
                        "-preset", "veryfast", "-pix_fmt", "yuv420p", str(clip)], check=True)
        base, mine = [], []
        for _ in range(3):
            base.append(ffmpeg_alone(clip))
            mine.append(ours(clip))
        from console.cameras.video import grab_frame

        t0 = time.perf_counter()
        grab_frame(str(clip))
        first = time.perf_counter() - t0
    ratio = statistics.median(mine) / statistics.median(base)
    print(f"1080p25 H.264 decode: ours {min(mine):.2f}/{statistics.median(mine):.2f} core (min/median of 3), "
          f"ffmpeg alone {min(base):.2f}/{statistics.median(base):.2f} core; ours/ffmpeg {ratio:.2f}x "
          f"(ours includes the RGB frame a view pulls); first frame from a file {first * 1000:.0f} ms")


if __name__ == "__main__":
    main()
