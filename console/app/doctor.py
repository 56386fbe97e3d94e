"""``city-console doctor``: what a support call needs, in one print-out (or JSON). Qt-free at import.

Versions, paths, screens (when a display is there), plugins, sources and the cache's
health. Every section is collected on its own: one that fails says why and the others
still print.
"""

from __future__ import annotations

import os
import platform
import sqlite3
import sys
import time
import tomllib
from importlib import metadata
from pathlib import Path
from typing import Any, Callable

import platformdirs

from console import __version__
from console.app.logsetup import default_log_dir
from console.app.runtime import APP_NAME, default_cache_dir, default_state_dir
from console.store.store import READINGS_SPAN_SQL


def collect(cache_dir: Path | None = None, *, screens: bool = True) -> dict[str, Any]:
    cache_dir = Path(cache_dir) if cache_dir else default_cache_dir()
    return {
        "city_console": __version__,
        "frozen": bool(getattr(sys, "frozen", False)),
        "versions": _section(versions),
        "paths": _section(lambda: paths(cache_dir)),
        "screens": _section(list_screens) if screens else {"skipped": "--no-screens"},
        "plugins": _section(plugins),
        "sources": _section(sources),
        "cache": _section(lambda: cache_health(cache_dir)),
    }


def _section(fn: Callable[[], Any]) -> Any:
    try:
        return fn()
    except Exception as exc:  # a support tool reports, it does not crash
        return {"error": f"{type(exc).__name__}: {exc}"}


def _dist_version(name: str, module: str | None = None) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:  # frozen builds may not ship the metadata
        pass
    try:
        return getattr(__import__(module or name), "__version__", None)
    except Exception:
        return None


def versions() -> dict[str, Any]:
    out: dict[str, Any] = {
        "python": sys.version.split()[0],
        "python_implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "sqlite": sqlite3.sqlite_version,
        "numpy": _dist_version("numpy"),
        "pyqtgraph": _dist_version("pyqtgraph"),
        "platformdirs": _dist_version("platformdirs"),
    }
    try:
        import PySide6
        from PySide6 import QtCore

        out["pyside6"] = PySide6.__version__
        out["qt"] = QtCore.qVersion()
    except Exception as exc:
        out["pyside6"] = None
        out["qt_error"] = f"{type(exc).__name__}: {exc}"
    return out


def paths(cache_dir: Path) -> dict[str, Any]:
    from console.app.logsetup import CRASH_FILE, LOG_FILE

    config = Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))
    logs = default_log_dir()
    return {
        "config": str(config),
        "settings": str(config / "settings.toml"),
        "data": str(cache_dir),
        "cache": str(Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))),
        "state": str(default_state_dir()),
        "logs": str(logs),
        "log_file": str(logs / LOG_FILE),
        "crash_file": str(logs / CRASH_FILE),
        "executable": sys.executable,
    }


def _has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True  # Windows and macOS always have a desktop


def list_screens() -> list[dict[str, Any]] | dict[str, str]:
    if not _has_display():
        return {"skipped": "no display (set DISPLAY, or QT_QPA_PLATFORM=offscreen)"}
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    out = []
    primary = app.primaryScreen()
    for s in app.screens():
        g = s.geometry()
        out.append({
            "name": s.name(),
            "geometry": [g.x(), g.y(), g.width(), g.height()],
            "device_pixel_ratio": s.devicePixelRatio(),
            "refresh_hz": round(s.refreshRate(), 1),
            "primary": s is primary,
            "platform": app.platformName(),
        })
    return out


def plugins() -> dict[str, Any]:
    from console.plugins.registry import PluginRegistry

    reg = PluginRegistry.discover()
    rep = reg.report()
    return {
        "discovery": reg.discovery,
        "loaded": [{"name": p["name"], "version": p.get("version")} for p in rep["plugins"]],
        "failed": rep["failed"],
        "refused": rep["refused"],
    }


def sources() -> dict[str, Any]:
    path = Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "settings.toml"
    out: dict[str, Any] = {"settings_file": str(path), "exists": path.exists(), "sources": []}
    if not path.exists():
        return out
    try:  # the validated reader, when this build has it
        from console.settings.sources import load_settings  # type: ignore[import-not-found]
    except ImportError:
        load_settings = None
    if load_settings is not None:
        try:
            s = load_settings(path)
            out["sources"] = [{"name": x.name, "type": x.type, "enabled": x.enabled} for x in s.sources]
        except Exception as exc:
            out["error"] = str(exc)
        return out
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        out["error"] = f"{type(exc).__name__}: {exc}"
        return out
    for i, src in enumerate(data.get("sources", []) if isinstance(data, dict) else []):
        if isinstance(src, dict):
            out["sources"].append({"name": src.get("name", f"sources[{i}]"), "type": src.get("type"), "enabled": bool(src.get("enabled", True))})
    return out


def cache_health(cache_dir: Path, now: float | None = None) -> dict[str, Any]:
    """Each city's cache file: quick integrity check, sizes, the newest reading's age. Read-only."""
    now = time.time() if now is None else now
    out: dict[str, Any] = {"dir": str(cache_dir), "files": []}
    if not cache_dir.is_dir():
        out["note"] = "no cache folder yet"
        return out
    for db in sorted(cache_dir.glob("*.sqlite3")):
        out["files"].append(_one_cache(db, now))
    return out


def _one_cache(db: Path, now: float) -> dict[str, Any]:
    wal = db.with_name(db.name + "-wal")
    info: dict[str, Any] = {
        "path": str(db),
        "size_bytes": db.stat().st_size,
        "wal_bytes": wal.stat().st_size if wal.exists() else 0,
    }
    try:
        # read-only: a doctor run next to a running console must not take its write lock
        conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error as exc:
        info["integrity"] = f"cannot open: {exc}"
        info["ok"] = False
        return info
    try:
        rows = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
        info["integrity"] = "ok" if rows == ["ok"] else "; ".join(map(str, rows[:5]))
        try:
            _first, last = conn.execute(READINGS_SPAN_SQL).fetchone()
            (n,) = conn.execute("SELECT count(*) FROM readings").fetchone()
        except sqlite3.Error:
            last, n = None, 0
        info["readings"] = n
        info["last_reading_ts"] = last
        info["last_reading_age_s"] = round(now - last, 1) if last is not None else None
        info["ok"] = info["integrity"] == "ok"
    except sqlite3.Error as exc:
        info["integrity"] = f"error: {exc}"
        info["ok"] = False
    finally:
        conn.close()
    return info


def format_text(report: dict[str, Any]) -> str:
    lines = [f"city-console {report['city_console']}" + (" (frozen build)" if report["frozen"] else "")]
    for section in ("versions", "paths", "screens", "plugins", "sources", "cache"):
        lines.append(f"\n[{section}]")
        lines.extend(_flat(report[section], "  "))
    return "\n".join(lines)


def _flat(value: Any, indent: str) -> list[str]:
    if isinstance(value, dict):
        out = []
        for k, v in value.items():
            if isinstance(v, list) and v and not any(isinstance(x, (dict, list)) for x in v):
                out.append(f"{indent}{k}: {', '.join(map(str, v))}")
            elif isinstance(v, (dict, list)) and v:
                out.append(f"{indent}{k}:")
                out.extend(_flat(v, indent + "  "))
            else:
                out.append(f"{indent}{k}: {v}")
        return out
    if isinstance(value, list):
        out = []
        for item in value:
            if isinstance(item, dict):
                sub = _flat(item, indent + "  ")
                out.append(indent + "- " + sub[0].strip() if sub else indent + "-")
                out.extend(sub[1:])
            else:
                out.append(f"{indent}- {item}")
        return out
    return [f"{indent}{value}"]
