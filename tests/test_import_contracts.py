"""The house's walls (pyproject's [tool.importlinter] contracts) hold: lint-imports passes on
the tree. And it can fail: a contract the tree breaks on purpose is reported broken."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _lint_imports() -> str:
    exe = Path(sys.executable).with_name("lint-imports")
    found = str(exe) if exe.exists() else shutil.which("lint-imports")
    if found is None:
        pytest.fail("lint-imports is not installed (the test extra brings import-linter)")
    return found


def test_the_contracts_hold():
    out = subprocess.run([_lint_imports(), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stdout[-4000:] + out.stderr[-2000:]
    assert " 0 broken" in out.stdout.split("Contracts:")[-1].splitlines()[0]


def test_a_broken_wall_is_reported(tmp_path):
    config = tmp_path / "broken.toml"
    config.write_text(
        '[tool.importlinter]\nroot_packages = ["console", "plugins"]\n\n'
        "[[tool.importlinter.contracts]]\n"
        'name = "the flood plugin may not use the hub (it does)"\ntype = "forbidden"\n'
        'source_modules = ["plugins.flood"]\nforbidden_modules = ["console.hub"]\n'
    )
    out = subprocess.run([_lint_imports(), "--config", str(config), "--no-cache"], cwd=ROOT, capture_output=True,
                         text=True, timeout=300)
    assert out.returncode != 0 and "BROKEN" in out.stdout


def test_the_real_contracts_catch_a_bad_import_in_a_copy_of_the_tree(tmp_path):
    # the flood plugin reaching into the energy plugin, and a new non-views module of
    # it into Qt: the house's own contracts must name both imports
    for pkg in ("console", "widgets", "layers", "plugins"):
        shutil.copytree(ROOT / pkg, tmp_path / pkg, ignore=shutil.ignore_patterns("__pycache__", "web", "*.json"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    gauges = tmp_path / "plugins" / "flood" / "gauges.py"
    gauges.write_text(gauges.read_text(encoding="utf-8") + "\nimport plugins.energy.grid  # noqa\n", encoding="utf-8")
    (tmp_path / "plugins" / "flood" / "new_helper.py").write_text("import PySide6.QtCore  # noqa\n", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(tmp_path))  # the copy's packages, not the installed ones
    out = subprocess.run([_lint_imports(), "--no-cache"], cwd=tmp_path, env=env, capture_output=True, text=True,
                         timeout=300)
    assert out.returncode != 0
    assert "No plugin imports another BROKEN" in out.stdout
    assert "plugins.flood.gauges -> plugins.energy.grid" in out.stdout
    assert "In a plugin only views/ imports Qt BROKEN" in out.stdout
    assert "plugins.flood.new_helper -> PySide6" in out.stdout
