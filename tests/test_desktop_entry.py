"""install-user.sh: the menu entry and the wall unit start the same launcher, for the bundle
and for a pip install (a TryExec naming a program not on PATH hid the bundle's menu entry)."""

import os
import shutil
import stat
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINUX = ROOT / "packaging" / "linux"


def _fields(path: Path, *keys: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {k: [] for k in keys}
    for line in path.read_text(encoding="utf-8").splitlines():
        k, _, v = line.partition("=")
        if k in out:
            out[k].append(v)
    return out


def _run(script: Path, home: Path, path_dirs: list[Path]) -> subprocess.CompletedProcess:
    env = {
        "HOME": str(home), "XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config"),
        "PATH": os.pathsep.join([*map(str, path_dirs), "/usr/bin", "/bin"]),
    }
    return subprocess.run(["bash", str(script)], env=env, capture_output=True, text=True, timeout=60)


def _check_agree(home: Path, launcher: Path) -> None:
    desktop = _fields(home / "data" / "applications" / "city-console.desktop", "Exec", "TryExec")
    unit = _fields(home / "config" / "systemd" / "user" / "city-console-wall.service", "ExecStart")
    assert desktop["TryExec"] == [str(launcher)]
    assert all(e.startswith(str(launcher) + " ") or e == str(launcher) for e in desktop["Exec"]), desktop
    assert len(desktop["Exec"]) == 3  # the entry and its wall and demo actions
    assert unit["ExecStart"] == [f"{launcher} --wall"]


def _fake_launcher(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\nexit 0\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def test_a_bundle_install_points_both_at_the_bundle(tmp_path):
    bundle = tmp_path / "opt" / "city-console"
    linux = bundle / "_internal" / "packaging" / "linux"
    shutil.copytree(LINUX, linux)
    shutil.copytree(ROOT / "resources" / "icons", bundle / "_internal" / "packaging" / "icons")
    launcher = _fake_launcher(bundle / "city-console")
    out = _run(linux / "install-user.sh", tmp_path / "home", [])
    assert out.returncode == 0, out.stderr
    _check_agree(tmp_path / "home", launcher)


def test_a_pip_install_points_both_at_the_launcher_on_path(tmp_path):
    launcher = _fake_launcher(tmp_path / "venv" / "bin" / "city-console")
    out = _run(LINUX / "install-user.sh", tmp_path / "home", [launcher.parent])
    assert out.returncode == 0, out.stderr
    _check_agree(tmp_path / "home", launcher)
