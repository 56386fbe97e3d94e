"""Snapshots from cameras' HTTP snapshot URLs (``/ISAPI/Streaming/channels/101/picture``,
``/cgi-bin/snapshot.cgi`` ...): requests on a bounded worker pool, off the GUI thread.

Basic or digest auth per camera (attrs ``auth`` and ``user``; the password comes from
a credentials callable, never from the entity, which is cached in plain SQLite).
Connect and read timeouts, plus a deadline for the whole body so a camera that
trickles bytes cannot hold a worker. The camera's own image time is taken from
``Last-Modified`` or ``X-Timestamp`` when it sends one.
"""

from __future__ import annotations

import email.utils
import errno
import logging
import threading
import time
from collections.abc import Callable, Mapping, Sequence

import requests
from requests.adapters import HTTPAdapter
from requests.auth import AuthBase, HTTPBasicAuth, HTTPDigestAuth

from console.cameras.model import CameraStatus, Snapshot, sniff_image
from console.cameras.poller import SnapshotPoller
from console.store.snapshots import SnapshotStore
from console.hub.hub import Hub
from console.model import Entity
from console.sources.tls import ContextAdapter, ssl_context

log = logging.getLogger(__name__)

Credentials = Callable[[Entity], "tuple[str, str] | None"]
MAX_IMAGE_BYTES = 8 * 1024 * 1024


def image_time(headers: Mapping[str, str]) -> float | None:
    """The image time a camera sent, in epoch seconds, or None."""
    stamp = headers.get("X-Timestamp") or headers.get("X-Image-Timestamp")
    if stamp:
        try:
            value = float(stamp)
            return value / 1000.0 if value > 1e11 else value  # some send milliseconds
        except ValueError:
            pass
    modified = headers.get("Last-Modified")
    if modified:
        try:
            return email.utils.parsedate_to_datetime(modified).timestamp()
        except (TypeError, ValueError):
            return None
    return None


def _refused(exc: BaseException) -> bool:
    seen: set[int] = set()
    e: BaseException | None = exc
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        if isinstance(e, ConnectionRefusedError) or getattr(e, "errno", None) == errno.ECONNREFUSED:
            return True
        if "refused" in str(e).lower():
            return True
        e = e.__cause__ or e.__context__ or (e.args[0] if e.args and isinstance(e.args[0], BaseException) else None)
    return False


class HttpSnapshotSource(SnapshotPoller):
    def __init__(
        self,
        name: str,
        cameras: Sequence[Entity],
        hub: Hub,
        snapshots: SnapshotStore,
        *,
        credentials: Credentials | Mapping[str, tuple[str, str]] | None = None,
        connect_timeout_s: float = 3.0,
        read_timeout_s: float = 5.0,
        workers: int = 8,
        refresh_s: float | None = None,
        tls: Mapping[str, object] | None = None,
    ) -> None:
        super().__init__(name, cameras, hub, snapshots, workers=workers, refresh_s=refresh_s)
        # as every outbound session: TLS checked against the OS trust store (plus ca_file);
        # verify = false only for a lab, and said in the log
        self.tls = dict(tls or {})
        if self.tls.get("verify", True) is False:
            log.warning("cameras %s: TLS verification is OFF (verify = false); use only in a lab", name)
        if isinstance(credentials, Mapping):
            table = dict(credentials)
            credentials = lambda cam: table.get(cam.id)  # noqa: E731
        self.credentials = credentials
        self.connect_timeout_s = connect_timeout_s
        self.read_timeout_s = read_timeout_s
        self._local = threading.local()
        self._auths: dict[str, AuthBase | None] = {}

    def _session(self) -> requests.Session:
        s = getattr(self._local, "session", None)
        if s is None:
            s = requests.Session()
            s.mount("http://", HTTPAdapter(pool_connections=16, pool_maxsize=4, max_retries=0))
            if self.tls.get("verify", True) is False:
                s.mount("https://", HTTPAdapter(pool_connections=16, pool_maxsize=4, max_retries=0))
                s.verify = False
            else:
                s.mount("https://", ContextAdapter(ssl_context(self.tls), pool_connections=16, pool_maxsize=4,
                                                   max_retries=0))
            s.headers["Accept"] = "image/jpeg, image/*;q=0.8"
            self._local.session = s
        return s

    def _auth(self, camera: Entity) -> AuthBase | None:
        # one auth object per camera: digest keeps its nonce (per thread) between polls
        if camera.id not in self._auths:
            scheme = camera.attrs.get("auth")
            cred = self.credentials(camera) if (scheme and self.credentials) else None
            if cred is None:
                self._auths[camera.id] = None
            else:
                user, password = cred
                self._auths[camera.id] = HTTPDigestAuth(user, password) if scheme == "digest" else HTTPBasicAuth(user, password)
        return self._auths[camera.id]

    def fetch(self, camera: Entity) -> Snapshot:
        url = camera.attrs["source"]
        received = self.hub.clock.now()
        cid = camera.id
        deadline = time.monotonic() + self.connect_timeout_s + 2 * self.read_timeout_s
        try:
            with self._session().get(
                url, auth=self._auth(camera), timeout=(self.connect_timeout_s, self.read_timeout_s), stream=True
            ) as resp:
                if resp.status_code in (401, 403):
                    return Snapshot(cid, received, CameraStatus.UNAUTHORIZED, reason=f"HTTP {resp.status_code}")
                if resp.status_code >= 300:
                    return Snapshot(cid, received, CameraStatus.HTTP_ERROR, reason=f"HTTP {resp.status_code} {resp.reason}")
                chunks, size = [], 0
                for chunk in resp.iter_content(64 * 1024):
                    chunks.append(chunk)
                    size += len(chunk)
                    if size > MAX_IMAGE_BYTES:
                        return Snapshot(cid, received, CameraStatus.BAD_IMAGE, reason=f"larger than {MAX_IMAGE_BYTES} bytes")
                    if time.monotonic() > deadline:
                        return Snapshot(cid, received, CameraStatus.TIMEOUT, reason="image arrived too slowly")
                data = b"".join(chunks)
                headers = resp.headers
        except requests.ConnectTimeout:
            return Snapshot(cid, received, CameraStatus.TIMEOUT, reason=f"no connection within {self.connect_timeout_s:g} s")
        except (requests.ReadTimeout, requests.exceptions.ChunkedEncodingError) as exc:
            if isinstance(exc, requests.ReadTimeout) or "timed out" in str(exc):
                return Snapshot(cid, received, CameraStatus.TIMEOUT, reason=f"no answer within {self.read_timeout_s:g} s")
            return Snapshot(cid, received, CameraStatus.BAD_IMAGE, reason="connection broke mid-image")
        except requests.ConnectionError as exc:
            if _refused(exc):
                return Snapshot(cid, received, CameraStatus.REFUSED, reason="connection refused")
            if "timed out" in str(exc).lower():
                return Snapshot(cid, received, CameraStatus.TIMEOUT, reason="connection timed out")
            return Snapshot(cid, received, CameraStatus.ERROR, reason=type(exc).__name__)
        except requests.RequestException as exc:
            return Snapshot(cid, received, CameraStatus.ERROR, reason=f"{type(exc).__name__}: {exc}"[:200])
        if sniff_image(data) is None:
            kind = headers.get("Content-Type", "?")
            return Snapshot(cid, received, CameraStatus.BAD_IMAGE, reason=f"not an image ({kind}, {len(data)} bytes)")
        return Snapshot(cid, received, CameraStatus.OK, data, image_time(headers))
