"""One permission check for every operator action, and its audit row. Qt-free.

The alarm engine, the wall, layouts and the task board all ask ``refusal(who, action)``
(who: the desk's ``Session``, or an ``Actor`` for a known user and role); a
``Gate`` bound to the desk's session adds the audit row, so every action and every
refusal is written with user, time, action, target and outcome.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from console.audit.auth import PERMISSIONS, ROLES, AuditFn


class Who(Protocol):
    user: str | None
    role: str

    def can(self, action: str) -> bool: ...


@dataclass(frozen=True)
class Actor:
    """A user and a role known without a login at this desk (a service, a test, the CLI)."""

    user: str
    role: str

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ValueError(f"role must be one of {', '.join(ROLES)}, not {self.role!r}")

    def can(self, action: str) -> bool:
        return action in PERMISSIONS.get(self.role, frozenset())


def refusal(who: Who | None, action: str) -> str | None:
    """Why ``who`` may not do ``action`` (an audit outcome), or None when allowed."""
    if who is None or not who.user:
        return "denied: not logged in"
    if not who.can(action):
        return f"denied: role {who.role} may not {action}"
    return None


def user_of(who: Who | None) -> str:
    return (who.user if who is not None else None) or "-"


class Gate:
    """The desk's door for operator actions: ``allows`` checks and audits a refusal,
    ``done`` audits what was done. A session's idle timer restarts on every allowed action."""

    def __init__(self, session: Who, audit: AuditFn) -> None:
        self.session = session
        self.audit = audit

    def allows(self, action: str, target: str, **detail) -> bool:
        why = refusal(self.session, action)
        if why is not None:
            self.audit(user_of(self.session), action, target, detail, outcome=why)
            return False
        touch = getattr(self.session, "touch", None)
        if touch is not None:
            touch()
        return True

    def done(self, action: str, target: str, outcome: str = "ok", **detail) -> None:
        self.audit(user_of(self.session), action, target, detail, outcome=outcome)

    def attempt(self, action: str, target: str, **detail) -> bool:
        """Check, and audit the action as done when allowed (for actions that cannot fail)."""
        if not self.allows(action, target, **detail):
            return False
        self.done(action, target, **detail)
        return True
