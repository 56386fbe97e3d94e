"""Installs throw-away plugins the way a third party would: a dist-info with an entry point."""

from __future__ import annotations

from pathlib import Path


def install_fake_plugin(folder: Path, dist: str, entry: str, module: str, source: str) -> None:
    info = folder / f"{dist}-0.1.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[city_console.plugins]\n{entry} = {module}:PLUGIN\n", encoding="utf-8")
    (folder / f"{module}.py").write_text(source, encoding="utf-8")


def install_broken_plugins(folder: Path) -> None:
    install_fake_plugin(folder, "broken_import", "broken", "broken_import_mod", "raise RuntimeError('boom: missing driver')\n")
    install_fake_plugin(folder, "wrong_type", "wrongtype", "wrong_type_mod", "PLUGIN = {'name': 'wrongtype'}\n")
