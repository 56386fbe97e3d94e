"""HTTP/JSON polling source: any platform that answers a GET (or POST) with JSON.

Every ``interval_s`` it asks the URL, with ``If-None-Match`` / ``If-Modified-Since``
when the server gave validators, and with ``since_param`` set to the newest time it
already holds, so after an outage (of the server or of the console) the server can
send the whole gap. The JSON goes through the source's jmespath mapping. Failures
back off exponentially with jitter; every request has a timeout.
"""

from __future__ import annotations

import time
from datetime import datetime, timezone
from typing import Any

from console.hub.hub import Hub
from console.sources import secret_refs
from console.sources.catalog import bounded_backfill, last_ts_in_cache
from console.sources.json_mapping import JsonMapping
from console.sources.http_answer import PlatformError, fetch, parse_json, status_error
from console.sources.polling import PollingSource
from console.settings.sources import SourceSettings
from console.sources.tls import http_session


def format_since(ts: float, fmt: str, tz: str = "Asia/Shanghai") -> str:
    """``since`` as the platform wants it: ``iso`` (UTC), ``epoch_s``, ``epoch_ms``, or a strftime
    pattern in a time zone (many Chinese platforms want local ``%Y-%m-%d %H:%M:%S``)."""
    if "%" in fmt:
        from zoneinfo import ZoneInfo

        return datetime.fromtimestamp(ts, ZoneInfo(tz)).strftime(fmt)
    if fmt == "epoch_s":
        return f"{ts:.3f}"
    if fmt == "epoch_ms":
        return str(int(ts * 1000))
    return datetime.fromtimestamp(ts, timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class HttpSource(PollingSource):
    kind = "http"

    def __init__(self, settings: SourceSettings, hub: Hub) -> None:
        o = settings.options
        super().__init__(settings.name, hub, float(o.get("interval_s", 60)), float(o.get("max_backoff_s", 600)))
        self.options = o
        self.timeout_s = float(o.get("timeout_s", 10))  # the whole answer: connect, headers and body
        self.max_bytes = int(float(o.get("max_body_mb", 20)) * 1e6)
        self.max_items = int(o.get("max_items", 50_000))
        if "%" in str(o.get("since_format", "")):
            from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

            try:
                ZoneInfo(o.get("since_tz", "Asia/Shanghai"))
            except (ZoneInfoNotFoundError, ValueError) as exc:
                raise ValueError(f"{settings.name}: since_tz {o.get('since_tz')!r} is not a known time zone") from exc
        self.mapping = JsonMapping(o["mapping"], source=settings.name, where=f"{settings.where}.mapping")
        self.session = None
        self._resolved: tuple[str, dict[str, str], dict[str, Any]] | None = None
        self._validators: dict[str, str] = {}
        self._since: float | None = None
        self._since_ready = False

    def _request_parts(self) -> tuple[str, dict[str, str], dict[str, Any]]:
        """URL, headers and params with secret references resolved (once, at run time)."""
        if self._resolved is None:
            o = self.options
            self._resolved = (
                secret_refs.resolve(o["url"]),
                {k: secret_refs.resolve(v) for k, v in o.get("headers", {}).items()},
                {k: secret_refs.resolve(v) if isinstance(v, str) else v for k, v in o.get("params", {}).items()},
            )
        return self._resolved

    def since(self) -> float | None:
        """The newest time this source already holds: the cache's, or now - backfill_s."""
        if not self._since_ready:
            self._since_ready = True
            prefix = self.mapping.stream_prefix
            self._since = last_ts_in_cache(self.hub.store, prefix) if prefix else None
            backfill = bounded_backfill(self.hub.store, self.health, float(self.options.get("backfill_s", 0)))
            if self._since is None and backfill > 0:
                self._since = time.time() - backfill
        return self._since

    def poll(self) -> None:
        if self.session is None:
            self.session = http_session(self.name, self.options)
        url, headers, params = self._request_parts()
        params = dict(params)
        sp = self.options.get("since_param")
        if sp and self.since() is not None:
            params[sp] = format_since(self._since, self.options.get("since_format", "iso"),
                                      self.options.get("since_tz", "Asia/Shanghai"))
        # validators are sent even when `since` moved: `since` only advances to data we
        # hold, so an unchanged collection has nothing new for us either way
        headers = {**headers, **self._validators}
        answer = fetch(
            self.session, self.options.get("method", "GET"), url, params=params, headers=headers,
            json=self.options.get("body"), timeout_s=self.timeout_s, max_bytes=self.max_bytes,
            stopping=lambda: self.stopping,
        )
        if answer.status == 304:
            return
        if answer.status >= 400:
            raise status_error(answer)
        doc = parse_json(answer)
        refusal = self.mapping.refusal(doc)
        if refusal is not None:  # {"code": 1, "msg": "token 已过期"} with status 200: down, with its words
            raise PlatformError(refusal)
        self._validators = {}
        if answer.headers.get("ETag"):
            self._validators["If-None-Match"] = answer.headers["ETag"]
        if answer.headers.get("Last-Modified"):
            self._validators["If-Modified-Since"] = answer.headers["Last-Modified"]
        result = self.mapping.apply(doc, time.time(), limit=self.max_items)
        self.catalog.take(result)
        if result.readings:
            newest = max(r.ts for r in result.readings)
            self._since = min(max(self._since or newest, newest), time.time())  # never past now

    def stream_prefixes(self) -> tuple[str, ...]:
        return (self.mapping.stream_prefix,)

    def close(self) -> None:
        if self.session is not None:
            self.session.close()
