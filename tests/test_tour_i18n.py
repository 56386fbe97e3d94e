"""Translations: Chinese by default with Qt's own zh_CN catalog, English through our .qm."""

from __future__ import annotations

from contextlib import contextmanager

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


def test_the_tour_speaks_english_when_asked(qtbot, tmp_path):
    with language("en"), running_console(qtbot, tmp_path, demo=True, tour="default", lang="en") as (rt, window, ctx):
        f = attach_demo_features(window, rt, rate=0.01)
        try:
            step = f.driver.player.step
            assert f.driver.band.main_label.text() == step.caption_en
            assert f.driver.band.second_label.text() == step.caption_zh
            assert [a.text() for a in f.controls.actions()] == ["◀ Back", "▶ Play", "‖ Pause", "Next ▶", "■ Back to live"]
            assert f.driver.attract.centre_label.text() == "City Operations Centre"
        finally:
            f.stop()
