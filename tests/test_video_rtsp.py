"""Live video over RTSP: GStreamer's RTSP server on loopback (tests/rtsp_server.py), H.264 over TCP and UDP."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from console.cameras.video import VideoError, VideoState, VideoStream, grab_frame
from console.cameras.video_pool import VideoPool
from tests.video_helpers import RtspCamera, freezes_and_comes_back, needs_rtsp_server, wait_for

pytestmark = needs_rtsp_server
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(params=["tcp", "udp"])
def camera(request):
    """An RTSP camera offering only one transport, so a stream that plays proves which it used."""
    cam = RtspCamera(only=request.param).start()
    cam.transport = request.param
    yield cam
    cam.stop()


def test_an_rtsp_camera_plays_freezes_when_its_server_dies_and_comes_back(camera):
    stream = VideoStream(camera.url, transport=camera.transport, stall_s=2.0, max_backoff_s=2.0)
    stream.start()
    try:
        first = wait_for(stream.latest, 20, "a first frame")
        assert (first.width, first.height) == (320, 180) and first.rgb.shape == (180, 320, 3)
        assert stream.info.codec == "h264"
        later = wait_for(lambda: (f := stream.latest()) and f.index > first.index + 5 and f, 10, "frames keep coming")
        assert (first.rgb != later.rgb).any(), "the ball moves: a later frame differs"
        assert stream.state()[0] == VideoState.PLAYING
        freezes_and_comes_back(stream, camera, frozen_within_s=3)  # RTSP buffers nothing: stall_s and a poll
        assert stream.reconnects >= 1
    finally:
        stream.stop()
    assert stream.state()[0] == VideoState.STOPPED


def test_the_other_transport_is_refused_by_a_camera_offering_one(camera):
    other = "udp" if camera.transport == "tcp" else "tcp"
    with pytest.raises(VideoError, match=camera.url):
        grab_frame(camera.url, timeout_s=10, transport=other)


def test_a_configured_camera_with_transport_udp_plays_over_udp():
    from console.cameras.from_settings import camera_entities
    from console.settings.sources import parse_settings

    cam_server = RtspCamera(only="udp").start()
    table = {"id": "MH-CAM-03", "url": "http://127.0.0.1:9/snap.jpg", "stream": cam_server.url, "transport": "udp",
             "lon": 118.8, "lat": 36.86}
    (cam,) = camera_entities(parse_settings({"cameras": [table]}, "settings.toml").cameras)
    pool = VideoPool()
    try:
        stream = pool.acquire(object(), cam.id, cam.attrs["stream"], cam.attrs["transport"])
        assert stream.transport == "udp"
        a = wait_for(stream.latest, 20, "a frame over UDP")
        b = wait_for(lambda: (f := stream.latest()) and f.index >= a.index + 3 and f, 10, "a later frame")
        assert (a.rgb != b.rgb).any()
    finally:
        pool.close()
        cam_server.stop()


def test_camera_grab_reads_an_rtsp_camera(camera, tmp_path):
    out = tmp_path / "frame.png"
    done = subprocess.run(
        [sys.executable, "-m", "console", "camera", "grab", camera.url, "--transport", camera.transport,
         "-o", str(out), "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    facts = json.loads(done.stdout)
    assert (facts["codec"], facts["width"], facts["height"]) == ("h264", 320, 180)
    from PySide6.QtGui import QImage

    img = QImage(str(out))
    assert (img.width(), img.height()) == (320, 180)
    # videotestsrc's ball on black: not one flat colour
    colours = {img.pixelColor(x, y).name() for x in range(0, 320, 8) for y in range(0, 180, 8)}
    assert len(colours) >= 2
