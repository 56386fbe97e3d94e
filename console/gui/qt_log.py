"""Qt's own messages (warnings from widgets, QtWebEngine, fonts ...) into the console's log.

Without this they go to stderr only, which a GUI launcher or a systemd unit throws away.
The handler before ours (pytest-qt's, in tests) is still called.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QtMsgType, qInstallMessageHandler

log = logging.getLogger("qt")

_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}
_installed: list = []  # the handler, kept alive; installed once per process


def install_qt_log() -> None:
    """Route every Qt message to the ``qt`` logger with where it came from."""
    if _installed:
        return

    def handler(mode, context, message) -> None:
        where = context.category or ""
        if context.file:
            where = f"{where} {context.file}:{context.line}".strip()
        log.log(_LEVELS.get(mode, logging.WARNING), "%s%s", message, f" ({where})" if where else "")
        if previous is not None:
            previous(mode, context, message)

    previous = qInstallMessageHandler(handler)
    _installed.append(handler)
