"""The demo at --speed 60 on a busy PC: while the simulators back-fill, the wall says
catching up, never offline; the demo's own cameras raise no "camera silent" alarm."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("layout", ["energy-overview", "flood-cameras"])
def test_the_demo_starting_up_is_catching_up_never_offline(tmp_path, layout):
    state = tmp_path / "state" / "wall.json"
    cache = tmp_path / "cache"
    out = subprocess.run(
        [sys.executable, "-m", "console", "--demo", "--speed", "60", "--layout", layout, "--cache", str(cache),
         "--screenshot", str(tmp_path / "wall.png"), "--dump-state", str(state), "--dump-every", "8", "--after", "40"],
        cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen"),
        capture_output=True, text=True, timeout=400,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    dumps = sorted(state.parent.glob("wall-*s.json"), key=lambda p: int(p.stem.split("-")[1][:-1])) + [state]
    assert len(dumps) >= 4, [p.name for p in dumps]
    seen = set()
    for path in dumps:
        d = json.loads(path.read_text(encoding="utf-8"))
        live = {s["name"] for s in d["sources"] if s["state"] in ("live", "catching_up")}
        assert live, (path.name, d["sources"])
        for s in d["sources"]:
            if s["state"] == "catching_up":
                assert s["backlog"] is not None and 0.0 <= (s["backlog"]["progress"] or 0.0) <= 1.0, s
        for tile in d["screens"][0]["tiles"]:
            seen.add(tile["freshness"])
            assert tile["freshness"] != "offline", (path.name, tile["kind"], tile["title"], tile["texts"][:3])
            if tile["freshness"] == "catching_up":
                assert any("追赶中" in t and "落后" in t for t in tile["texts"]), tile["texts"][:3]
    assert "fresh" in seen, "the demo never caught up in 40 s"
    db = cache / "shouguang.sqlite3"  # --cache given: the demo writes there
    assert db.exists()
    with sqlite3.connect(db) as conn:
        (silent,) = conn.execute("SELECT count(*) FROM alarms WHERE rule = 'flood.camera_silent'").fetchone()
    assert silent == 0, "the demo's own cameras were called silent"
