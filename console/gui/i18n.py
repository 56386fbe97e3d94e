"""Translations through Qt Linguist: the interface is written in Chinese (zh_CN, the default);
``resources/i18n/city_console_<lang>.qm`` translates it (``--lang en``). Qt's own catalog
(qtbase_<lang>: dialog buttons, context menus) is loaded from the Qt installation too.

Refresh the catalog after changing user-visible strings:
``pyside6-lupdate console/gui/*.py -ts resources/i18n/city_console_en.ts`` then
``pyside6-lrelease resources/i18n/city_console_en.ts``.
"""

from __future__ import annotations

import logging
from importlib import resources

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

LANGUAGES = ("zh_CN", "en")


def install_translators(app, lang: str = "zh_CN") -> list[QTranslator]:
    """Load Qt's catalog and ours for ``lang``; keep the returned translators alive."""
    out = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{lang}", qt_dir) or qt.load(f"qt_{lang}", qt_dir):
        app.installTranslator(qt)
        out.append(qt)
    elif not lang.startswith("en"):
        log.warning("Qt's own %s translations not found in %s", lang, qt_dir)
    ours = resources.files("resources") / "i18n" / f"city_console_{lang}.qm"
    if ours.is_file():
        t = QTranslator(app)
        if t.load(str(ours)):
            app.installTranslator(t)
            out.append(t)
        else:
            log.warning("could not load %s", ours)
    QLocale.setDefault(QLocale(lang))
    app.setProperty("cityConsoleLang", lang)
    return out
