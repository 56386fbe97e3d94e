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


def http_session(name: str, options: dict[str, Any]) -> requests.Session:
    """A requests session for one source, verifying TLS through the OS store."""
    s = requests.Session()
    if options.get("verify", True):
        s.mount("https://", ContextAdapter(ssl_context(options)))
    else:
        log.warning("source %s: TLS verification is OFF (verify = false); use only in a lab", name)
        s.verify = False
    return s
