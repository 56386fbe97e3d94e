"""Translations: Chinese by default with Qt's own zh_CN catalog, English through our .qm."""

from __future__ import annotations

from contextlib import contextmanager

import pytest

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from console.gui.i18n import install_translators
from console.gui.tour_setup import attach_demo_features
from tests.gui_helpers import running_console


@contextmanager
def language(lang):
    app = QApplication.instance()
    translators = install_translators(app, lang)
    try:
        yield translators
    finally:
        for t in translators:
            app.removeTranslator(t)


def test_chinese_by_default_with_qts_own_catalog(qapp):
    with language("zh_CN") as ts:
        assert ts, "qtbase_zh_CN was not loaded"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
        assert QCoreApplication.translate("TourDriver", "▶ 播放") == "▶ 播放"


def test_english_from_the_shipped_catalog(qapp):
    assert QCoreApplication.translate("TourDriver", "▶ 播放") == "▶ 播放"
    with language("en"):
        for ctx, zh, en in (("TourDriver", "▶ 播放", "▶ Play"), ("TourDriver", "■ 返回实时", "■ Back to live"),
                            ("Kiosk", "请输入退出密码", "Enter the exit PIN"), ("TourOverlay", "城市运营中心", "City Operations Centre")):
            assert QCoreApplication.translate(ctx, zh) == en
    assert QCoreApplication.translate("TourDriver", "▶ 播放") == "▶ 播放"


@pytest.mark.parametrize("lang, lines, controls, centre", [
    ("en", ("caption_en", None), ["◀ Back", "▶ Play", "‖ Pause", "Next ▶", "■ Back to live"], "City Operations Centre"),
    # both: the Chinese line over the English one; the marks both languages share said once
    ("zh+en", ("caption_zh", "caption_en"), ["◀ 上一步 Back", "▶ 播放 Play", "‖ 暂停 Pause", "下一步 Next ▶", "■ 返回实时 Back to live"],
     "城市运营中心 City Operations Centre"),
])
def test_the_tour_speaks_the_language_asked(qtbot, tmp_path, lang, lines, controls, centre):
    with language(lang), running_console(qtbot, tmp_path, demo=True, tour="default", lang=lang) as (rt, window, ctx):
        f = attach_demo_features(window, rt, rate=0.01)
        try:
            step = f.driver.player.step
            assert f.driver.band.main_label.text() == getattr(step, lines[0])
            assert f.driver.band.second_label.text() == (getattr(step, lines[1]) if lines[1] else "")  # en: no Chinese line
            assert [a.text() for a in f.controls.actions()] == controls
            assert f.driver.attract.centre_label.text() == centre
        finally:
            f.stop()
