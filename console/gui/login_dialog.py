"""Logging in at the desk: the login dialog, and the session bar in the window's header.

The password is checked off the GUI thread (scrypt takes tens of milliseconds, on
purpose); the dialog is opened with ``open()``, never ``exec()``, so no event loop
is nested and the wall keeps updating behind it.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import shiboken6

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout,
    QWidget,
)

from console.languages import QT_TRANSLATE_NOOP
from console.audit.auth import AuthError, Session, UserDirectory
from widgets.translation import shown

_ROLE_TEXT = {  # translated where shown
    "viewer": QT_TRANSLATE_NOOP("Login", "查看员"), "operator": QT_TRANSLATE_NOOP("Login", "值班员"),
    "admin": QT_TRANSLATE_NOOP("Login", "管理员"),
}


def _role(role: str) -> str:
    return QCoreApplication.translate("Login", _ROLE_TEXT[role]) if role in _ROLE_TEXT else role


class LoginDialog(QDialog):
    sig_checked = Signal(str, object)
    """(name, role or the AuthError) from the worker that checked the password."""

    def __init__(self, session: Session, users: UserDirectory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("Login", "登录"))
        self.session, self.users = session, users
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="login")
        box = QVBoxLayout(self)
        form = QFormLayout()
        self.name_edit = QLineEdit()
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(QCoreApplication.translate("Login", "用户名"), self.name_edit)
        form.addRow(QCoreApplication.translate("Login", "密码"), self.password_edit)
        box.addLayout(form)
        self.message_label = QLabel("")
        self.message_label.setObjectName("tileMessage")
        self.message_label.setWordWrap(True)
        box.addWidget(self.message_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(QCoreApplication.translate("Login", "登录"))
        self.buttons.accepted.connect(self.check)
        self.buttons.rejected.connect(self.reject)
        box.addWidget(self.buttons)
        self.sig_checked.connect(self._checked)
        self.finished.connect(lambda _r: self._pool.shutdown(wait=False))

    def check(self) -> None:
        name, password = self.name_edit.text().strip(), self.password_edit.text()
        if not name:
            self.message_label.setText(QCoreApplication.translate("Login", "请输入用户名"))
            return
        self.buttons.setEnabled(False)
        self.message_label.setText(QCoreApplication.translate("Login", "正在验证…"))
        self._pool.submit(self._authenticate, name, password)

    def _authenticate(self, name: str, password: str) -> None:
        try:
            result: object = self.users.authenticate(name, password)
        except AuthError as exc:
            result = exc
        self.sig_checked.emit(name, result)

    def _checked(self, name: str, result: object) -> None:
        self.buttons.setEnabled(True)
        self.password_edit.clear()
        if isinstance(result, Exception):
            self.message_label.setText(shown(result.args[0]) if result.args else str(result))
            return
        self.session.authenticated(name, str(result))
        self.accept()


class _InputActivity(QObject):
    """Keys, clicks and wheel turns on one top-level window restart the idle timer."""

    _ACTIVITY = (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel, QEvent.Type.TouchBegin)

    def __init__(self, session: Session, parent: QObject) -> None:
        super().__init__(parent)
        self.session = session

    def eventFilter(self, _obj, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() in self._ACTIVITY:
            self.session.touch()
        return False


class SessionBar(QWidget):
    """Who is logged in, and the button to log in or out. A demo auto-login says so."""

    def __init__(self, session: Session, users: UserDirectory | None, signals, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.users = session, users
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel("")
        self.button = QPushButton("")
        self.button.setFlat(True)
        self.button.clicked.connect(self._clicked)
        row.addWidget(self.label)
        row.addWidget(self.button)
        self.dialog: LoginDialog | None = None
        # activity = the mouse moved since the last second, or a key or button was pressed
        # in this window. Not an application-wide event filter: with a map page open, any
        # Python app-level filter crashes PySide6 6.11.3 (seen here: segfault under xcb);
        # the filter sits on this top-level window's QWindow, which receives every key
        # before Qt hands it to the focused widget (the map's web view too)
        self._cursor = QCursor.pos()
        self._input = _InputActivity(session, self)
        self._watched = None
        self._revision = -1
        signals.sig_second_ticked.connect(self.tick)
        self.tick()

    def tick(self, _now: float | None = None) -> None:
        handle = self.window().windowHandle()
        if handle is not None and handle is not self._watched:  # a QWindow exists once the window is shown
            handle.installEventFilter(self._input)
            self._watched = handle
        pos = QCursor.pos()
        if pos != self._cursor:
            self._cursor = pos
            self.session.touch()
        self.session.check_idle()
        if self.session.revision == self._revision:
            return
        self._revision = self.session.revision
        s = self.session
        if s.logged_in and s.auto:
            self.label.setText(QCoreApplication.translate("Login", "演示自动登录：{user}（{role}）").format(user=s.user, role=_role(s.role)))
            self.label.setObjectName("sessionMark")
        elif s.logged_in:
            self.label.setText(f"👤 {s.user} ({_role(s.role)})")
            self.label.setObjectName("")
        else:
            idle = " · " + QCoreApplication.translate("Login", "闲置已退出") if s.last_logout_reason == "idle" else ""
            self.label.setText("🔒 " + QCoreApplication.translate("Login", "未登录") + idle)
            self.label.setObjectName("muted")
        self.label.style().unpolish(self.label)
        self.label.style().polish(self.label)
        self.button.setText(QCoreApplication.translate("Login", "退出") if s.logged_in else QCoreApplication.translate("Login", "登录"))
        self.button.setEnabled(s.logged_in or self.users is not None)

    def _clicked(self) -> None:
        if self.session.logged_in:
            self.session.logout()
            self.tick()
            return
        self.dialog = LoginDialog(self.session, self.users, self.window())
        self.dialog.accepted.connect(self.tick)
        self.dialog.open()

    def teardown(self, signals) -> None:
        try:
            signals.sig_second_ticked.disconnect(self.tick)
        except (RuntimeError, TypeError):
            pass
        if self._watched is not None and shiboken6.isValid(self._watched):
            self._watched.removeEventFilter(self._input)
        self._watched = None
