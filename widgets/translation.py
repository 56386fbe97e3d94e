"""What a view shows of a string the core made: a console.languages.Text in the interface's language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from console.languages import Text, translated

LAYOUT_CONTEXT = "Layout"  # the layout files' titles (console.gui.i18n_catalog gathers them)


def shown(text) -> str:
    """``text`` translated for display (a plain string as it is)."""
    return translated(text, QCoreApplication.translate)


def title_shown(title: str) -> str:
    """A layout's or a tile's title: a layout file's through the catalog, a made one (a Text: an
    alarm takeover's) through its own context."""
    return shown(title) if isinstance(title, Text) else QCoreApplication.translate(LAYOUT_CONTEXT, title)
