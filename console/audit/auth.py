"""Operator identity: users with roles, salted password hashes, lockout, idle logout. Qt-free.

Users live in the cache file's ``users`` table (one file to back up; the console
already treats it as precious: synchronous=FULL). Passwords are hashed with scrypt
(hashlib, no dependency) and a per-user random salt. Five failed logins lock the
name for five minutes, and the lock survives a restart. A ``Session`` is who sits
at the desk now: tiles ask it ``can(action)``; wall-only screens have none and
show no operator controls.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROLES = ("viewer", "operator", "admin")
OPERATOR_ACTIONS = frozenset({"alarm.ack", "alarm.shelve", "alarm.unshelve", "layout.edit", "task.edit"})
PERMISSIONS: dict[str, frozenset[str]] = {
    "viewer": frozenset(),
    "operator": OPERATOR_ACTIONS,
    "admin": OPERATOR_ACTIONS | {"user.manage", "audit.export"},
}
MAX_FAILURES = 5
LOCKOUT_S = 300.0
IDLE_LOGOUT_S = 900.0
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}  # ~16 MB, some tens of ms: slow for guessing, fine for a login

AuditFn = Callable[..., None]  # Store.audit(user, action, target, detail, outcome=...)


class AuthError(Exception):
    """A login that did not succeed; the message is fit to show the operator."""


class LockedOut(AuthError):
    pass


def hash_password(password: str, salt: bytes | None = None) -> str:
    salt = secrets.token_bytes(16) if salt is None else salt
    digest = hashlib.scrypt(password.encode(), salt=salt, dklen=32, **_SCRYPT)
    return f"scrypt${_SCRYPT['n']}${_SCRYPT['r']}${_SCRYPT['p']}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    got = hashlib.scrypt(password.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p), dklen=32)
    return hmac.compare_digest(got.hex(), digest)


class UserDirectory:
    """The users table of a cache file."""

    def __init__(self, path: Path | str, audit: AuditFn | None = None, clock: Callable[[], float] = time.time) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.audit = audit
        self.clock = clock
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(str(self.path), check_same_thread=False, timeout=30.0)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=FULL")
        self._conn.execute(
            "CREATE TABLE IF NOT EXISTS users (name TEXT PRIMARY KEY, role TEXT NOT NULL, password TEXT NOT NULL,"
            " failures INTEGER NOT NULL DEFAULT 0, locked_until REAL, created_ts REAL)"
        )
        self._conn.commit()

    def close(self) -> None:
        self._conn.close()

    def _run(self, sql: str, params: tuple = ()) -> list[tuple]:
        with self._lock:
            rows = self._conn.execute(sql, params).fetchall()
            self._conn.commit()
            return rows

    def add(self, name: str, role: str, password: str) -> None:
        """Add a user, or replace the role and password of an existing one."""
        name = name.strip()
        if not name:
            raise ValueError("a user needs a name")
        if role not in ROLES:
            raise ValueError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
        if len(password) < 8:
            raise ValueError("a password needs at least 8 characters")
        self._run(
            "INSERT INTO users (name, role, password, created_ts) VALUES (?, ?, ?, ?)"
            " ON CONFLICT(name) DO UPDATE SET role=excluded.role, password=excluded.password, failures=0, locked_until=NULL",
            (name, role, hash_password(password), self.clock()),
        )

    def users(self) -> list[tuple[str, str]]:
        return self._run("SELECT name, role FROM users ORDER BY name")

    def authenticate(self, name: str, password: str) -> str:
        """The user's role if the password is right; raises AuthError or LockedOut."""
        now = self.clock()
        rows = self._run("SELECT role, password, failures, locked_until FROM users WHERE name = ?", (name,))
        if rows and rows[0][3] and rows[0][3] > now:
            left = int(rows[0][3] - now + 59) // 60
            self._note(name, "auth.login", f"denied: locked for {left} min")
            raise LockedOut(f"账户已锁定 Locked after {MAX_FAILURES} failed logins: try again in {left} min")
        if not rows or not verify_password(password, rows[0][1]):
            if rows:
                failures = rows[0][2] + 1
                locked = now + LOCKOUT_S if failures >= MAX_FAILURES else None
                self._run(
                    "UPDATE users SET failures = ?, locked_until = ? WHERE name = ?",
                    (0 if locked else failures, locked, name),
                )
            self._note(name, "auth.login", "denied: wrong name or password")
            raise AuthError("用户名或密码错误 Wrong name or password")
        self._run("UPDATE users SET failures = 0, locked_until = NULL WHERE name = ?", (name,))
        self._note(name, "auth.login", "ok")
        return rows[0][0]

    def _note(self, user: str, action: str, outcome: str) -> None:
        if self.audit is not None:
            self.audit(user, action, f"user:{user}", "", outcome=outcome, ts=self.clock())


class Session:
    """Who is at the desk: a user and a role, or nobody (a viewer).

    ``revision`` changes at every login and logout so views can redraw their
    controls; ``check_idle`` logs out after ``idle_timeout_s`` without activity
    (an automatic demo login does not time out).
    """

    def __init__(
        self, idle_timeout_s: float = IDLE_LOGOUT_S, audit: AuditFn | None = None, clock: Callable[[], float] = time.time
    ) -> None:
        self.idle_timeout_s = idle_timeout_s
        self.audit = audit
        self.clock = clock
        self.user: str | None = None
        self.role = "viewer"
        self.auto = False
        self.revision = 0
        self.last_activity = clock()
        self.last_logout_reason = ""

    @property
    def logged_in(self) -> bool:
        return self.user is not None

    def can(self, action: str) -> bool:
        return self.logged_in and action in PERMISSIONS.get(self.role, frozenset())

    def login(self, directory: UserDirectory, name: str, password: str) -> None:
        role = directory.authenticate(name, password)  # raises AuthError
        self.authenticated(name, role)

    def authenticated(self, name: str, role: str) -> None:
        """Start the session of a user the directory has just authenticated (the login
        dialog checks the password off the GUI thread, then calls this on it)."""
        self._set(name, role, auto=False)

    def login_auto(self, name: str, role: str) -> None:
        """Log in without a password (the demo's operator); shown as such on screen."""
        if role not in ROLES:
            raise ValueError(f"role must be one of {', '.join(ROLES)}")
        self._set(name, role, auto=True)
        if self.audit is not None:
            self.audit(name, "auth.login", f"user:{name}", {"auto": True}, outcome="ok", ts=self.clock())

    def logout(self, reason: str = "logout") -> None:
        if self.user is None:
            return
        if self.audit is not None:
            self.audit(self.user, "auth.logout", f"user:{self.user}", {"reason": reason}, outcome="ok", ts=self.clock())
        self.user, self.role, self.auto = None, "viewer", False
        self.last_logout_reason = reason
        self.revision += 1

    def touch(self) -> None:
        """The operator did something: the idle timer starts again."""
        self.last_activity = self.clock()

    def check_idle(self) -> bool:
        """Log out an idle operator. True if this call logged someone out."""
        if self.logged_in and not self.auto and self.clock() - self.last_activity > self.idle_timeout_s:
            self.logout("idle")
            return True
        return False

    def _set(self, name: str, role: str, auto: bool) -> None:
        self.user, self.role, self.auto = name, role, auto
        self.last_activity = self.clock()
        self.last_logout_reason = ""
        self.revision += 1
