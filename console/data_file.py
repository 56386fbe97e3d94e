"""Reading a JSON or TOML file that people write by hand (layouts, wall configs, tours):
an error names the file and, where the parser knows it, the line."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any


def read_data_file(path: Path | str, error: type[Exception], default: str = "json") -> Any:
    """The parsed content of ``path`` (.json or .toml; other suffixes are read as ``default``).

    Raises ``error(message)`` for a file that cannot be read or parsed.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise error(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise error(f"{path}: not UTF-8 text: {exc}") from None
    suffix = path.suffix.lower().lstrip(".")
    kind = suffix if suffix in ("json", "toml") else default
    try:
        return tomllib.loads(text) if kind == "toml" else json.loads(text)
    except json.JSONDecodeError as exc:
        raise error(f"{path}: line {exc.lineno}, column {exc.colno}: invalid JSON: {exc.msg}") from None
    except tomllib.TOMLDecodeError as exc:
        raise error(f"{path}: invalid TOML: {exc}") from None
