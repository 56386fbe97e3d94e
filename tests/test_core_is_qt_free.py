"""The core imports no Qt (STYLE.md rule 1): every console module outside console.gui,
every layer builder and every plugin module outside its views/ imports with PySide6
made unimportable."""

import pkgutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BLOCKER = r"""
import importlib.abc, sys
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph'):
            raise ImportError('Qt is blocked in the core: ' + name)
sys.meta_path.insert(0, Block())
import importlib
for mod in sys.argv[1:]:
    importlib.import_module(mod)
print('imported', len(sys.argv) - 1)
"""

QT_SIDE = ("console.gui", "plugins.taskboard.pdf_export")


def core_modules() -> list[str]:
    mods = []
    for pkg in ("console", "layers", "plugins"):
        base = ROOT / pkg
        for info in pkgutil.walk_packages([str(base)], prefix=f"{pkg}."):
            if info.name.startswith(QT_SIDE) or info.name.endswith("__main__") or ".views" in info.name:
                continue
            mods.append(info.name)
    return mods


def test_core_imports_without_qt():
    mods = core_modules()
    assert "console.hub.hub" in mods and "console.store.store" in mods and "plugins.flood.simulator" in mods
    out = subprocess.run([sys.executable, "-c", BLOCKER, *mods], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr[-3000:]
    assert f"imported {len(mods)}" in out.stdout


def test_blocker_really_blocks():
    out = subprocess.run([sys.executable, "-c", BLOCKER, "widgets.theme", "widgets.tile"], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode != 0 and "Qt is blocked" in out.stderr
