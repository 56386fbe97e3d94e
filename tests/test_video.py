"""Live video through PyAV: a real ffmpeg-made H.264 HLS stream on a loopback http.server."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from console.cameras.video import VideoError, VideoState, VideoStream, grab_frame
from console.cameras.video_pool import VideoPool
from tests.video_helpers import folder_server, make_clip, needs_ffmpeg, freezes_and_comes_back, start_hls, wait_for

pytestmark = needs_ffmpeg
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def live_hls(tmp_path):
    proc = start_hls(tmp_path / "hls")
    server = folder_server(tmp_path / "hls").start()
    yield server
    server.stop()
    proc.kill()
    proc.wait(10)


def test_a_live_stream_plays_freezes_when_its_server_dies_and_comes_back(live_hls):
    stream = VideoStream(f"{live_hls.url}/live.m3u8", stall_s=2.0, max_backoff_s=2.0)
    stream.start()
    try:
        first = wait_for(stream.latest, 20, "a first frame")
        assert (first.width, first.height) == (320, 180) and first.rgb.shape == (180, 320, 3)
        assert stream.info.codec == "h264"
        wait_for(lambda: (f := stream.latest()) and f.index > first.index + 5, 10, "frames keep coming")
        assert stream.state()[0] == VideoState.PLAYING
        # at most stall_s after the last buffered segment (up to 6 s of it)
        freezes_and_comes_back(stream, live_hls, frozen_within_s=3 + 6)
    finally:
        stream.stop()
    assert stream.state()[0] == VideoState.STOPPED


def test_the_picture_changes_from_frame_to_frame(live_hls):
    stream = VideoStream(f"{live_hls.url}/live.m3u8")
    stream.start()
    try:
        a = wait_for(stream.latest, 20, "a frame")
        b = wait_for(lambda: (f := stream.latest()) and f.index >= a.index + 3 and f, 10, "a later frame")
        assert (a.rgb != b.rgb).any(), "testsrc moves: a later frame differs"
    finally:
        stream.stop()


def test_the_pool_plays_at_most_its_cap_and_stops_a_stream_its_last_viewer_leaves(tmp_path):
    clip = make_clip(tmp_path / "clip.mp4")
    pool = VideoPool(max_streams=2)
    a, b, c = object(), object(), object()
    try:
        s1 = pool.acquire(a, "cam1", str(clip))
        assert pool.acquire(b, "cam1", str(clip)) is s1  # one decoder per camera, shared
        assert pool.acquire(a, "cam2", str(clip)) is not None
        assert pool.acquire(c, "cam3", str(clip)) is None  # over the cap: the view keeps its snapshot
        pool.release(a, "cam1")
        assert pool.playing() == ["cam1", "cam2"]  # b still watches cam1
        pool.release(b)
        assert pool.playing() == ["cam2"] and s1.state()[0] == VideoState.STOPPED
    finally:
        pool.close()


def test_grab_names_a_dead_address():
    with pytest.raises(VideoError, match="127.0.0.1:9"):
        grab_frame("http://127.0.0.1:9/none.m3u8", timeout_s=3)


def test_camera_grab_writes_the_test_pattern_as_png(live_hls, tmp_path):
    out = tmp_path / "frame.png"
    done = subprocess.run(
        [sys.executable, "-m", "console", "camera", "grab", f"{live_hls.url}/live.m3u8", "-o", str(out), "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    facts = json.loads(done.stdout)
    assert (facts["codec"], facts["width"], facts["height"]) == ("h264", 320, 180)
    assert facts["first_frame_s"] > 0
    from PySide6.QtGui import QImage

    img = QImage(str(out))
    assert (img.width(), img.height()) == (320, 180)
    # testsrc's colour bars: the top-left is not one flat colour
    colours = {img.pixelColor(x, 20).name() for x in range(0, 320, 20)}
    assert len(colours) >= 4


def test_a_configured_camera_streams_through_a_reference_never_written_in_the_file(live_hls, monkeypatch):
    from console.cameras.from_settings import camera_entities
    from console.settings.sources import parse_settings

    host = live_hls.url.split("//", 1)[1]
    monkeypatch.setenv("CAM_HOST", host)
    table = {"id": "MH-CAM-02", "url": "http://127.0.0.1:9/snap.jpg", "stream": "http://${env:CAM_HOST}/live.m3u8",
             "substream": "http://${env:CAM_HOST}/live.m3u8", "heading": 270, "fov": 50, "lon": 118.8, "lat": 36.86}
    (cam,) = camera_entities(parse_settings({"cameras": [table]}, "settings.toml").cameras)
    assert cam.attrs["stream"] == "http://${env:CAM_HOST}/live.m3u8"  # kept as written: resolved when opened
    assert (cam.attrs["heading"], cam.attrs["fov"]) == (270, 50)
    pool = VideoPool()
    try:
        stream = pool.acquire(object(), cam.id, cam.attrs["stream"])
        wait_for(stream.latest, 20, "a frame through the resolved address")
    finally:
        pool.close()
    monkeypatch.delenv("CAM_HOST")
    with pytest.raises(VideoError, match=r"\$\{env:CAM_HOST\}"):
        grab_frame(cam.attrs["stream"], timeout_s=3)


def test_a_stream_url_is_checked_with_the_key_named():
    from console.settings.sources import SettingsError, parse_settings

    with pytest.raises(SettingsError, match=r"cameras\[0\]\.stream"):
        parse_settings({"cameras": [{"id": "c", "url": "http://h/s.jpg", "stream": "ftp://h/live"}]}, "settings.toml")


def test_an_h265_stream_plays_too(tmp_path):
    proc = start_hls(tmp_path / "hevc", codec="libx265")
    server = folder_server(tmp_path / "hevc").start()
    stream = VideoStream(f"{server.url}/live.m3u8")
    stream.start()
    try:
        frame = wait_for(stream.latest, 30, "a first H.265 frame")
        assert stream.info.codec == "hevc" and (frame.width, frame.height) == (320, 180)
    finally:
        stream.stop()
        server.stop()
        proc.kill()
        proc.wait(10)
