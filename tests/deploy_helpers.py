"""Helpers for the deployment tests: an isolated user profile (XDG dirs) for subprocesses."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def isolated_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment of a console subprocess whose config/data/state/log dirs are all under ``home``."""
    env = dict(os.environ)
    for var in ("NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "CITY_CONSOLE_TEST_FREEZE_AFTER"):
        env.pop(var, None)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_CACHE_HOME=str(home / "cache"),
        PYTHONPATH=os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep),
    )
    env.update(extra)
    return env


def console_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "console", *args]
