"""The settings file's console-wide keys (tz, lang, cache, wall, centre), read before the runtime starts.

The command line wins where it says something; the settings file fills in where it is silent.
The sources are validated later by the runtime (which knows the plugins' source kinds), so a bad
source never hides the console-wide keys; a bad console-wide key is a message naming it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from console.settings.paths import settings_file

#: settings.toml's `lang` values and the interface language each means
LANG_NAMES = {"zh": "zh", "zh_CN": "zh", "en": "en", "zh+en": "zh+en"}  # console.languages.LANGUAGES


@dataclass(frozen=True)
class ConsoleKeys:
    """What the settings file says for the whole console; None or empty: it says nothing."""

    tz: str | None = None
    lang: str | None = None
    cache: dict[str, Any] = field(default_factory=dict)  # retention_days, max_mb, backlog_rows, max_skew_s
    wall_config: Path | None = None
    centre_name: str | None = None
    centre_broker: str | None = None  # mqtts://host:8883; None: standalone
    centre_username: str | None = None  # a secret reference or a name (one account per console)
    centre_password: str | None = None  # a secret reference (env:/keyring:)
    centre_console: str | None = None  # this console's name in the centre (default: host-role-cache digest)
    centre_readings: str = "engine"  # engine: readings and entities from the centre's engine; own: this console's sources
    problem: str | None = None  # why the file's keys could not be used


def read_console_keys(path: Path | None) -> ConsoleKeys:
    """Read the console-wide keys of ``path`` (default: the user's settings.toml); a missing default file says nothing."""
    from console.data_file import first_fault
    from console.settings.sources import TOP_SCHEMA, SettingsError, _validate

    explicit = path is not None
    path = Path(path) if explicit else settings_file()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return ConsoleKeys(problem=f"{path}: no such file" if explicit else None)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return ConsoleKeys(problem=f"{path}: {exc}")
    fault = first_fault(data)
    if fault is not None:
        return ConsoleKeys(problem=f"{path}: {fault}")
    top = {k: v for k, v in data.items() if k != "sources"}  # the runtime checks the sources with every kind known
    try:
        _validate(top, TOP_SCHEMA, str(path), [])
    except SettingsError as exc:
        return ConsoleKeys(problem=str(exc))
    wall = data.get("wall", {}).get("config")
    from console.sources import secret_refs

    secret = (data.get("centre") or {}).get("password")
    if secret and not secret_refs.has_reference(secret):
        return ConsoleKeys(problem=f"{path}: centre.password: write a reference (${{env:NAME}} or keyring:service/user), never the password")
    return ConsoleKeys(
        tz=data.get("tz"),
        lang=LANG_NAMES[data["lang"]] if "lang" in data else None,
        cache=dict(data.get("cache", {})),
        wall_config=None if wall is None else (path.parent / Path(wall).expanduser()),
        centre_name=(data.get("centre") or {}).get("name"),
        centre_broker=(data.get("centre") or {}).get("broker"),
        centre_username=(data.get("centre") or {}).get("username"),
        centre_password=(data.get("centre") or {}).get("password"),
        centre_readings=(data.get("centre") or {}).get("readings", "engine"),
        centre_console=(data.get("centre") or {}).get("console"),
    )


def centre_keys(path: Path | None, need_centre: bool, why: str = "") -> ConsoleKeys | int:
    """The console keys for a centre command (``alarms``, ``engine``, ``wall``): the keys, or exit
    code 2 once the problem is printed (a bad settings file; no ``[centre]`` broker when
    ``need_centre``, ``why`` saying what needs one); a bad broker address is a problem too."""
    import sys

    from console.centre.broker import Broker

    keys = read_console_keys(path)
    problem = keys.problem
    if problem is None and need_centre and not keys.centre_broker:
        problem = f"the settings have no [centre] broker: {why}" if why else "the settings have no [centre] broker"
    if problem is None and keys.centre_broker:
        try:
            Broker.parse(keys.centre_broker)
        except ValueError as exc:
            problem = str(exc)
    if problem is not None:
        print(f"city-console: {problem}", file=sys.stderr)
        return 2
    return keys
