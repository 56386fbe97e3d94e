"""systemd's notify protocol (sd_notify) with the standard library only. Qt-free.

Under a ``Type=notify`` unit with ``WatchdogSec=``, systemd passes ``NOTIFY_SOCKET``
(an AF_UNIX datagram socket; a leading ``@`` means the abstract namespace) and
``WATCHDOG_USEC``. The console sends ``READY=1`` once the wall is painted and then
``WATCHDOG=1`` from a timer on the GUI thread: a hung GUI thread stops the heartbeat,
and systemd kills and restarts the service. Without ``NOTIFY_SOCKET`` (Windows, a
terminal, the tests of other features) every call does nothing.
"""

from __future__ import annotations

import logging
import os
import socket

log = logging.getLogger(__name__)


class Notifier:
    def __init__(self, environ: dict[str, str] | None = None) -> None:
        env = os.environ if environ is None else environ
        self.address = _address(env.get("NOTIFY_SOCKET", ""))
        self.watchdog_usec = _watchdog_usec(env)
        self._sock: socket.socket | None = None
        self._warned = False

    @property
    def enabled(self) -> bool:
        return self.address is not None

    @property
    def heartbeat_interval_s(self) -> float | None:
        """How often to send WATCHDOG=1: half the watchdog timeout (systemd's advice), or None."""
        if not self.enabled or not self.watchdog_usec:
            return None
        return self.watchdog_usec / 2e6

    def notify(self, *fields: str) -> bool:
        """Send ``KEY=VALUE`` lines as one datagram. False (never an exception) if it could not."""
        if self.address is None:
            return False
        try:
            if self._sock is None:
                self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
                self._sock.setblocking(False)
            self._sock.sendto("\n".join(fields).encode("utf-8"), self.address)
            return True
        except OSError as exc:
            if not self._warned:  # the supervisor went away: say it once, keep running
                log.warning("sd_notify to %s failed: %s", self.address, exc)
                self._warned = True
            return False

    def ready(self, status: str | None = None) -> bool:
        return self.notify("READY=1", *([f"STATUS={status}"] if status else []), f"MAINPID={os.getpid()}")

    def heartbeat(self) -> bool:
        return self.notify("WATCHDOG=1")

    def status(self, text: str) -> bool:
        return self.notify(f"STATUS={text}")

    def stopping(self) -> bool:
        return self.notify("STOPPING=1")

    def close(self) -> None:
        if self._sock is not None:
            self._sock.close()
            self._sock = None


def _address(value: str) -> str | bytes | None:
    if not value or not hasattr(socket, "AF_UNIX"):
        return None
    if value.startswith("@"):  # abstract namespace (Linux)
        return "\0" + value[1:]
    if value.startswith("/"):
        return value
    return None  # systemd also allows vsock:..., not used by user units


def _watchdog_usec(env) -> int | None:
    try:
        usec = int(env.get("WATCHDOG_USEC", ""))
    except ValueError:
        return None
    pid = env.get("WATCHDOG_PID")
    if pid and pid.isdigit() and int(pid) != os.getpid():
        return None  # the watchdog is meant for another process (e.g. our parent shell)
    return usec if usec > 0 else None
