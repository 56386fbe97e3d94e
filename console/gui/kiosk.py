"""Kiosk mode: the wall plays its tour and nothing a visitor does changes that.

An event filter on the application swallows every key, click, wheel, touch and
context-menu event, and refuses to close the window. The one way out is the chord
(Ctrl+Alt+Shift+Q) followed by the PIN in a small dialog; the PIN dialog is the only
widget that gets input while it is open, and it closes itself after 30 s. Leaving,
and every refused PIN, is written to the audit table.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QLineEdit, QVBoxLayout, QWidget

from console.tours.kiosk_settings import pin_matches

_CHORD_KEY = Qt.Key.Key_Q
_CHORD_MODS = (
    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier
)
_PIN_TIMEOUT_MS = 30_000

_BLOCKED = {
    QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.Shortcut, QEvent.Type.ShortcutOverride,
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick,
    QEvent.Type.Wheel, QEvent.Type.ContextMenu, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate,
    QEvent.Type.TouchEnd, QEvent.Type.TabletPress, QEvent.Type.TabletRelease, QEvent.Type.DragEnter,
    QEvent.Type.Drop, QEvent.Type.NativeGesture, QEvent.Type.Gesture, QEvent.Type.InputMethod,
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("Kiosk", text)


class PinDialog(QDialog):
    """Asks for the exit PIN."""

    sig_pin_entered = Signal(str)
    """The PIN typed (Enter pressed)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("kioskPin")
        self.setWindowTitle(_tr("退出展示模式"))
        self.setModal(True)
        col = QVBoxLayout(self)
        self.prompt = QLabel(_tr("请输入退出密码"))
        self.edit = QLineEdit()
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setMaxLength(12)
        col.addWidget(self.prompt)
        col.addWidget(self.edit)
        self.edit.returnPressed.connect(lambda: self.sig_pin_entered.emit(self.edit.text()))
        QTimer.singleShot(_PIN_TIMEOUT_MS, self.reject)


class KioskGuard(QObject):
    """Installed on the application for as long as the kiosk runs."""

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
        QApplication.instance().installEventFilter(self)

    def uninstall(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt override)
        t = event.type()
        if self.unlocked or not isinstance(obj, QWidget):
            return False  # events to windows come back to their widgets, and are judged there
        if t == QEvent.Type.Close and obj is self.window:
            event.ignore()
            return True
        if t not in _BLOCKED:
            return False
        if self.dialog is not None and (obj is self.dialog or self.dialog.isAncestorOf(obj)):
            return False
        if t == QEvent.Type.ShortcutOverride:
            event.accept()  # so no application shortcut fires on any key
        elif t == QEvent.Type.KeyPress and event.key() == _CHORD_KEY and event.modifiers() == _CHORD_MODS:
            self.ask_pin()
        self.swallowed += 1
        return True

    def ask_pin(self) -> None:
        if self.dialog is not None:
            return
        self.dialog = PinDialog(self.window)
        self.dialog.sig_pin_entered.connect(self._check)
        self.dialog.finished.connect(self._closed)
        self.dialog.open()
        self.dialog.edit.setFocus()

    def _check(self, entered: str) -> None:
        if pin_matches(entered, self._pin):
            self._audit("kiosk.exit", {"result": "ok"})
            self.unlocked = True
            self.uninstall()
            self.dialog.accept()
            self.sig_exit_requested.emit()
        else:
            self._audit("kiosk.exit_denied", {"result": "wrong PIN"})
            self.dialog.reject()

    def _closed(self, _result: int) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.deleteLater()
