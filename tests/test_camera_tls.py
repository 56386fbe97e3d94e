"""Camera snapshots over HTTPS check the certificate like every other outbound session (the OS
trust store plus a site CA file): a camera behind the city's private CA works with that CA,
and the same camera without it is refused, not silently trusted."""

import ssl

import pytest

from tests.source_servers import make_private_ca

from console.cameras.http_source import HttpSnapshotSource
from console.cameras.model import CameraStatus, camera_entity
from console.hub.hub import Hub
from console.store.snapshots import SnapshotStore
from console.store.store import Store
from tests.camera_helpers import CameraServer, make_jpeg


@pytest.fixture(scope="module")
def private_ca(tmp_path_factory):
    d = tmp_path_factory.mktemp("camca")
    return make_private_ca(d, "Shouguang Camera CA")


@pytest.fixture
def https_camera(qapp, private_ca):
    images = {"c0": make_jpeg(shade=80, text="river cam")}
    srv = CameraServer(images)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(private_ca / "srv.pem", private_ca / "srv.key")
    srv.httpd.socket = ctx.wrap_socket(srv.httpd.socket, server_side=True)
    with srv:
        yield srv, images


def _poll(tmp_path, server, **tls):
    store = Store(tmp_path / "c.sqlite3")
    try:
        cam = camera_entity("bank1", "bank1", 36.8, 118.8, group="t",
                            source=server.base.replace("http://", "https://") + "/cam/c0", refresh_s=1.0)
        src = HttpSnapshotSource("cams", [cam], Hub(store), SnapshotStore(store), connect_timeout_s=1.0,
                                 read_timeout_s=2.0, workers=1, tls=tls or None)
        [answer] = src.poll_once()
        store.flush()
        return answer
    finally:
        store.close()


def test_a_camera_behind_the_citys_ca_works_with_that_ca(tmp_path, https_camera, private_ca):
    server, images = https_camera
    answer = _poll(tmp_path, server, ca_file=str(private_ca / "ca.pem"))
    assert answer.status == CameraStatus.OK


def test_an_untrusted_camera_certificate_is_refused(tmp_path, https_camera):
    server, _ = https_camera
    answer = _poll(tmp_path, server)
    assert answer.status != CameraStatus.OK
    assert "certificate" in (answer.reason or "").lower() or "ssl" in (answer.reason or "").lower()
