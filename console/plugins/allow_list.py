"""Which third-party plugins may run: ``[plugins] allow`` in settings.toml. Qt-free.

The built-ins always run; a plugin from any other distribution runs only when its
entry-point name is in the list. The list is read before any plugin is imported (a
plugin's source kinds are needed to read the rest of the file), so only this one key is
read here; the full validation of the file names any other problem.

One list per process: the runtime sets it from the settings file it was given, and
every later ``PluginRegistry.discover()`` in the process (the map tile's, the tile
contract kit's) obeys the same list, so no side door imports a refused plugin.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from console.settings.paths import settings_file

_process_allow: tuple[str, ...] | None = None


class AllowListError(ValueError):
    """``[plugins] allow`` is not a list of names."""


def allow_list_in(path: Path | str | None) -> tuple[str, ...]:
    """The names in ``[plugins] allow`` of a settings file; none for a missing file."""
    p = Path(path) if path is not None else settings_file()
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return ()
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise AllowListError(f"{p}: cannot read [plugins] allow: {exc}") from None
    section = data.get("plugins", {})
    allow = section.get("allow", []) if isinstance(section, dict) else None
    if not isinstance(allow, list) or not all(isinstance(n, str) and n for n in allow):
        raise AllowListError(f"{p}: plugins.allow: must be a list of plugin names, like [\"weather\"]")
    return tuple(allow)


def set_process_allow_list(names: tuple[str, ...] | None) -> None:
    """The list every discovery in this process obeys (None: read the default settings file)."""
    global _process_allow
    _process_allow = None if names is None else tuple(names)


def current_allow_list() -> tuple[str, ...]:
    """The process's list, else the default settings file's (unreadable: no third party at all)."""
    if _process_allow is not None:
        return _process_allow
    try:
        return allow_list_in(None)
    except AllowListError:
        return ()
