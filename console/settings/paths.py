"""The app's name and its folders, defined once (platformdirs: the user's dirs on Linux and Windows)."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "city-console"


def config_dir() -> Path:
    """settings.toml, wall.toml and saved layouts."""
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    """The SQLite caches."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def state_dir() -> Path:
    """What the wall client remembers between runs."""
    return Path(platformdirs.user_state_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def settings_file() -> Path:
    return config_dir() / "settings.toml"
