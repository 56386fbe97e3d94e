"""Kiosk mode: the wall plays its tour and nothing a visitor does changes that.

A transparent pane over the window, holding the keyboard and mouse grabs, swallows
every key, click, wheel, touch and context-menu event; the window refuses to close. The one
way out is the chord (Ctrl+Alt+Shift+Q) followed by the PIN, typed on a PIN pad drawn
on that pane: no second top-level window, so the grabs are never let go and a window
manager's keys (Super+D, a panel's menu) never get through. Each wrong PIN makes the
next try wait longer; five lock the pad for five minutes. Leaving, every refused PIN and
a lock are audited. A supervisor's stop (SIGTERM, ``release``) ends the kiosk at once:
the PIN guards against visitors, not against the service manager.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from console.settings.kiosk import pin_matches

_CHORD_KEY = Qt.Key.Key_Q
_CHORD_MODS = (
    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier
)
_PIN_TIMEOUT_MS = 30_000
MAX_WRONG_PINS = 5  # then the pad stays locked for PIN_LOCKOUT_S
PIN_LOCKOUT_S = 300.0
_MAX_PIN_LEN = 12

KioskAudit = Callable[[str, dict, str], None]  # (action, detail, outcome)


def pin_delay_s(wrong: int) -> float:
    """How long the pad waits after ``wrong`` wrong PINs in a row: 0, 1, 2, 4, 8 s ..."""
    return 0.0 if wrong <= 0 else float(min(2 ** (wrong - 1), 60))


def _CAN_GRAB() -> bool:  # noqa: N802
    return QGuiApplication.platformName() not in ("offscreen", "minimal")


_BLOCKED = {
    QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.Shortcut, QEvent.Type.ShortcutOverride,
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick,
    QEvent.Type.Wheel, QEvent.Type.ContextMenu, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate,
    QEvent.Type.TouchEnd, QEvent.Type.TabletPress, QEvent.Type.TabletRelease, QEvent.Type.DragEnter,
    QEvent.Type.Drop, QEvent.Type.NativeGesture, QEvent.Type.Gesture, QEvent.Type.InputMethod,
}
_DIGIT_KEYS = {getattr(Qt.Key, f"Key_{d}"): str(d) for d in range(10)}


class PinPad(QFrame):
    """The PIN pad, a child of the kiosk's pane: digits, erase, OK. It takes no input
    itself; the pane (which holds the grabs) hands it keys and clicks."""

    sig_pin_entered = Signal(str)
    """The PIN typed (OK or Enter)."""

    sig_cancelled = Signal()
    """Escape, or 30 s without a key."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("kioskPin")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.entered = ""
        col = QVBoxLayout(self)
        self.prompt = QLabel(QCoreApplication.translate("Kiosk", "请输入退出密码"))
        self.prompt.setTextFormat(Qt.TextFormat.PlainText)
        self.dots = QLabel("")
        self.dots.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = QLabel("")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        col.addWidget(self.prompt)
        col.addWidget(self.dots)
        grid = QGridLayout()
        self.buttons: dict[str, QPushButton] = {}
        for i, key in enumerate(["1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK"]):
            b = QPushButton(key)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.clicked.connect(lambda _c=False, k=key: self.press(k))
            grid.addWidget(b, i // 3, i % 3)
            self.buttons[key] = b
        col.addLayout(grid)
        col.addWidget(self.message)
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.setInterval(_PIN_TIMEOUT_MS)
        self.idle.timeout.connect(self.sig_cancelled.emit)
        self.idle.start()

    def press(self, key: str) -> None:
        self.idle.start()
        if key == "OK":
            self.sig_pin_entered.emit(self.entered)
            self.entered = ""
        elif key == "⌫":
            self.entered = self.entered[:-1]
        elif len(self.entered) < _MAX_PIN_LEN:
            self.entered += key
        self.dots.setText("●" * len(self.entered))

    def key(self, event) -> None:
        k = event.key()
        if k in _DIGIT_KEYS:
            self.press(_DIGIT_KEYS[k])
        elif k == Qt.Key.Key_Backspace:
            self.press("⌫")
        elif k in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.press("OK")
        elif k == Qt.Key.Key_Escape:
            self.sig_cancelled.emit()

    def centre(self) -> None:
        self.adjustSize()
        p = self.parentWidget().rect().center()
        self.move(p.x() - self.width() // 2, p.y() - self.height() // 2)


class KioskGuard(QObject):
    """Locks a window for as long as the kiosk runs.

    A transparent pane over the whole window takes every click, and holds the keyboard
    and mouse grabs, so all input comes to it and goes no further; a filter on the
    window refuses Close. (An application-wide Python event filter would be simpler,
    but with a web view open it crashes PySide6 6.11.)
    """

    sig_exit_requested = Signal()
    """The right PIN was entered: the console may quit."""

    def __init__(
        self, window: QWidget, pin: str, audit: KioskAudit, clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(window)
        self.window = window
        self._pin = pin
        self._audit = audit
        self.clock = clock
        self.pad: PinPad | None = None
        self.unlocked = False
        self._stop_lock = threading.Lock()
        self._stop_recorded = False
        self.wrong = 0  # wrong PINs in a row
        self.next_try = 0.0  # clock time before which the pad takes no PIN
        self.swallowed = 0  # input events refused (tests, and a count for support)
        self.glass = _Glass(self)
        window.installEventFilter(self)
        if window.isVisible():
            self.glass.lock()

    def uninstall(self) -> None:
        if not shiboken6.isValid(self.glass):
            return
        self._close_pad()
        self.glass.unlock()
        self.glass.clearFocus()
        self.glass.hide()
        self.window.removeEventFilter(self)

    def record_stop(self, reason: str) -> None:
        """Audit a supervisor's stop once (any thread: SIGTERM writes it from its watching
        thread at once, so a GUI thread busy past the grace cannot leave it unwritten)."""
        with self._stop_lock:
            if self._stop_recorded:
                return
            self._stop_recorded = True
        self._audit("kiosk.stop", {"reason": reason}, "ok")

    def release(self, reason: str) -> None:
        """A supervisor stops the kiosk (SIGTERM, a screenshot run): let the window close."""
        if self.unlocked:
            return
        self.unlocked = True
        self.record_stop(reason)
        self.uninstall()

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
        """An input event reached the pane: the chord opens the pad; the open pad gets keys and clicks."""
        self.swallowed += 1
        t = event.type()
        if self.pad is not None:
            if t == QEvent.Type.KeyPress:
                self.pad.key(event)
            elif t == QEvent.Type.MouseButtonRelease and event.button() == Qt.MouseButton.LeftButton:
                hit = self.glass.childAt(event.position().toPoint())
                if isinstance(hit, QPushButton) and self.pad.isAncestorOf(hit):
                    hit.click()
        elif t == QEvent.Type.KeyPress and event.key() == _CHORD_KEY and event.modifiers() == _CHORD_MODS:
            self.ask_pin()

    def ask_pin(self) -> None:
        if self.pad is not None:
            return
        self.pad = PinPad(self.glass)
        self.pad.sig_pin_entered.connect(self._check)
        self.pad.sig_cancelled.connect(self._close_pad)
        self._show_wait()
        self.pad.centre()
        self.pad.show()
        self.pad.raise_()

    def _show_wait(self) -> None:
        left = self.next_try - self.clock()
        if self.pad is None or left <= 0:
            return
        if self.wrong >= MAX_WRONG_PINS:
            text = QCoreApplication.translate("Kiosk", "已锁定：{n} min").format(n=int(left + 59) // 60)
        else:
            text = QCoreApplication.translate("Kiosk", "请等待 {n} s").format(n=int(left + 0.999))
        self.pad.message.setText(text)

    def _check(self, entered: str) -> None:
        now = self.clock()
        if now < self.next_try:
            self._show_wait()
            return  # not even compared: a locked pad cannot be probed
        if self.wrong >= MAX_WRONG_PINS:
            self.wrong = 0  # the lock has run out: a new run of tries
        if pin_matches(entered, self._pin):
            self._audit("kiosk.exit", {"wrong_before": self.wrong}, "ok")
            self.unlocked = True
            self.uninstall()
            self.sig_exit_requested.emit()
            return
        self.wrong += 1
        if self.wrong >= MAX_WRONG_PINS:
            self.next_try = now + PIN_LOCKOUT_S
            self._audit("kiosk.exit_denied", {"wrong": self.wrong, "locked_s": PIN_LOCKOUT_S}, "denied: locked")
        else:
            self.next_try = now + pin_delay_s(self.wrong)
            self._audit("kiosk.exit_denied", {"wrong": self.wrong}, "denied: wrong PIN")
        self._show_wait()
        if self.wrong >= MAX_WRONG_PINS:
            return
        self.pad.message.setText(self.pad.message.text() or QCoreApplication.translate("Kiosk", "密码错误"))

    def _close_pad(self) -> None:
        pad, self.pad = self.pad, None
        if pad is not None and shiboken6.isValid(pad):
            pad.idle.stop()
            pad.hide()
            pad.deleteLater()
        if not self.unlocked and shiboken6.isValid(self.glass):
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
        if self.guard.window.isVisible():
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
