"""A small JSON state file in the user's state dir: what the wall client shows, to come back to it. Qt-free.

Written atomically (temp file, then replace), so a kill mid-write leaves the old state.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

STATE_FILE = "wall-state.json"


def load_state(folder: Path) -> dict[str, Any]:
    path = Path(folder) / STATE_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("state file %s unreadable, ignored: %s", path, exc)
        return {}
    return data if isinstance(data, dict) else {}


def save_state(folder: Path, **values: Any) -> None:
    folder = Path(folder)
    data = load_state(folder) | values
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".state-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, indent=2)
        os.replace(tmp, folder / STATE_FILE)
    except OSError as exc:
        log.warning("could not save state in %s: %s", folder, exc)
