"""A plugin written outside the tree (tests/thirdparty/cc_weather, found through its own
dist-info's entry point) adds a source kind, a tile and a layout with no edit to the core:
`config check` accepts its source, the runtime starts it, its readings reach the hub, its
layout loads, and the desk shows its tile with the value."""

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
THIRD = ROOT / "tests" / "thirdparty"

SCRIPT = r"""
import sys, time
from pathlib import Path
from console.app.runtime import Runtime, RuntimeOptions
tmp = Path(sys.argv[1])
rt = Runtime(RuntimeOptions(cache_dir=tmp / "cache", settings_file=tmp / "settings.toml"))
rt.start()
try:
    deadline = time.time() + 10
    while time.time() < deadline and rt.hub.latest("weather/station/WS1/temp_c") is None:
        time.sleep(0.05)
    r = rt.hub.latest("weather/station/WS1/temp_c")
    print("reading", None if r is None else r.value)
    print("entity", rt.hub.entities["WS1"].kind)
    print("layout", "weather" in rt.layouts)
    print("tile", rt.registry.tile_kinds().get("weather_now"))
    print("notices", rt.notices)
    from console.gui.app import build_window, make_application
    app = make_application()
    window, ctx = build_window(rt)
    window.show_layout(rt.layouts["weather"])
    for _ in range(20):
        ctx.signals.drain(); ctx.signals.sig_second_ticked.emit(rt.clock.now()); app.processEvents(); time.sleep(0.05)
    tile = window.wall.tiles[0]
    print("shown", type(tile).__name__, tile.value_label.text())
    from console.gui.app import _shutdown
    _shutdown(window, ctx, rt)
    rt = None
finally:
    if rt is not None:
        rt.stop()
"""


def _env():
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(THIRD), str(ROOT)]), "QT_QPA_PLATFORM": "offscreen"}


def _settings(tmp_path: Path) -> Path:
    csv = tmp_path / "ws.csv"
    now = time.time()
    csv.write_text(f"time,station,temp_c\n{now - 60},WS1,-3.5\n{now},WS1,-4.25\n", encoding="utf-8")
    s = tmp_path / "settings.toml"
    s.write_text(f'version = 1\nkiosk_pin = "8642"\n\n[plugins]\nallow = ["weather"]\n\n[[sources]]\nname = "county-weather"\ntype = "weather_csv"\n'
                 f'file = "{csv.as_posix()}"\ninterval_s = 0.2\n', encoding="utf-8")
    return s


def test_config_check_accepts_the_plugins_source_kind_and_a_kiosk_pin_beside_it(tmp_path):
    s = _settings(tmp_path)
    out = subprocess.run([sys.executable, "-m", "console", "config", "check", str(s)], cwd=ROOT, env=_env(),
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "county-weather: weather_csv" in out.stdout


def test_without_the_plugin_its_kind_is_named_unknown(tmp_path):
    s = _settings(tmp_path)
    env = {**_env(), "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-m", "console", "config", "check", str(s)], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 2 and "sources[0].type: unknown source type 'weather_csv'" in out.stderr


def test_the_plugin_adds_a_source_kind_a_tile_and_a_layout(tmp_path):
    _settings(tmp_path)
    out = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path)], cwd=ROOT, env=_env(),
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-3000:]
    lines = dict(line.split(" ", 1) for line in out.stdout.splitlines() if " " in line)
    assert lines["reading"] == "-4.25"
    assert lines["entity"] == "weather_station"
    assert lines["layout"] == "True"
    assert lines["tile"] == "cc_weather.views.now_tile:WeatherNowTile"
    assert lines["notices"] == "[]"
    assert lines["shown"] == "WeatherNowTile WS1 -4.2 °C"


def test_nan_inf_and_absurd_intervals_are_refused_with_the_key(tmp_path):
    from console.settings.sources import SettingsError, load_settings

    for bad, words in (("nan", "sources[0].interval_s: nan is not a number"),
                       ("inf", "sources[0].interval_s: inf is not a number"),
                       ("1e-9", "sources[0].interval_s: 1e-09 is less than the minimum of 0.05")):
        s = tmp_path / f"s-{bad}.toml"
        s.write_text(f'[[sources]]\nname = "p"\ntype = "http"\nurl = "http://127.0.0.1:1/"\ninterval_s = {bad}\n'
                     '[sources.mapping]\nvalue = "v"\nstream = "a/b"\n', encoding="utf-8")
        try:
            load_settings(s)
        except SettingsError as exc:
            assert words in str(exc) and str(s) in str(exc), str(exc)
        else:
            raise AssertionError(f"interval_s = {bad} was accepted")
