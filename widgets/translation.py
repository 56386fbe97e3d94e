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


ENTITY_CONTEXT = "Entity"  # names a plugin gives its entities and streams (QT_TRANSLATE_NOOP("Entity", ...))


def name_shown(name: str) -> str:
    """An entity's or a stream's name: a plugin's own word through the catalog, a proper name
    (a station, a place: not in the catalog) as the data gives it."""
    return QCoreApplication.translate(ENTITY_CONTEXT, name) if name else name
