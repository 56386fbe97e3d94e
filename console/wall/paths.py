"""Where the user's wall configuration and saved layouts live (the user's config dir)."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "city-console"


def user_config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def default_wall_config_path() -> Path:
    return user_config_dir() / "wall.toml"


def user_layouts_dir() -> Path:
    return user_config_dir() / "layouts"
