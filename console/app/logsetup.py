"""Logging for the running console: a queue in front, one writer thread, rotating files. Qt-free.

Every logger writes into a ``QueueHandler``; a single ``QueueListener`` thread is the
only writer of the log file. That matters on Windows, where a file cannot be renamed
while another handle has it open: with one writer, ``RotatingFileHandler`` can close,
rename and reopen the file safely (``delay=True`` also means no empty file is created
before the first record). ``faulthandler`` writes Python tracebacks of every thread to
``crash.log`` in the same folder when the process dies on a signal (segfault, abort) or
when it is told to (SIGUSR1 on Linux, for a support call on a hung console).
"""

from __future__ import annotations

import atexit
import faulthandler
import logging
import logging.handlers
import queue
import sys
from dataclasses import dataclass
from pathlib import Path


from console.settings.paths import APP_NAME, log_dir  # noqa: E402 (defined once)
LOG_FILE = "city-console.log"
CRASH_FILE = "crash.log"
MAX_BYTES = 5 * 1024 * 1024
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"
LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def default_log_dir() -> Path:
    return log_dir()


@dataclass
class LogSetup:
    log_dir: Path
    log_file: Path
    crash_file: Path | None
    listener: logging.handlers.QueueListener
    queue_handler: logging.handlers.QueueHandler
    file_handler: logging.Handler
    _crash_stream: object = None

    def stop(self) -> None:
        """Flush and close: the listener drains the queue, the files are closed, the root logger let go."""
        root = logging.getLogger()
        if self.queue_handler in root.handlers:
            root.removeHandler(self.queue_handler)
        try:
            self.listener.stop()
        except AttributeError:  # already stopped
            pass
        for h in self.listener.handlers:
            h.close()
        if self._crash_stream is not None:
            try:
                faulthandler.disable()
            finally:
                self._crash_stream.close()
                self._crash_stream = None


def setup_logging(
    level: str | int = "WARNING",
    log_dir: Path | None = None,
    *,
    console_level: str | int | None = None,
    max_bytes: int = MAX_BYTES,
    backup_count: int = BACKUP_COUNT,
    crash_reports: bool = True,
) -> LogSetup:
    """Route the root logger through a queue to a rotating file (and stderr). Idempotent per process.

    ``level`` is what goes to the file; stderr shows ``console_level`` (default: the same,
    but at least WARNING, so a GUI started from a terminal stays quiet).
    """
    global _current
    if _current is not None:
        _current.stop()
    from console.app.log_redaction import install_log_redaction

    install_log_redaction()
    log_dir = Path(log_dir) if log_dir else default_log_dir()
    log_dir.mkdir(parents=True, exist_ok=True)
    log_file = log_dir / LOG_FILE
    lvl = _level(level)
    file_handler = logging.handlers.RotatingFileHandler(
        log_file, maxBytes=max_bytes, backupCount=backup_count, encoding="utf-8", delay=True
    )
    file_handler.setFormatter(logging.Formatter(FORMAT))
    file_handler.setLevel(lvl)
    handlers: list[logging.Handler] = [file_handler]
    if sys.stderr is not None:  # None in a Windows GUI build (no console)
        err = logging.StreamHandler(sys.stderr)
        err.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        err.setLevel(_level(console_level) if console_level is not None else max(lvl, logging.WARNING))
        handlers.append(err)
    q: queue.SimpleQueue = queue.SimpleQueue()
    qh = logging.handlers.QueueHandler(q)
    listener = logging.handlers.QueueListener(q, *handlers, respect_handler_level=True)
    root = logging.getLogger()
    for h in list(root.handlers):  # basicConfig's or an earlier setup's
        root.removeHandler(h)
    root.addHandler(qh)
    root.setLevel(min(h.level for h in handlers))
    listener.start()
    _log_uncaught_exceptions()
    crash_file, crash_stream = None, None
    if crash_reports:
        crash_file = log_dir / CRASH_FILE
        crash_stream = open(crash_file, "a", encoding="utf-8")  # noqa: SIM115 (kept open for faulthandler)
        faulthandler.enable(file=crash_stream, all_threads=True)
        if hasattr(faulthandler, "register") and hasattr(__import__("signal"), "SIGUSR1"):
            import signal

            faulthandler.register(signal.SIGUSR1, file=crash_stream, all_threads=True, chain=False)
    _current = LogSetup(log_dir, log_file, crash_file, listener, qh, file_handler, crash_stream)
    atexit.register(_current.stop)
    return _current


def _log_uncaught_exceptions() -> None:
    """An exception nobody caught, on any thread, goes to the log with its traceback (then to
    whatever hook was there before, e.g. stderr). Installed once per process."""
    import threading

    if getattr(sys.excepthook, "_city_console", False):
        return
    previous_sys, previous_thread = sys.excepthook, threading.excepthook
    uncaught = logging.getLogger("uncaught")

    def on_main(exc_type, exc, tb):
        if not issubclass(exc_type, KeyboardInterrupt):
            uncaught.critical("uncaught exception on the main thread", exc_info=(exc_type, exc, tb))
        previous_sys(exc_type, exc, tb)

    def on_thread(args):
        if args.exc_type is not SystemExit:
            name = args.thread.name if args.thread is not None else "?"
            uncaught.critical("uncaught exception in thread %s", name,
                              exc_info=(args.exc_type, args.exc_value, args.exc_traceback))
        previous_thread(args)

    on_main._city_console = True  # type: ignore[attr-defined]
    sys.excepthook, threading.excepthook = on_main, on_thread


def _level(level: str | int) -> int:
    if isinstance(level, int):
        return level
    value = logging.getLevelName(str(level).upper())
    if not isinstance(value, int):
        raise ValueError(f"unknown log level {level!r} (one of {', '.join(LEVELS)})")
    return value


_current: LogSetup | None = None
