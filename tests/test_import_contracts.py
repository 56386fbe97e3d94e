"""The house's walls (pyproject's [tool.importlinter] contracts) hold: lint-imports passes on
the tree. And it can fail: a contract the tree breaks on purpose is reported broken."""

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
