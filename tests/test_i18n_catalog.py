"""The Qt Linguist catalog: every visible string in the sources is translated, and what Qt loads
is built from it. Fails when someone adds a string without its English (fix:
``python -m console.gui.i18n_catalog update``, then translate what it reports)."""

from __future__ import annotations

import shutil

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from console.gui import i18n
from console.gui.i18n import CATALOG, compile_catalog, ensure_catalog, install_translators
from console.gui.i18n_catalog import DATA_STRINGS, ROOT, data_strings_text, messages, untranslated

TS = ROOT / "resources" / "i18n" / f"{CATALOG}.ts"


def test_every_source_string_has_its_translation():
    missing = untranslated()
    assert not missing, "untranslated (run python -m console.gui.i18n_catalog update): " + "; ".join(
        f"[{c}] {s}" for c, s in missing[:20])


def test_the_layout_titles_are_in_the_catalog_input():
    assert (ROOT / DATA_STRINGS).read_text(encoding="utf-8") == data_strings_text(), \
        "layout titles changed: run python -m console.gui.i18n_catalog update"
    assert messages(TS)[("Layout", "防汛总览")] == "Flood overview"


def test_the_shipped_qm_is_built_from_the_ts(tmp_path):
    compile_catalog(TS, tmp_path / "x.qm")
    assert (tmp_path / "x.qm").read_bytes() == TS.with_suffix(".qm").read_bytes(), "rebuild the .qm (i18n_catalog update)"


def test_a_missing_or_older_qm_is_built_at_start(tmp_path, monkeypatch):
    shutil.copy(TS, tmp_path / TS.name)
    monkeypatch.setattr(i18n, "catalog_dir", lambda: tmp_path)
    qm = ensure_catalog()
    assert qm == tmp_path / f"{CATALOG}.qm" and qm.stat().st_size > 1000
    first = qm.stat().st_mtime_ns
    (tmp_path / TS.name).touch()  # an edited .ts: newer than its .qm
    import os

    os.utime(qm, ns=(first - 10**9, first - 10**9))
    assert ensure_catalog().stat().st_mtime_ns > first - 10**9


def _installed(lang, notices=None):
    app = QApplication.instance()
    ts = install_translators(app, lang, notices)
    return app, ts


def _remove(app, ts):
    for t in ts:
        app.removeTranslator(t)


def test_the_three_modes(qapp):
    translate = QCoreApplication.translate
    assert translate("Freshness", "离线") == "离线"  # Chinese is the source: no catalog needed
    for lang, want, cancel in (("en", "OFFLINE", "Cancel"), ("zh+en", "离线 OFFLINE", "取消"), ("zh", "离线", "取消")):
        app, ts = _installed(lang)
        try:
            assert translate("Freshness", "离线") == want, lang
            assert translate("QPlatformTheme", "Cancel") == cancel, lang  # Qt's own catalog in the Chinese modes
            assert translate("NoSuchContext", "未翻译") == "未翻译", lang  # unknown: the source, never empty
        finally:
            _remove(app, ts)


def test_no_english_catalog_is_told_on_screen(qapp, tmp_path, monkeypatch):
    monkeypatch.setattr(i18n, "catalog_dir", lambda: tmp_path)  # neither .ts nor .qm there
    notices = []
    app, ts = _installed("en", notices)
    _remove(app, ts)
    assert notices and "English interface unavailable" in notices[0] and CATALOG in notices[0]


def test_the_english_has_no_chinese_left():
    import re

    cjk = re.compile(r"[\u3400-\u9fff]")
    assert not [(k, v) for k, v in messages(TS).items() if v and cjk.search(v)]


def test_both_languages_say_a_shared_mark_once():
    from console.gui.i18n import compose

    assert compose("▶ 播放", "▶ Play") == "▶ 播放 Play"
    assert compose("下一步 ▶", "Next ▶") == "下一步 Next ▶"
    assert compose("{n} 未报", "{n} not reporting") == "{n} 未报 not reporting"  # a figure both begin with is said once
    assert compose("{n} 个", "{n}") == "{n} 个"  # English says no counter word: the figure once, in Chinese
    assert compose("{a}{n} 个", "{n}") == "{a}{n} 个 {n}"  # a field is never split
    assert compose("（离线模式）", " (offline mode)") == "（离线模式） (offline mode)"
