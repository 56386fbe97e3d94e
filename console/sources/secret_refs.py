"""Secret references in the settings file, resolved at run time, never stored or logged.

A setting holds a reference, not the secret: ``${env:NAME}`` (an environment
variable) or ``${keyring:service/user}`` (the OS keyring: Secret Service, Windows
Credential Manager, macOS Keychain), either alone or inside a longer string
(``"Bearer ${env:CITY_TOKEN}"``). ``keyring:service/user`` alone is also accepted.
Every resolved secret is remembered so error messages can be scrubbed of it.
"""

from __future__ import annotations

import re
import threading

_REF = re.compile(r"\$\{(env|keyring):([^}]+)\}")
_BARE_KEYRING = re.compile(r"^keyring:([^/\s]+)/(.+)$")

_known: set[str] = set()
_known_lock = threading.Lock()


class SecretError(LookupError):
    """A reference that cannot be resolved; the message names the reference, never a value."""


def has_reference(text: str) -> bool:
    return bool(_REF.search(text) or _BARE_KEYRING.match(text))


def references(text: str) -> list[str]:
    """The references in a string, as written (for ``config check``)."""
    m = _BARE_KEYRING.match(text)
    if m:
        return [text]
    return [f"${{{kind}:{name}}}" for kind, name in _REF.findall(text)]


def _lookup(kind: str, name: str) -> str:
    if kind == "env":
        import os

        value = os.environ.get(name)
        if value is None:
            raise SecretError(f"environment variable {name!r} is not set")
        return value
    service, sep, user = name.partition("/")
    if not sep or not service or not user:
        raise SecretError(f"keyring reference {name!r} must be 'service/user'")
    import keyring
    from keyring.errors import KeyringError

    try:
        value = keyring.get_password(service, user)
    except KeyringError as exc:  # no backend, locked collection ...
        raise SecretError(f"keyring {service}/{user}: {type(exc).__name__}") from None
    if value is None:
        raise SecretError(f"keyring has no password for service {service!r}, user {user!r}")
    return value


def resolve(text: str) -> str:
    """Replace every reference in ``text`` by its secret. Raises SecretError."""
    m = _BARE_KEYRING.match(text)
    if m:
        return _remember(_lookup("keyring", f"{m.group(1)}/{m.group(2)}"))
    return _REF.sub(lambda mm: _remember(_lookup(mm.group(1), mm.group(2))), text)


def _remember(value: str) -> str:
    if len(value) >= 4:  # scrubbing "a" out of every message would mangle them
        with _known_lock:
            _known.add(value)
    return value


def redact(message: str) -> str:
    """``message`` with every secret resolved so far replaced by ``***``."""
    with _known_lock:
        known = sorted(_known, key=len, reverse=True)
    for value in known:
        message = message.replace(value, "***")
    return message
