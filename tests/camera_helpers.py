"""Helpers for the camera tests: a real HTTP camera server on loopback, real JPEGs, a tile context.

The server answers like the cameras on a river wall do: good snapshots, one that
hangs, one that sends garbage, one that wants a password (basic or digest), and
one that always says 401. Not a mock: real sockets, real bytes, real requests.
"""

from __future__ import annotations

import hashlib
import os
import re
import socket
import threading
import time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

IMAGE_TIME = 1_700_000_000.0  # the Last-Modified the good cameras send
USER, PASSWORD, REALM = "admin", "hik12345", "IP Camera"


def make_jpeg(width: int = 640, height: int = 360, shade: int = 120, text: str = "") -> bytes:
    """A real JPEG, painted with Qt (needs a QGuiApplication)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage, QPainter

    img = QImage(width, height, QImage.Format.Format_RGB32)
    img.fill(QColor(shade, shade, min(255, shade + 30)))
    p = QPainter(img)
    p.fillRect(0, height // 2, width, height // 2, QColor(110, 95, 70))
    if text:
        p.setPen(QColor(255, 255, 255))
        p.drawText(10, 20, text)
    p.end()
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    assert img.save(buf, "JPEG", 80)
    return bytes(data.data())


def free_port() -> int:
    """A port with nothing listening on it (connections are refused)."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def _md5(text: str) -> str:
    return hashlib.md5(text.encode()).hexdigest()


class CameraServer:
    """A threaded HTTP server on 127.0.0.1 with camera-like endpoints.

    ``/cam/<name>``: the JPEG ``images[name]``; ``/basic/<name>`` and ``/digest/<name>``
    the same behind a password; ``/hang``: never answers; ``/garbage``: 200 with
    random bytes; ``/truncated``: half a JPEG; ``/401``: always 401. ``modes[name] =
    "hang"`` turns a good camera into a hanging one while the test runs.
    """

    def __init__(self, images: dict[str, bytes]) -> None:
        self.images = images
        self.modes: dict[str, str] = {}
        self.release = threading.Event()
        self.lock = threading.Lock()
        self.active = 0
        self.max_active = 0
        self.hits: dict[str, int] = {}
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body go in two writes

            def log_message(self, *args) -> None:  # keep test output clean
                pass

            def do_GET(self) -> None:
                with server.lock:
                    server.active += 1
                    server.max_active = max(server.max_active, server.active)
                    server.hits[self.path] = server.hits.get(self.path, 0) + 1
                try:
                    server.answer(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                finally:
                    with server.lock:
                        server.active -= 1

        class Server(ThreadingHTTPServer):
            def handle_error(self, request, client_address) -> None:
                pass  # clients that give up on /hang reset their connection: expected here

        self.httpd = Server(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="camera-server", daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __enter__(self) -> "CameraServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    # -- answers --------------------------------------------------------------------
    def _send(self, h: BaseHTTPRequestHandler, code: int, body: bytes, ctype: str = "image/jpeg", headers=()) -> None:
        h.send_response(code)
        h.send_header("Content-Type", ctype)
        h.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            h.send_header(k, v)
        h.end_headers()
        h.wfile.write(body)

    def answer(self, h: BaseHTTPRequestHandler) -> None:
        parts = h.path.strip("/").split("/")
        kind, name = parts[0], (parts[1] if len(parts) > 1 else "")
        mode = self.modes.get(name)
        if kind == "hang" or mode == "hang":
            self.release.wait(30)
            return
        if kind == "garbage":
            self._send(h, 200, os.urandom(5000))
            return
        if kind == "truncated":
            jpeg = next(iter(self.images.values()))
            self._send(h, 200, jpeg[: len(jpeg) // 2])
            return
        if kind == "401":
            self._send(h, 401, b"Unauthorized", "text/plain", [("WWW-Authenticate", f'Basic realm="{REALM}"')])
            return
        if kind == "basic" and not self._basic_ok(h):
            self._send(h, 401, b"Unauthorized", "text/plain", [("WWW-Authenticate", f'Basic realm="{REALM}"')])
            return
        if kind == "digest" and not self._digest_ok(h):
            challenge = f'Digest realm="{REALM}", qop="auth", nonce="{os.urandom(8).hex()}", opaque="0a1b", algorithm=MD5'
            self._send(h, 401, b"Unauthorized", "text/plain", [("WWW-Authenticate", challenge)])
            return
        if kind in ("cam", "basic", "digest") and name in self.images:
            self._send(h, 200, self.images[name], headers=[("Last-Modified", formatdate(IMAGE_TIME, usegmt=True))])
            return
        self._send(h, 404, b"not found", "text/plain")

    def _basic_ok(self, h: BaseHTTPRequestHandler) -> bool:
        import base64

        auth = h.headers.get("Authorization", "")
        return auth == "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()

    def _digest_ok(self, h: BaseHTTPRequestHandler) -> bool:
        auth = h.headers.get("Authorization", "")
        if not auth.startswith("Digest "):
            return False
        f = dict(re.findall(r'(\w+)="?([^",]+)"?', auth[7:]))
        if f.get("username") != USER:
            return False
        ha1 = _md5(f"{USER}:{REALM}:{PASSWORD}")
        ha2 = _md5(f"GET:{f.get('uri')}")
        expected = _md5(f"{ha1}:{f.get('nonce')}:{f.get('nc')}:{f.get('cnonce')}:{f.get('qop')}:{ha2}")
        return f.get("response") == expected


class StallMeter:
    """Measures how long the GUI event loop goes without running a 5 ms timer."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.max_gap = 0.0
        self._last = time.perf_counter()
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.max_gap = max(self.max_gap, now - self._last)
        self._last = now

    def start(self) -> "StallMeter":
        self._last = time.perf_counter()
        self.timer.start()
        return self

    def stop(self) -> float:
        self.timer.stop()
        return self.max_gap
