"""Kiosk mode: the wall plays its tour and nothing a visitor does changes that.

A transparent pane over the window, holding the keyboard and mouse grabs, swallows
every key, click, wheel, touch and context-menu event; the window refuses to close. The one way out is the chord
(Ctrl+Alt+Shift+Q) followed by the PIN in a small dialog; the PIN dialog is the only
widget that gets input while it is open, and it closes itself after 30 s. Leaving,
and every refused PIN, is written to the audit table.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QVBoxLayout, QWidget

from console.settings.kiosk import pin_matches

_CHORD_KEY = Qt.Key.Key_Q
_CHORD_MODS = (
    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier
)
_PIN_TIMEOUT_MS = 30_000


def _CAN_GRAB() -> bool:  # noqa: N802
    return QGuiApplication.platformName() not in ("offscreen", "minimal")


_BLOCKED = {
    QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.Shortcut, QEvent.Type.ShortcutOverride,
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick,
    QEvent.Type.Wheel, QEvent.Type.ContextMenu, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate,
    QEvent.Type.TouchEnd, QEvent.Type.TabletPress, QEvent.Type.TabletRelease, QEvent.Type.DragEnter,
    QEvent.Type.Drop, QEvent.Type.NativeGesture, QEvent.Type.Gesture, QEvent.Type.InputMethod,
}



class PinDialog(QDialog):
    """Asks for the exit PIN."""

    sig_pin_entered = Signal(str)
    """The PIN typed (Enter pressed)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("kioskPin")
        self.setWindowTitle(QCoreApplication.translate("Kiosk", "退出展示模式"))
        self.setModal(True)
        col = QVBoxLayout(self)
        self.prompt = QLabel(QCoreApplication.translate("Kiosk", "请输入退出密码"))
        self.edit = QLineEdit()
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setMaxLength(12)
        col.addWidget(self.prompt)
        col.addWidget(self.edit)
        self.edit.returnPressed.connect(lambda: self.sig_pin_entered.emit(self.edit.text()))
        QTimer.singleShot(_PIN_TIMEOUT_MS, self.reject)


class KioskGuard(QObject):
    """Locks a window for as long as the kiosk runs.

    A transparent pane over the whole window takes every click, and holds the keyboard
    and mouse grabs, so all input comes to it and goes no further; a filter on the
    window refuses Close. (An application-wide Python event filter would be simpler,
    but with a web view open it crashes PySide6 6.11.)
    """

    sig_exit_requested = Signal()
    """The right PIN was entered: the console may quit."""

    def __init__(self, window: QWidget, pin: str, audit: Callable[[str, dict], None]) -> None:
        super().__init__(window)
        self.window = window
        self._pin = pin
        self._audit = audit
        self.dialog: PinDialog | None = None
        self.unlocked = False
        self.swallowed = 0  # input events refused (tests, and a count for support)
        self.glass = _Glass(self)
        window.installEventFilter(self)
        if window.isVisible():
            self.glass.lock()

    def uninstall(self) -> None:
        if not shiboken6.isValid(self.glass):
            return
        self.glass.unlock()
        self.glass.clearFocus()
        self.glass.hide()
        self.window.removeEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt override)
        t = event.type()
        if obj is self.window and not self.unlocked:
            if t == QEvent.Type.Close:
                event.ignore()
                return True
            if t in (QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.WindowActivate):
                self.glass.lock()
        return False

    def swallow(self, event) -> None:
        """An input event reached the pane: only the chord does anything."""
        self.swallowed += 1
        if event.type() == QEvent.Type.KeyPress and event.key() == _CHORD_KEY and event.modifiers() == _CHORD_MODS:
            self.ask_pin()

    def ask_pin(self) -> None:
        if self.dialog is not None:
            return
        self.glass.unlock()
        self.dialog = PinDialog(self.window)
        self.dialog.sig_pin_entered.connect(self._check)
        self.dialog.finished.connect(self._closed)
        self.dialog.open()
        self.dialog.edit.setFocus()

    def _check(self, entered: str) -> None:
        if pin_matches(entered, self._pin):
            self._audit("kiosk.exit", {"result": "ok"})
            self.unlocked = True
            self.dialog.accept()
            self.uninstall()
            self.sig_exit_requested.emit()
        else:
            self._audit("kiosk.exit_denied", {"result": "wrong PIN"})
            self.dialog.reject()

    def _closed(self, _result: int) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.deleteLater()
        if not self.unlocked:
            self.glass.lock()


class _Glass(QWidget):
    """The pane over the kiosk window: takes all input, shows nothing."""

    def __init__(self, guard: KioskGuard) -> None:
        super().__init__(guard.window)
        self.guard = guard
        self.setObjectName("kioskGlass")
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.PreventContextMenu)

    def lock(self) -> None:
        self.setGeometry(self.guard.window.rect())
        self.show()
        self.raise_()
        if self.guard.dialog is None and self.guard.window.isVisible():
            self.setFocus()
            if _CAN_GRAB():  # the offscreen platform cannot (and warns); focus and cover do there
                self.grabKeyboard()
                self.grabMouse()

    def unlock(self) -> None:
        if _CAN_GRAB():
            self.releaseKeyboard()
            self.releaseMouse()

    def event(self, event) -> bool:
        if event.type() in _BLOCKED and not self.guard.unlocked:
            if event.type() == QEvent.Type.ShortcutOverride:
                event.accept()  # no application shortcut fires on any key
            else:
                self.guard.swallow(event)
            return True
        return super().event(event)

    def focusNextPrevChild(self, _next: bool) -> bool:  # noqa: N802 (Qt override): Tab stays here
        return False
