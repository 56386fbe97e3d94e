"""Secrets never reach a log line, from any logger (urllib3's DEBUG request lines included). Qt-free.

A log record factory scrubs every record as it is made, before any handler, filter or
queue sees it: the secrets resolved so far (secret_refs), and what looks like one even
if the console never resolved it (a token written into a URL by hand): a secret-named
query parameter, an Authorization value, a URL's user-info password.
"""

from __future__ import annotations

import logging
import re

from console.sources.secret_refs import redact

_PATTERNS = (
    # ?access_token=..., &appkey=..., &sign=... (urllib3 logs the request line with its query)
    (re.compile(r"(?i)([?&;][\w.\-]*(?:token|key|secret|passw(?:or)?d|sign(?:ature)?|credential|auth)[\w.\-]*=)[^&\s\"'#]+"),
     r"\1***"),
    (re.compile(r"(?i)((?:proxy-)?authorization['\"]?\s*[:=]\s*['\"]?(?:(?:bearer|basic|digest|token)\s+)?)[^\s'\",}]+"),
     r"\1***"),
    (re.compile(r"(://[^/\s:@]+:)[^@/\s]+@"), r"\1***@"),
)


def scrub(text: str) -> str:
    text = redact(text)
    for pattern, repl in _PATTERNS:
        text = pattern.sub(repl, text)
    return text


def install_log_redaction() -> None:
    """Make every log record of this process scrubbed (idempotent)."""
    previous = logging.getLogRecordFactory()
    if getattr(previous, "redacting", False):
        return

    def factory(*args, **kwargs) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 (a bad format string is logging's to report, not ours)
            return record
        clean = scrub(message)
        if clean != message:
            record.msg, record.args = clean, None
        if record.exc_info:
            # the traceback's text (an exception's message may hold a URL), cached for every formatter
            record.exc_text = scrub(logging.Formatter().formatException(record.exc_info))
        return record

    factory.redacting = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(factory)
