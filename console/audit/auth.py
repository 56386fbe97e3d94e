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

from console.languages import Text

ROLES = ("viewer", "operator", "admin")
OPERATOR_ACTIONS = frozenset({
    "alarm.ack", "alarm.comment", "alarm.shelve", "alarm.unshelve", "layout.edit", "layout.open", "task.edit",
    "wall.veto", "wall.take", "wall.hotkey", "playlist.hold", "playlist.step", "playlist.stop",
    # incidents (console.incidents.book): open one, act on it (teams, steps, notes, severity, alarms), close it
    "incident.open", "incident.act", "incident.close",
})
PERMISSIONS: dict[str, frozenset[str]] = {
    "viewer": frozenset(),
    "operator": OPERATOR_ACTIONS,
    "admin": OPERATOR_ACTIONS | {"user.manage", "audit.export"},
}
MAX_FAILURES = 5
LOCKOUT_S = 300.0
IDLE_LOGOUT_S = 900.0
SCRYPT_N = 2**17  # 128 MiB and ~0.4 s a hash: slow for guessing, fine for a login
_SCRYPT_R, _SCRYPT_P = 8, 1
_MAXMEM = 256 * 1024 * 1024  # hashlib's default (32 MiB) refuses N=2^17
# at most two hashes at once: 40 concurrent logins must not ask for 5 GiB
_HASHING = threading.BoundedSemaphore(2)

AuditFn = Callable[..., None]  # Store.audit(user, action, target, detail, outcome=...)


class AuthError(Exception):
    """A login that did not succeed; the message is fit to show the operator."""


class LockedOut(AuthError):
    pass


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    with _HASHING:
        return hashlib.scrypt(password.encode(), salt=salt, n=n, r=r, p=p, dklen=32, maxmem=_MAXMEM)


def hash_password(password: str, salt: bytes | None = None, n: int = SCRYPT_N) -> str:
    salt = secrets.token_bytes(16) if salt is None else salt
    digest = _scrypt(password, salt, n, _SCRYPT_R, _SCRYPT_P)
    return f"scrypt${n}${_SCRYPT_R}${_SCRYPT_P}${salt.hex()}${digest.hex()}"


def hash_cost(stored: str) -> int:
    """The scrypt N a stored hash was made with (0 if it is no scrypt hash)."""
    parts = stored.split("$")
    return int(parts[1]) if len(parts) == 6 and parts[0] == "scrypt" and parts[1].isdigit() else 0


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        got = _scrypt(password, bytes.fromhex(salt), int(n), int(r), int(p))
    except ValueError:
        return False
    return hmac.compare_digest(got.hex(), digest)


class UserDirectory:
    """The users table of a cache file."""

    def __init__(
        self, path: Path | str, audit: AuditFn | None = None, clock: Callable[[], float] = time.time,
        scrypt_n: int = SCRYPT_N,
    ) -> None:
        self.path = Path(path)
        self.scrypt_n = scrypt_n
        self._dummy: str | None = None
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
            (name, role, hash_password(password, n=self.scrypt_n), self.clock()),
        )

    def users(self) -> list[tuple[str, str]]:
        return self._run("SELECT name, role FROM users ORDER BY name")

    def authenticate(self, name: str, password: str) -> str:
        """The user's role if the password is right; raises AuthError or LockedOut.

        An unknown name costs one scrypt hash like a known one, so timing does not
        tell which names exist; the failure count is raised in one SQL statement,
        so concurrent attempts (threads, or two desks on one file) all count.
        """
        now = self.clock()
        rows = self._run("SELECT role, password, locked_until FROM users WHERE name = ?", (name,))
        if rows and rows[0][2] and rows[0][2] > now:
            self._locked(name, rows[0][2] - now)
        if not rows:
            verify_password(password, self._dummy_hash())
            self._note(name, "auth.login", "denied: wrong name or password")
            raise AuthError(Text("Login", "用户名或密码错误"))
        role, stored, _ = rows[0]
        if not verify_password(password, stored):
            self._run(
                "UPDATE users SET failures = CASE WHEN failures + 1 >= ?1 THEN 0 ELSE failures + 1 END,"
                " locked_until = CASE WHEN failures + 1 >= ?1 THEN ?2 ELSE locked_until END WHERE name = ?3",
                (MAX_FAILURES, now + LOCKOUT_S, name),
            )
            self._note(name, "auth.login", "denied: wrong name or password")
            raise AuthError(Text("Login", "用户名或密码错误"))
        # the right password, unless another attempt locked the name meanwhile
        cleared = self._run(
            "UPDATE users SET failures = 0, locked_until = NULL"
            " WHERE name = ? AND (locked_until IS NULL OR locked_until <= ?) RETURNING name",
            (name, now),
        )
        if not cleared:
            (until,) = self._run("SELECT locked_until FROM users WHERE name = ?", (name,))[0]
            self._locked(name, (until or now) - now)
        if hash_cost(stored) < self.scrypt_n:  # an old, cheaper hash: upgrade it now we know the password
            self._run("UPDATE users SET password = ? WHERE name = ?", (hash_password(password, n=self.scrypt_n), name))
            self._note(name, "auth.rehash", f"ok: scrypt N={self.scrypt_n}")
        self._note(name, "auth.login", "ok")
        return role

    def _locked(self, name: str, left_s: float) -> None:
        left = int(left_s + 59) // 60
        self._note(name, "auth.login", f"denied: locked for {left} min")
        raise LockedOut(Text("Login", "账户已锁定：连续 {n} 次登录失败，请 {left} min 后再试").format(n=MAX_FAILURES, left=left))

    def _dummy_hash(self) -> str:
        if self._dummy is None:
            self._dummy = hash_password(secrets.token_hex(8), n=self.scrypt_n)
        return self._dummy

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
