"""Where the user's wall configuration and saved layouts live (the user's config dir)."""

from __future__ import annotations

from pathlib import Path

from console.settings.paths import APP_NAME, config_dir

__all__ = ["APP_NAME", "default_wall_config_path", "user_config_dir", "user_layouts_dir"]


def user_config_dir() -> Path:
    return config_dir()


def default_wall_config_path() -> Path:
    return user_config_dir() / "wall.toml"


def user_layouts_dir() -> Path:
    return user_config_dir() / "layouts"
