"""A source that polls: one thread, one request per interval, backoff on failure.

HTTP and SensorThings sources subclass it and write ``poll()``; this class keeps the
health the status bar shows (live, last success, last error, latency) and never lets
a failure escape the thread. Errors are scrubbed of secrets before anyone sees them.
"""

from __future__ import annotations

import logging
import math
import threading
import time

from console.hub.hub import Hub
from console.sources.backoff import backoff_delay
from console.sources.catalog import SourceCatalog
from console.sources.secret_refs import redact

log = logging.getLogger(__name__)


class PollingSource:
    """Base of the polling sources. ``poll()`` does one round; raising means it failed."""

    kind = "poll"

    def __init__(self, name: str, hub: Hub, interval_s: float, max_backoff_s: float) -> None:
        self.name = name
        self.hub = hub
        self.interval_s = _sane_interval(name, "interval_s", interval_s)
        self.max_backoff_s = max(_sane_interval(name, "max_backoff_s", max_backoff_s), self.interval_s)
        self.catalog = SourceCatalog(hub, name, self.kind)
        self.health = hub.register_source(name)
        self.health.detail = self.kind
        self.failures = 0
        self.polls = 0
        self.claimed = 0  # cached streams taken back after the first answer
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # -- what subclasses write ---------------------------------------------------
    def poll(self) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """Release connections (called once the thread has ended)."""

    def stream_prefixes(self) -> tuple[str, ...]:
        """Where this source's stream ids start (its template's fixed part): after a restart
        it claims the cached streams under them once it answers (SourceCatalog.claim_cached)."""
        return ()

    @property
    def bad(self):
        """Bad items by reason, since start."""
        return self.catalog.bad

    # -- the thread ----------------------------------------------------------------
    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name=f"source-{self.name}", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 15.0) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join(timeout)
        self.close()
        self.health.live = False

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def _run(self) -> None:
        delay = 0.0
        while not self._stop.wait(delay):
            t0 = time.monotonic()
            try:
                self.poll()
            except Exception as exc:  # a failing platform must never take the console down
                if self._stop.is_set():
                    break
                self.failures += 1
                msg = redact(f"{type(exc).__name__}: {exc}")
                self.health.live = False
                self.health.last_error, self.health.last_error_ts = msg, time.time()
                delay = backoff_delay(self.failures, self.interval_s, self.max_backoff_s)
                log.warning("source %s failed (%d in a row), retrying in %.1f s: %s", self.name, self.failures, delay, msg)
                continue
            self.polls += 1
            if self.failures:
                log.info("source %s is back after %d failures", self.name, self.failures)
            self.failures = 0
            if self.polls == 1:
                self.claimed = self.catalog.claim_cached(self.stream_prefixes())
            self.health.live = True
            self.health.last_success = time.time()
            self.health.latency_s = time.monotonic() - t0
            delay = max(0.0, self.interval_s - (time.monotonic() - t0))


MIN_INTERVAL_S = 0.05  # 1e-9 would poll a platform hundreds of times a second
MAX_INTERVAL_S = 7 * 86400.0  # and inf would end the thread while it shows live


def _sane_interval(name: str, key: str, value: float) -> float:
    bounded = min(max(value, MIN_INTERVAL_S), MAX_INTERVAL_S) if math.isfinite(value) else MAX_INTERVAL_S
    if bounded != value:
        log.warning("source %s: %s = %r is outside %g-%g s; using %g", name, key, value,
                    MIN_INTERVAL_S, MAX_INTERVAL_S, bounded)
    return bounded
