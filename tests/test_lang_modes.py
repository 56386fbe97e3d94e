"""``--lang``: the wall as a user sees it in each mode, read from ``--dump-state`` (tile titles and
the window's chrome: title, header, menus, status bar). Proper names (stations, places, the
operator's and the sources' names), units, numbers and key names are not words of a language."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef]")
WORD = re.compile(r"[A-Za-z]{2,}")
NOT_WORDS = {"UTC", "MB", "mm", "MW", "kW", "km", "min", "Ctrl", "city", "console", "demo",  # units, keys, the app's name
             "camera"}  # a stream prefix, shown as an alarm list's filter (筛选：flood, camera) like a source's name


def _dump(tmp_path, *args) -> dict:
    png, state = tmp_path / "wall.png", tmp_path / "wall.json"
    out = subprocess.run(
        [sys.executable, "-m", "console", "--demo", "--cache", str(tmp_path / "cache"), "--screenshot", str(png),
         "--dump-state", str(state), "--after", "4", *args],
        cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen"),
        capture_output=True, text=True, timeout=240,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(state.read_text(encoding="utf-8"))


def _shown(d: dict) -> list[str]:
    desk = d["screens"][0]
    return [t["title"] for t in desk["tiles"]] + desk["chrome"] + [d["time"]["text"]]


def _english_words(text: str, names: set[str]) -> list[str]:
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, " ")
    return [w for w in WORD.findall(text) if w not in NOT_WORDS]


@pytest.mark.parametrize("lang", ["en", "zh", "tour"])
def test_the_wall_speaks_the_mode_it_is_asked(tmp_path, lang):
    """``en``, ``zh``, and a visitor tour, bilingual (``zh+en``) by default."""
    d = _dump(tmp_path, *(["--tour", "default"] if lang == "tour" else ["--lang", lang]))
    lang = "zh+en" if lang == "tour" else lang
    assert d["lang"] == lang
    shown = _shown(d)
    names = {s["name"] for s in d["sources"]}  # a source is named by its settings: a proper name
    assert len(shown) > 8 and any("Ctrl+T" in t for t in shown)  # titles, header, status bar, the desk action
    if lang == "en":
        assert not [t for t in shown if CJK.search(t)], [t for t in shown if CJK.search(t)]
        assert "Beijing time UTC+8" in d["time"]["text"]
    if lang == "zh":
        assert not [t for t in shown if _english_words(t, names)], [(t, _english_words(t, names)) for t in shown]
        assert "北京时间 UTC+8" in d["time"]["text"]
    if lang == "zh+en":
        both = [t for t in shown if CJK.search(t) and _english_words(t, names)]
        assert len(both) >= len(d["screens"][0]["tiles"]), shown  # every title in both, and the chrome
        assert "北京时间 Beijing time UTC+8" in d["time"]["text"]
