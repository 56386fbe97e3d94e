"""The latency bench's frame counter survives the real encoder and decoder: frames drawn by
tests/bench/video_latency.py, encoded by ffmpeg (libx264 ultrafast zerolatency), decoded by PyAV
to RGB as VideoStream does, give back their numbers; a frame without the counter reads as None."""

from __future__ import annotations

import subprocess

import numpy as np

from tests.bench import video_latency as vl
from tests.video_helpers import FFMPEG, needs_ffmpeg

pytestmark = needs_ffmpeg


def test_numbers_drawn_into_frames_are_read_back_after_h264(tmp_path):
    numbers = [0, 1, 2, 255, 256, 4321, 40000, 65535]
    background = vl._background()
    clip = tmp_path / "counter.ts"
    subprocess.run(
        [FFMPEG, "-hide_banner", "-loglevel", "error", "-f", "rawvideo", "-pix_fmt", "gray", "-s", f"{vl.W}x{vl.H}",
         "-framerate", str(vl.FPS), "-i", "pipe:0", "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency",
         "-pix_fmt", "yuv420p", "-f", "mpegts", str(clip)],
        input=b"".join(vl.counter_frame(n, background) for n in numbers), check=True, timeout=120,
    )
    import av

    with av.open(str(clip)) as container:
        read = [vl.read_counter(f.to_ndarray(format="rgb24")[:, :, 1]) for f in container.decode(video=0)]
    assert read == numbers


def test_a_frame_without_the_counter_reads_as_none():
    assert vl.read_counter(np.full((vl.H, vl.W), 128, np.uint8)) is None
    assert vl.read_counter(np.frombuffer(vl.counter_frame(7, vl._background()), np.uint8).reshape(vl.H, vl.W)) == 7
