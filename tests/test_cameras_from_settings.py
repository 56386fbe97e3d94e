"""``[[cameras]]`` in settings.toml: validated with the key named, created by the runtime,
shown by the camera grid. The real-camera test: a loopback HTTP server that requires
digest auth serves JPEG frames; the configured camera shows them, and the next frame too."""

from __future__ import annotations

import time

import pytest

from console.cameras.model import CameraStatus, camera_entity, status_stream
from console.cameras.paging import alarm_pages
from console.geo import to_wgs84
from console.layouts.layout import TileSpec
from console.model import Entity
from console.settings.sources import SettingsError, parse_settings
from tests.camera_helpers import PASSWORD, USER, CameraServer, make_jpeg

GOOD = {
    "id": "MH-CAM-01", "name": "弥河大桥 Mi river bridge", "url": "http://127.0.0.1:9/ISAPI/Streaming/channels/101/picture",
    "auth": "digest", "user": "admin", "password": "${env:CAM_PW}", "interval_s": 5,
    "lon": 118.80, "lat": 36.86, "group": "弥河 Mi river", "watches": "MH-03",
}


def cameras(*tables):
    return parse_settings({"cameras": list(tables)}, "settings.toml")


def test_a_camera_table_is_typed_with_its_defaults():
    s = cameras(GOOD, {"id": "plain", "url": "https://cam.example.cn/snapshot.jpg"})
    a, b = s.cameras
    assert (a.id, a.auth, a.user, a.interval_s, a.lon, a.lat, a.group, a.watches) == (
        "MH-CAM-01", "digest", "admin", 5.0, 118.80, 36.86, "弥河 Mi river", "MH-03")
    assert a.password == "${env:CAM_PW}"  # still the reference: resolved when a worker needs it
    assert (b.name, b.auth, b.interval_s, b.lat, b.verify) == ("plain", "none", 10.0, None, True)


@pytest.mark.parametrize(("change", "key", "words"), [
    ({"url": None}, "cameras[0].url", "required key missing"),
    ({"url": "rtsp://cam/1"}, "cameras[0].url", "does not match"),
    ({"password": "hik12345"}, "cameras[0].password", "write a reference"),
    ({"user": None}, "cameras[0].user", "needs a user"),
    ({"auth": None}, "cameras[0].user", "given without auth"),
    ({"auth": "ntlm"}, "cameras[0].auth", "is not one of"),
    ({"lat": None}, "cameras[0].lat", "needs both lon and lat"),
    ({"lon": 218.0}, "cameras[0].lon", "maximum"),
    ({"interval_s": 0}, "cameras[0].interval_s", "minimum"),
    ({"id": "a/b"}, "cameras[0].id", "does not match"),
    ({"zoom": 3}, "cameras[0].zoom", "unknown key"),
])
def test_a_bad_camera_table_is_refused_with_the_key_named(change, key, words):
    table = {k: v for k, v in {**GOOD, **change}.items() if v is not None}
    with pytest.raises(SettingsError) as err:
        cameras(table)
    msg = str(err.value)
    assert msg.startswith(f"settings.toml: {key}: ") and words in msg, msg


def test_two_cameras_with_one_id_are_refused():
    with pytest.raises(SettingsError, match=r"cameras\[1\]\.id: 'MH-CAM-01' is used by another camera"):
        cameras(GOOD, GOOD)


def test_a_gcj02_position_is_converted_at_the_door():
    from console.cameras.from_settings import camera_entities

    (cam,) = camera_entities(cameras({**GOOD, "crs": "gcj02"}).cameras)
    assert (cam.lat, cam.lon) == pytest.approx(to_wgs84(36.86, 118.80, "gcj02"))
    assert abs(cam.lon - 118.80) > 1e-3  # moved by the offset (about 500 m here), not left as given
    assert cam.attrs["watches"] == "MH-03" and cam.attrs["group"] == "弥河 Mi river"


def test_an_alarm_on_the_watched_entity_brings_its_camera_first_wherever_it_stands():
    gauge = Entity("MH-03", "gauge", "弥河3号站", 36.90, 118.80)
    near = [camera_entity(f"N{i}", f"near {i}", 36.90 + 0.001 * i, 118.80, group="g", source="sim://t") for i in range(3)]
    far = camera_entity("FAR", "far away", 37.5, 119.5, group="g", source="sim://t", watches="MH-03")
    pages, pulled = alarm_pages([*near, far], [gauge], per_page=4, nearest=2)
    assert pages[0].cameras == ("FAR", "N0", "N1") and pulled["FAR"] == "MH-03"


class FramedCamera(CameraServer):
    """The loopback camera sends its own image time with every frame, as real ones do."""

    def _send(self, h, code, body, ctype="image/jpeg", headers=()):
        if code == 200 and ctype == "image/jpeg":
            headers = [("X-Timestamp", f"{time.time():.3f}")]
        super()._send(h, code, body, ctype, headers)


def sky(image) -> int:
    """The lightness of a frame's top half (make_jpeg paints it in the shade asked)."""
    return image.pixelColor(image.width() // 2, image.height() // 5).lightness()


def test_a_configured_digest_camera_shows_its_frames_in_the_grid(qtbot, tmp_path, monkeypatch):
    from console.app.runtime import Runtime, RuntimeOptions
    from console.gui.camera_feed import CameraFeed
    from console.gui.history_loader import HistoryLoader
    from console.gui.hub_signals import HubSignals
    from widgets.camera_grid_tile import CameraGridTile
    from widgets.tile import TileContext

    images = {"gate": make_jpeg(640, 360, shade=40, text="frame 1")}
    monkeypatch.setenv("CAM_PW", PASSWORD)
    with FramedCamera(images) as camera:
        settings = tmp_path / "settings.toml"
        settings.write_text(
            "version = 1\n\n[[cameras]]\n"
            'id = "sluice-gate"\nname = "南闸 South sluice"\n'
            f'url = "{camera.base}/digest/gate"\n'
            f'auth = "digest"\nuser = "{USER}"\npassword = "${{env:CAM_PW}}"\n'
            'interval_s = 1\nlon = 118.79\nlat = 36.88\ngroup = "闸门 Sluices"\nwatches = "MH-03"\n',
            encoding="utf-8",
        )
        rt = Runtime(RuntimeOptions(cache_dir=tmp_path / "cache", state_dir=tmp_path / "state", settings_file=settings))
        rt.start()
        signals = HubSignals(rt.hub)
        history = HistoryLoader(rt.store)
        feed = CameraFeed(rt.snapshots)
        try:
            cam = rt.hub.entities["sluice-gate"]
            assert (cam.kind, cam.lat, cam.lon, cam.attrs["group"]) == ("camera", 36.88, 118.79, "闸门 Sluices")
            ctx = TileContext(rt.hub, signals, history, None, cameras=feed)
            tile = CameraGridTile(ctx, TileSpec("cameras", 0, 0, title="cams", options={
                "rows": 1, "columns": 2, "cycle_s": 0, "select": {"kind": "camera"}}))
            qtbot.addWidget(tile)
            tile.resize(800, 300)
            tile.show()
            signals.start()
            cell = next(c for c in tile.grid.cells if c.camera == "sluice-gate")
            qtbot.waitUntil(lambda: cell.image is not None and not cell.offline, timeout=8000)
            assert sky(cell.image) < 80
            assert rt.hub.latest(status_stream("sluice-gate")).value == CameraStatus.OK
            assert any(k.startswith("/digest/gate") for k in camera.hits)

            images["gate"] = make_jpeg(640, 360, shade=220, text="frame 2")  # the camera's next frame
            qtbot.waitUntil(lambda: cell.image is not None and sky(cell.image) > 180, timeout=8000)
            health = rt.hub.sources["cameras"]
            assert health.live and health.detail == "1/1 cameras ok"
        finally:
            signals.stop()
            history.shutdown()
            feed.shutdown()
            rt.stop()


def test_a_wrong_password_is_the_cameras_fault_on_screen(tmp_path, monkeypatch, qapp):
    from console.cameras.from_settings import camera_sources
    from console.hub.hub import Hub
    from console.store.snapshots import SnapshotStore
    from console.store.store import Store

    monkeypatch.setenv("CAM_PW", "wrong")
    with FramedCamera({"gate": make_jpeg()}) as camera:
        s = cameras({**GOOD, "url": f"{camera.base}/digest/gate"}, {"id": "nokey", "url": f"{camera.base}/digest/gate",
                                                                     "auth": "basic", "user": "u", "password": "${env:NO_SUCH_VAR_X}"})
        store = Store(tmp_path / "c.sqlite3")
        try:
            (src,) = camera_sources(s.cameras, Hub(store), SnapshotStore(store))
            answers = {a.camera_id: a for a in src.poll_once()}
            assert answers["MH-CAM-01"].status == CameraStatus.UNAUTHORIZED
            assert answers["nokey"].status == CameraStatus.ERROR
            assert "NO_SUCH_VAR_X" in answers["nokey"].reason and "is not set" in answers["nokey"].reason
        finally:
            store.close()


from tests.test_camera_tls import https_camera, private_ca  # noqa: E402,F401 (fixtures)


def test_https_cameras_check_the_os_trust_store_plus_their_ca_file(tmp_path, https_camera, private_ca):
    import truststore

    from console.cameras.from_settings import camera_sources
    from console.hub.hub import Hub
    from console.store.snapshots import SnapshotStore
    from console.store.store import Store

    server, _ = https_camera
    url = server.base.replace("http://", "https://") + "/cam/c0"
    s = cameras({"id": "city-ca", "url": url, "ca_file": str(private_ca / "ca.pem"), "timeout_s": 2},
                {"id": "os-store-only", "url": url, "timeout_s": 2})
    store = Store(tmp_path / "c.sqlite3")
    try:
        with_ca, os_only = camera_sources(s.cameras, Hub(store), SnapshotStore(store))
        assert (with_ca.name, os_only.name) == ("cameras", "cameras-2")  # one source per TLS setting
        assert [a.status for a in with_ca.poll_once()] == [CameraStatus.OK]
        [refused] = os_only.poll_once()
        assert refused.status != CameraStatus.OK and "ssl" in refused.reason.lower()
        adapter = os_only._session().get_adapter(url)
        assert isinstance(adapter._ctx, truststore.SSLContext)  # the OS store, never certifi's bundle
    finally:
        store.close()


def test_config_check_lists_the_cameras_and_names_a_bad_key(tmp_path, capsys):
    from console.app.cli import main

    good = tmp_path / "good.toml"
    good.write_text('[[cameras]]\nid = "gate"\nurl = "http://10.0.0.5/snap.jpg"\n\n'
                    '[[cameras]]\nid = "old"\nurl = "http://10.0.0.6/snap.jpg"\nenabled = false\n', encoding="utf-8")
    assert main(["config", "check", str(good)]) == 0
    assert "2 cameras: gate, old (disabled)" in capsys.readouterr().out
    bad = tmp_path / "bad.toml"
    bad.write_text('[[cameras]]\nid = "gate"\nurl = "http://10.0.0.5/snap.jpg"\nauth = "digest"\nuser = "admin"\n'
                   'password = "hik12345"\n', encoding="utf-8")
    assert main(["config", "check", str(bad)]) == 2
    assert "cameras[0].password: write a reference" in capsys.readouterr().err
