"""A core Text as an operator with ``--lang en`` sees it: the English catalog installed for the call."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from console.gui.i18n import install_translators
from console.languages import translated


def english(text) -> str:
    app = QCoreApplication.instance()
    translators = install_translators(app, "en")
    try:
        return translated(text, QCoreApplication.translate)
    finally:
        for t in translators:
            app.removeTranslator(t)
