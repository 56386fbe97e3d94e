"""`city-console doctor` and `--version`, run as an operator would, in an isolated profile."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import time
import tomllib

import numpy
import PySide6

from console import __version__
from console.model import Reading
from console.store.store import Store
from tests.deploy_helpers import ROOT, console_cmd, isolated_env


def run(home, *args, timeout=90):
    return subprocess.run(console_cmd(*args), cwd=ROOT, capture_output=True, text=True, timeout=timeout, env=isolated_env(home))


def test_version_matches_the_package(tmp_path):
    out = run(tmp_path, "--version")
    assert out.returncode == 0
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert out.stdout.strip() == f"city-console {project['version']}" == f"city-console {__version__}"


def _make_cache(folder, age_s: float):
    store = Store(folder / "shouguang.sqlite3", retention_days=None)
    now = time.time()
    store.enqueue([Reading("flood/gauge/MH-01/level", now - age_s - i, 2.0 + i / 100, 0) for i in range(50)])
    assert store.flush()
    store.close()


def test_doctor_json(tmp_path):
    cache = tmp_path / "cache-dir"
    _make_cache(cache, age_s=120)
    settings = tmp_path / "config" / "city-console" / "settings.toml"
    settings.parent.mkdir(parents=True)
    settings.write_text(
        'version = 1\n[[sources]]\nname = "river"\ntype = "http"\nenabled = false\nurl = "http://127.0.0.1:9/x"\n'
        '[sources.mapping]\nitems = "items[]"\nid = "id"\nvalue = "v"\nstream = "x/{id}/v"\n',
        encoding="utf-8",
    )
    out = run(tmp_path, "doctor", "--json", "--cache", str(cache))
    assert out.returncode == 0, out.stderr
    rep = json.loads(out.stdout)
    assert set(rep) >= {"city_console", "versions", "paths", "screens", "plugins", "sources", "cache"}
    v = rep["versions"]
    assert v["python"].count(".") == 2 and v["pyside6"] == PySide6.__version__ and v["qt"].startswith("6.")
    assert v["numpy"] == numpy.__version__ and v["pyqtgraph"] and v["sqlite"] == sqlite3.sqlite_version
    p = rep["paths"]
    assert p["config"] == str(tmp_path / "config" / "city-console")
    assert p["logs"].startswith(str(tmp_path / "state")) and p["data"] == str(cache)
    # offscreen has one virtual screen
    assert isinstance(rep["screens"], list) and rep["screens"][0]["geometry"][2] > 0 and rep["screens"][0]["platform"] == "offscreen"
    assert "flood" in [x["name"] for x in rep["plugins"]["loaded"]] and rep["plugins"]["failed"] == []
    src = rep["sources"]
    assert src["exists"] and src["sources"][0]["name"] == "river" and src["sources"][0]["enabled"] is False
    (db,) = rep["cache"]["files"]
    assert db["integrity"] == "ok" and db["ok"] and db["readings"] == 50
    assert 110 < db["last_reading_age_s"] < 300
    assert db["size_bytes"] > 0 and db["wal_bytes"] >= 0


def test_doctor_reports_a_damaged_cache_and_still_prints_the_rest(tmp_path):
    cache = tmp_path / "c"
    _make_cache(cache, age_s=5)
    db = cache / "shouguang.sqlite3"
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    raw = bytearray(db.read_bytes())
    page = 4096
    for off in range(2 * page, len(raw) - page, page):  # scribble over every page after the schema
        raw[off + 8 : off + 400] = b"\xa5" * 392
    db.write_bytes(bytes(raw))
    out = run(tmp_path, "doctor", "--json", "--no-screens", "--cache", str(cache))
    assert out.returncode == 0, out.stderr
    rep = json.loads(out.stdout)
    (info,) = rep["cache"]["files"]
    assert info["ok"] is False and info["integrity"] != "ok"
    assert rep["screens"] == {"skipped": "--no-screens"} and rep["versions"]["python"]


def test_doctor_text(tmp_path):
    out = run(tmp_path, "doctor", "--no-screens", "--cache", str(tmp_path / "none"))
    assert out.returncode == 0, out.stderr
    for section in ("[versions]", "[paths]", "[plugins]", "[sources]", "[cache]"):
        assert section in out.stdout
    assert f"city-console {__version__}" in out.stdout and "no cache folder yet" in out.stdout
