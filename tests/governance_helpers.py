"""The console's own metadata as this checkout's pyproject declares it (a plugin added on a branch
is in pyproject before the shared environment is reinstalled): a ``city_console`` dist-info first on
the path, so discovery sees the built-ins as an install of this tree would."""

from __future__ import annotations

import tomllib
from pathlib import Path

from console.plugins.registry import GROUP

ROOT = Path(__file__).resolve().parents[1]


def write_own_metadata(folder: Path) -> Path:
    """A dist-info of ``city-console`` with pyproject's entry points in ``folder``; returns the folder."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    info = folder / f"city_console-{project['version']}.dist-info"
    info.mkdir(parents=True, exist_ok=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: city-console\nVersion: {project['version']}\n", encoding="utf-8")
    lines = "".join(f"{n} = {v}\n" for n, v in project["entry-points"][GROUP].items())
    (info / "entry_points.txt").write_text(f"[{GROUP}]\n{lines}", encoding="utf-8")
    return folder


def discoverable(folder: Path, monkeypatch) -> None:
    """Discovery in this process sees pyproject's built-ins, the governance plugin among them."""
    monkeypatch.syspath_prepend(str(write_own_metadata(folder)))
