"""TLS for every source: verification on, against the OS trust store (truststore).

A city's platforms often use certificates from the city's own CA, installed in the
operating system's store by its IT department; certifi's bundle would refuse them.
truststore verifies with the OS store (Windows, macOS, Linux's /etc/ssl), and
``ca_file`` adds a PEM bundle on top. ``verify = false`` is for a lab only and is
logged as a warning at every start.
"""

from __future__ import annotations

import logging
import ssl
from typing import Any

import requests
import truststore
from requests.adapters import HTTPAdapter

log = logging.getLogger(__name__)


def connect_failure(exc: BaseException | None) -> str:
    """What went wrong connecting to the broker, in words for the status bar and the log."""
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"TLS handshake failed: certificate not trusted ({exc.verify_message or exc.reason})"
    if isinstance(exc, ssl.SSLError):
        return f"TLS handshake failed: {exc.reason or exc}"
    if exc is None:
        return "cannot connect"
    return f"cannot connect: {type(exc).__name__}: {exc}"


def ssl_context(options: dict[str, Any]) -> ssl.SSLContext:
    """A verifying client context from the OS trust store plus ``ca_file``, if given."""
    ctx = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    if options.get("ca_file"):
        ctx.load_verify_locations(cafile=options["ca_file"])
    return ctx


class ContextAdapter(HTTPAdapter):
    """An adapter whose connections use one SSL context (the OS trust store's)."""

    def __init__(self, ctx: ssl.SSLContext, **kw: Any) -> None:
        self._ctx = ctx
        super().__init__(**kw)

    def init_poolmanager(self, *args: Any, **kw: Any) -> None:
        kw["ssl_context"] = self._ctx
        super().init_poolmanager(*args, **kw)


class UnverifiedSession(requests.Session):
    """``verify = false`` that stays false: requests lets REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE
    in the environment turn a session's ``verify = False`` back into a CA path (the
    per-request setting it builds from the environment wins over the session's)."""

    verify = False

    def merge_environment_settings(self, url, proxies, stream, verify, cert):  # noqa: ANN001 (requests' signature)
        settings = super().merge_environment_settings(url, proxies, stream, verify, cert)
        settings["verify"] = False
        return settings


def http_session(name: str, options: dict[str, Any]) -> requests.Session:
    """A requests session for one source, verifying TLS through the OS store."""
    if options.get("verify", True):
        s = requests.Session()
        s.mount("https://", ContextAdapter(ssl_context(options)))
        return s
    log.warning("source %s: TLS verification is OFF (verify = false); use only in a lab", name)
    s = UnverifiedSession()
    s.verify = False
    return s
