"""What a view shows of a string the core made: a console.languages.Text in the interface's language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from console.languages import translated


def shown(text) -> str:
    """``text`` translated for display (a plain string as it is)."""
    return translated(text, QCoreApplication.translate)
