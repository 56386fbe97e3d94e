"""settings.toml's console-wide keys (tz, lang, cache, wall, centre) reach the console; the command line wins."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from console.app.runtime import RuntimeOptions, cache_options
from console.settings.console_keys import read_console_keys

ROOT = Path(__file__).resolve().parents[1]

SETTINGS = """
tz = "Europe/Berlin"
lang = "en"
[cache]
retention_days = 90
max_mb = 2048
[wall]
config = "walls/centre.toml"
[centre]
broker = "mqtt://127.0.0.1:1883"
name = "寿光市城市运行管理中心"
[[sources]]
type = "a-kind-only-a-plugin-knows"
name = "x"
"""


def test_the_console_wide_keys_are_read_whatever_the_sources_hold(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text(SETTINGS, encoding="utf-8")
    keys = read_console_keys(path)
    assert keys.problem is None
    assert (keys.tz, keys.lang, keys.centre_name) == ("Europe/Berlin", "en", "寿光市城市运行管理中心")
    assert keys.wall_config == tmp_path / "walls" / "centre.toml"  # relative to the settings file
    opts = RuntimeOptions(**cache_options(keys.cache))
    assert (opts.retention_days, opts.cache_max_mb) == (90, 2048)


def test_a_bad_console_key_is_named_and_a_missing_default_file_says_nothing(tmp_path, monkeypatch):
    path = tmp_path / "settings.toml"
    path.write_text('lang = "fr"\n', encoding="utf-8")
    keys = read_console_keys(path)
    assert keys.problem and "lang" in keys.problem and keys.lang is None
    assert "no such file" in read_console_keys(tmp_path / "absent.toml").problem
    monkeypatch.setattr("console.settings.console_keys.settings_file", lambda: tmp_path / "none.toml")
    assert read_console_keys(None).problem is None


def test_the_demo_follows_the_settings_zone_and_language_unless_the_command_line_says_otherwise(tmp_path):
    settings = tmp_path / "settings.toml"
    settings.write_text('tz = "Europe/Berlin"\nlang = "en"\n', encoding="utf-8")
    env = dict(os.environ, TZ="UTC", PYTHONPATH=str(ROOT))
    seen = {}
    for extra in ([], ["--tz", "Asia/Shanghai"]):
        state = tmp_path / f"s{len(extra)}.json"
        out = subprocess.run(
            [sys.executable, "-m", "console", "--demo", "--settings", str(settings), "--cache", str(tmp_path / "c"),
             "--screenshot", str(tmp_path / "w.png"), "--dump-state", str(state), "--after", "2", *extra],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=240,
        )
        assert out.returncode == 0, out.stderr
        d = json.loads(state.read_text(encoding="utf-8"))
        seen[bool(extra)] = (d["time"]["tz"], d["lang"])
    assert seen[False] == ("Europe/Berlin", "en")
    assert seen[True] == ("Asia/Shanghai", "en")


def test_the_centre_commands_share_one_check_of_the_settings(tmp_path):
    """``alarms``, ``engine`` and ``wall`` say the same things of a settings file: the keys when fit,
    else exit 2 with the problem (a bad file, no [centre] where one is needed, a bad broker address)."""
    no_centre = tmp_path / "plain.toml"
    no_centre.write_text('tz = "Asia/Shanghai"\n', encoding="utf-8")
    bad_url = tmp_path / "bad.toml"
    bad_url.write_text('[centre]\nbroker = "mqtts://:8883"\n', encoding="utf-8")  # the schema's pattern passes it
    env = dict(os.environ, PYTHONPATH=str(ROOT))

    def cli(*args):
        return subprocess.run([sys.executable, "-m", "console", *args], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=60)

    engine = cli("engine", "--settings", str(no_centre))
    assert engine.returncode == 2 and "no [centre] broker: an engine publishes" in engine.stderr, engine.stderr
    wall = cli("wall", "state", "--settings", str(bad_url))
    assert wall.returncode == 2 and "'mqtts://:8883': expected mqtts://host:port" in wall.stderr, wall.stderr
    members = cli("alarms", "members", "--settings", str(tmp_path / "missing.toml"))
    assert members.returncode == 2 and "missing.toml: no such file" in members.stderr, members.stderr
    # a list needs no centre: it reads the local cache instead (none here, and it says so)
    listed = cli("alarms", "list", "--json", "--settings", str(no_centre), "--cache", str(tmp_path / "cache"))
    assert listed.returncode == 2 and "no cache at" in listed.stderr, listed.stderr


def test_the_cache_keys_reach_the_store_and_a_demo_prunes_by_its_clock(tmp_path):
    """[cache] max_mb bounds the cache file the runtime opens (the page limit on the writer's
    connection), retention_days is the store's, and a demo's store counts retention from the
    simulated clock."""
    import time

    from console.app.runtime import Runtime

    path = tmp_path / "settings.toml"
    path.write_text("[cache]\nretention_days = 90\nmax_mb = 64\n", encoding="utf-8")
    keys = read_console_keys(path)
    rt = Runtime(RuntimeOptions(cache_dir=tmp_path / "cache", plugins=frozenset(), demo=True, speed=600.0,
                                **cache_options(keys.cache)))
    try:
        store = rt.store
        assert (store.retention_days, store.max_size_mb) == (90, 64)
        seen = []
        store._apply_max_size(_Recorder(seen))
        assert seen == [f"PRAGMA max_page_count={int(64e6 / 4096)}"]
        assert store.clock == rt.clock.now
        rt.clock.jump(10 * 86400)  # the demo runs ten days ahead of the wall
        assert store.retention_now() > time.time() + 9 * 86400
    finally:
        rt.stop()


class _Recorder:
    """A connection that records the statements it is given (PRAGMA page_size answered as 4096)."""

    def __init__(self, seen):
        self.seen = seen

    def execute(self, sql):
        if sql == "PRAGMA page_size":
            return _Rows((4096,))
        self.seen.append(sql)
        return _Rows(())


class _Rows:
    def __init__(self, row):
        self.row = row

    def fetchone(self):
        return self.row
