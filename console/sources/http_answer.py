"""One HTTP answer, read as a platform gives it: within a total deadline and a size cap, and
described when it is not what we asked for (an HTML login page, JSON cut off at byte N, a
500 with the platform's own message, ``{"code": 1, "msg": "token 已过期"}`` with status 200).
Qt-free; used by the HTTP and SensorThings sources.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

_TAGS = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"\s+")
_MESSAGE_KEYS = ("msg", "message", "error_description", "error", "errmsg", "errMsg", "detail", "reason")


class PlatformError(RuntimeError):
    """The platform answered, but not with data; the message says what came."""


@dataclass
class Answer:
    status: int
    headers: Any
    body: bytes
    elapsed_s: float


def fetch(session, method: str, url: str, *, timeout_s: float, max_bytes: int,
          stopping: Callable[[], bool] = lambda: False, **kwargs) -> Answer:
    """The whole answer within ``timeout_s`` (connect, headers and body together) and ``max_bytes``."""
    t0 = time.monotonic()
    deadline = t0 + timeout_s
    resp = session.request(method, url, timeout=(timeout_s, timeout_s), stream=True, **kwargs)
    chunks, size = [], 0
    try:
        while True:
            # read1: what has come, at most 64 kB: a full-size read would block on a trickle of
            # a byte every 0.2 s, which never times out a single read (urllib3 >= 2.3)
            chunk = resp.raw.read1(64 * 1024, decode_content=True)
            if not chunk:
                break
            size += len(chunk)
            if size > max_bytes:
                raise PlatformError(f"answer larger than {max_bytes / 1e6:.0f} MB (max_body_mb): "
                                    f"stopped reading at byte {size:,}")
            if time.monotonic() > deadline:
                raise PlatformError(f"answer not complete within {timeout_s:g} s (timeout_s): "
                                    f"{size:,} bytes had come")
            if stopping():
                raise PlatformError("stopped while reading the answer")
            chunks.append(chunk)
    finally:
        resp.close()
    return Answer(resp.status_code, resp.headers, b"".join(chunks), time.monotonic() - t0)


def _text(body: bytes) -> str:
    return body.decode("utf-8", errors="replace")


def _short(text: str, n: int = 160) -> str:
    text = _SPACES.sub(" ", text).strip()
    return text if len(text) <= n else text[: n - 1] + "…"


def platform_message(body: bytes) -> str:
    """The platform's own words in an error answer: a JSON message field, or an HTML page's text."""
    text = _text(body).strip()
    try:
        doc = json.loads(text)
    except ValueError:
        doc = None
    if isinstance(doc, dict):
        for k in _MESSAGE_KEYS:
            v = doc.get(k)
            if isinstance(v, dict):
                v = v.get("message") or v.get("msg")
            if isinstance(v, (str, int, float)) and str(v):
                return _short(str(v))
        return _short(text)
    if text.startswith("<"):
        title = re.search(r"<title[^>]*>(.*?)</title>", text, re.I | re.S)
        return _short(title.group(1) if title else _TAGS.sub(" ", text)) or "an HTML page"
    return _short(text) or "an empty answer"


def status_error(answer: Answer) -> PlatformError:
    return PlatformError(f"HTTP {answer.status}: {platform_message(answer.body)}")


def parse_json(answer: Answer) -> Any:
    """The answer's JSON, or a PlatformError saying what came instead."""
    text = _text(answer.body)
    try:
        return json.loads(text)
    except RecursionError:
        raise PlatformError(f"JSON nested too deeply ({len(answer.body):,} bytes)") from None
    except ValueError as exc:
        ctype = answer.headers.get("Content-Type", "") if answer.headers is not None else ""
        stripped = text.lstrip()
        if not stripped:
            raise PlatformError(f"empty answer (HTTP {answer.status})") from None
        if stripped.startswith("<"):
            raise PlatformError(f"an HTML page instead of JSON ({ctype or 'no content type'}): "
                                f"{platform_message(answer.body)}") from None
        pos = getattr(exc, "pos", None)
        if pos is not None and pos >= len(text.rstrip()) - 1:
            raise PlatformError(f"JSON cut off at byte {len(answer.body):,} (truncated answer)") from None
        at = f" at byte {pos:,}" if pos is not None else ""
        raise PlatformError(f"not JSON{at}: {getattr(exc, 'msg', exc)} near {_short(text[max(0, (pos or 0) - 20):(pos or 0) + 40], 60)!r}") from None
