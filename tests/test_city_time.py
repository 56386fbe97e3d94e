"""One time zone, the city's: the same texts on a PC set to UTC, New York or Shanghai."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from console.city_time import CityTime, DEFAULT_TZ, city_time

ROOT = Path(__file__).resolve().parents[1]

# 2026-12-01 19:14:00 UTC is 2026-12-02 03:14:00 in Beijing: the day differs too
TS = 1796152440.0

_PROBE = r"""
import json, sys
from console.city_time import city_time
from console.sources.replay_source import ReplayPeriod, parse_time
from console.wall.switching import local_minutes
from console.app.runtime import Runtime, RuntimeOptions
ts = float(sys.argv[1])
rt = Runtime(RuntimeOptions(cache_dir=sys.argv[2], plugins=frozenset()))
ct = city_time()
print(json.dumps({
    "clock": ct.format(ts), "label": ct.label(ts), "date": ct.date(ts).isoformat(),
    "badge": ReplayPeriod(ts, ts + 3600).badge(), "parsed": parse_time("2026-12-02T03:14"),
    "minutes": local_minutes(ts), "zone": rt.city_time.name,
}))
rt.stop()
"""


def _probe(tz: str, cache: Path) -> dict:
    env = dict(os.environ, TZ=tz, PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", _PROBE, str(TS), str(cache)], env=env, cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("pc_tz", ["UTC", "America/New_York", "Asia/Shanghai"])
def test_every_display_reads_beijing_time_whatever_the_pc_zone(pc_tz, tmp_path):
    got = _probe(pc_tz, tmp_path)
    assert got["zone"] == DEFAULT_TZ
    assert got["clock"] == "2026-12-02 03:14:00"
    assert got["label"] == "北京时间 UTC+8"
    assert got["date"] == "2026-12-02"
    assert got["badge"] == "回放 2026-12-02 03:14–04:14"
    assert got["parsed"] == TS
    assert got["minutes"] == 3 * 60 + 14


def test_another_zone_is_named_and_a_bad_one_is_refused():
    ny = CityTime.named("America/New_York")
    assert ny.format(TS) == "2026-12-01 14:14:00"
    assert ny.label(TS) == "America/New_York UTC-5"
    with pytest.raises(ValueError, match="Mars/Olympus"):
        CityTime.named("Mars/Olympus")
    assert city_time().name == DEFAULT_TZ


def test_cli_refuses_an_unknown_zone():
    out = subprocess.run([sys.executable, "-m", "console", "--tz", "Nowhere/Else", "--demo"], cwd=ROOT,
                         capture_output=True, text=True, timeout=120, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert out.returncode == 2
    assert "Nowhere/Else" in out.stderr
