"""The map's local URL scheme ``cmap://app/...``: pages, web assets and MBTiles tiles.

Everything the map page loads comes through here, so nothing needs the network:
``/page/<token>`` (a page built by layers.page; setHtml would fail silently above
2 MB), ``/assets/<name>`` (Leaflet and the live layer, from layers/web), and
``/tiles/<source>/<z>/<x>/<y>`` (read off the GUI thread from a TileCache, since
a cache miss may fetch from a configured URL). One off-the-record profile serves
every map tile. ``register_scheme`` must run before any web-engine object exists:
importing this module does it.
"""

from __future__ import annotations

import atexit
import itertools
import logging
import re
import weakref
from concurrent.futures import ThreadPoolExecutor

import shiboken6
from PySide6.QtCore import QBuffer, QByteArray, QFile, QIODevice, QObject, QUrl, Signal
from PySide6.QtWebEngineCore import (
    QWebEngineProfile,
    QWebEngineUrlRequestJob,
    QWebEngineUrlScheme,
    QWebEngineUrlSchemeHandler,
)

from layers.mbtiles import TileCache
from layers.page import ASSETS, CONTENT_SECURITY_POLICY, SCHEME, asset_bytes

log = logging.getLogger(__name__)
_CSP = CONTENT_SECURITY_POLICY.encode()
_TILE_PATH = re.compile(r"^/tiles/(\w+)/(\d+)/(\d+)/(\d+)(?:\.\w+)?$")


def register_scheme() -> None:
    if QWebEngineUrlScheme.schemeByName(SCHEME.encode()).name():
        return
    scheme = QWebEngineUrlScheme(SCHEME.encode())
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Host)
    scheme.setFlags(
        QWebEngineUrlScheme.Flag.SecureScheme
        | QWebEngineUrlScheme.Flag.LocalScheme
        | QWebEngineUrlScheme.Flag.LocalAccessAllowed
        | QWebEngineUrlScheme.Flag.CorsEnabled
        | QWebEngineUrlScheme.Flag.FetchApiAllowed
    )
    QWebEngineUrlScheme.registerScheme(scheme)


register_scheme()


def _sniff(data: bytes) -> bytes:
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return b"image/png"
    if data[:3] == b"\xff\xd8\xff":
        return b"image/jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return b"image/webp"
    return b"application/octet-stream"


class MapSchemeHandler(QWebEngineUrlSchemeHandler):
    _sig_tile_read = Signal(int, object)
    """A tile was read on the worker thread: (job key, bytes or None); handled on the GUI thread."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pages: dict[str, bytes] = {}
        self._sources: dict[str, TileCache] = {}
        self._jobs: dict[int, QWebEngineUrlRequestJob] = {}
        self._keys = itertools.count(1)
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="map-tiles")
        self._sig_tile_read.connect(self._reply_tile)
        self._assets: dict[str, bytes] = {}

    # -- what map tiles register ------------------------------------------------
    def add_page(self, html: str) -> QUrl:
        token = f"p{next(self._keys)}"
        self._pages[token] = html.encode("utf-8")
        return QUrl(f"{SCHEME}://app/page/{token}.html")

    def drop_page(self, url: QUrl) -> None:
        self._pages.pop(url.path().removeprefix("/page/").removesuffix(".html"), None)

    def add_tile_source(self, cache: TileCache) -> str:
        """Serve a tile cache; returns the page's URL template for it."""
        for name, known in self._sources.items():
            if known is cache:
                break
        else:
            name = f"s{len(self._sources) + 1}"
            self._sources[name] = cache
        return f"{SCHEME}://app/tiles/{name}/{{z}}/{{x}}/{{y}}"

    # -- requests ----------------------------------------------------------------------
    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:  # noqa: N802 (Qt override)
        path = job.requestUrl().path()
        if path.startswith("/page/"):
            data = self._pages.get(path.removeprefix("/page/").removesuffix(".html"))
            return self._reply(job, b"text/html; charset=utf-8", data)
        if path.startswith("/assets/"):
            return self._reply_asset(job, path.removeprefix("/assets/"))
        m = _TILE_PATH.match(path)
        if m and m.group(1) in self._sources:
            key = next(self._keys)
            self._jobs[key] = job
            job.destroyed.connect(lambda *_, k=key: self._jobs.pop(k, None))
            cache, z, x, y = self._sources[m.group(1)], int(m.group(2)), int(m.group(3)), int(m.group(4))
            self._pool.submit(self._read_tile, key, cache, z, x, y)
            return None
        job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
        return None

    def _reply_asset(self, job: QWebEngineUrlRequestJob, name: str) -> None:
        data = self._assets.get(name)
        if data is None:
            if name == "qwebchannel.js":
                f = QFile(":/qtwebchannel/qwebchannel.js")
                data = bytes(f.readAll().data()) if f.open(QIODevice.OpenModeFlag.ReadOnly) else None
            elif name in ASSETS:
                data = asset_bytes(name)
            if data is not None:
                self._assets[name] = data
        mime = ASSETS.get(name, "text/javascript").encode()
        self._reply(job, mime, data)

    def _read_tile(self, key: int, cache: TileCache, z: int, x: int, y: int) -> None:
        try:
            data = cache.get(z, x, y)
        except Exception:  # a broken MBTiles file must not take the map down
            log.exception("tile %s/%s/%s could not be read", z, x, y)
            data = None
        self._sig_tile_read.emit(key, data)

    def _reply_tile(self, key: int, data: bytes | None) -> None:
        job = self._jobs.pop(key, None)
        if job is not None:
            self._reply(job, _sniff(data) if data else b"", data)

    def _reply(self, job: QWebEngineUrlRequestJob, mime: bytes, data: bytes | None) -> None:
        if data is None:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        buf = QBuffer(job)
        buf.setData(QByteArray(data))
        buf.open(QIODevice.OpenModeFlag.ReadOnly)
        job.setAdditionalResponseHeaders({QByteArray(b"Content-Security-Policy"): [QByteArray(_CSP)]})  # a multimap: values in a list
        job.reply(mime, buf)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


_profile: QWebEngineProfile | None = None
_handler: MapSchemeHandler | None = None
_pages: weakref.WeakSet = weakref.WeakSet()


def map_profile() -> tuple[QWebEngineProfile, MapSchemeHandler]:
    """The shared off-the-record profile of every map page, with the scheme handler installed."""
    global _profile, _handler
    if _profile is None:
        _profile = QWebEngineProfile()
        _handler = MapSchemeHandler()
        _profile.installUrlSchemeHandler(SCHEME.encode(), _handler)
        atexit.register(_release)
    return _profile, _handler


def track_page(page) -> None:
    """Remember a page of the profile: pages must go before the profile does."""
    _pages.add(page)


def _release() -> None:
    # a profile deleted while one of its pages lives crashes the web engine at exit
    global _profile, _handler
    for page in list(_pages):
        if shiboken6.isValid(page):
            shiboken6.delete(page)
    if _handler is not None:
        _handler.shutdown()
    if _profile is not None and shiboken6.isValid(_profile):
        shiboken6.delete(_profile)
    _profile = _handler = None
