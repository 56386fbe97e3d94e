"""Where a source's credentials may go: which settings hold one, over which transport, to which origin.

A credential (an Authorization header, a password, a token in the query) is sent over
plain http only when the source says ``allow_insecure_credentials = true`` (or to
this machine itself: a local TLS-terminating proxy). Links a server hands back (a
SensorThings ``@iot.nextLink``) are followed only to the configured origin: scheme,
host and port, so a server cannot send the token anywhere else.
"""

from __future__ import annotations

import ipaddress
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from console.sources import secret_refs

# a key whose value is a credential, in headers, params, URL queries or anywhere in a source
_SECRET_WORDS = ("authorization", "cookie", "token", "secret", "password", "passwd", "apikey", "api_key", "api-key",
                 "x-api-key", "appkey", "app_key", "access_key", "accesskey", "signature", "credential", "key", "sign", "ak", "sk")
_EXACT_ONLY = {"key", "sign", "ak", "sk"}  # too short to match inside other names ("monkey", "design")


def is_secret_name(name: str) -> bool:
    n = str(name).lower()
    return n in _SECRET_WORDS or any(w in n for w in _SECRET_WORDS if w not in _EXACT_ONLY)


def origin(url: str) -> tuple[str, str, int | None]:
    """(scheme, host, port) with the scheme's default port filled in."""
    p = urlsplit(url)
    scheme = p.scheme.lower()
    port = p.port or {"http": 80, "https": 443}.get(scheme)
    return scheme, (p.hostname or "").lower(), port


def same_origin(url: str, base: str) -> bool:
    return origin(url) == origin(base)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def credential_keys(src: dict[str, Any]) -> list[str]:
    """The settings keys of a source that send a credential (``headers.Authorization``, ``password`` ...)."""
    keys = [f"headers.{h}" for h, v in src.get("headers", {}).items() if is_secret_name(h) and v]
    keys += [f"params.{k}" for k in src.get("params", {}) if is_secret_name(k)]
    if src.get("password"):
        keys.append("password")
    url = src.get("url")
    if isinstance(url, str):
        p = urlsplit(url)
        if p.password or p.username:
            keys.append("url (user-info)")
        keys += [f"url (query {k})" for k, _v in parse_qsl(p.query) if is_secret_name(k)]
    return keys


def insecure_transport(src: dict[str, Any]) -> str | None:
    """Why the source's credentials would travel in clear text, or None."""
    if src.get("type") == "mqtt":
        plain, host = not src.get("tls", False), str(src.get("host", ""))
        where = f"mqtt://{host} without tls"
    else:
        url = str(src.get("url", ""))
        plain, host = urlsplit(url).scheme.lower() == "http", (urlsplit(url).hostname or "")
        where = f"plain http ({url.split('?')[0]})"
    if not plain or is_loopback(host.lower()):
        return None
    return where


def literal_secrets(value: Any, where: str) -> list[str]:
    """Keys anywhere in a source that hold a secret written out instead of a reference (for ``config check``)."""
    found: list[str] = []
    if isinstance(value, dict):
        for k, v in value.items():
            key = f"{where}.{k}"
            if isinstance(v, str) and is_secret_name(k) and v and not secret_refs.has_reference(v):
                found.append(key)
            else:
                found += literal_secrets(v, key)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found += literal_secrets(v, f"{where}[{i}]")
    elif isinstance(value, str) and "://" in value:
        p = urlsplit(value)
        if p.password and not secret_refs.has_reference(p.password):
            found.append(f"{where} (user-info password)")
        found += [f"{where} (query {k})" for k, v in parse_qsl(p.query)
                  if is_secret_name(k) and v and not secret_refs.has_reference(v)]
    return found
