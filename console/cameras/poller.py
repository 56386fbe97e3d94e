"""The polling loop every snapshot source shares: a schedule, a bounded pool, the outputs.

One scheduler thread decides which cameras are due; a fixed pool of workers does
the fetching (HTTP, or rendering for the simulator). A camera is never fetched
twice at once, so a hanging camera costs one worker for one timeout, not a pile
of them. Each answer goes out the usual way: the frame to the snapshot cache
first, then the camera's status reading to the hub, where freshness and alarm
rules see it like any other stream.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor

from console.cameras.model import CameraStatus, Snapshot, event_stream, sniff_image, status_reading, status_stream
from console.store.snapshots import SnapshotStore
from console.hub.hub import Hub
from console.model import Entity, Quality, Reading

log = logging.getLogger(__name__)


class SnapshotPoller:
    """Polls cameras every ``refresh_s`` (or each camera's own ``refresh_s`` attribute)."""

    def __init__(
        self,
        name: str,
        cameras: Sequence[Entity],
        hub: Hub,
        snapshots: SnapshotStore,
        *,
        workers: int = 8,
        refresh_s: float | None = None,
    ) -> None:
        self.name = name
        self.cameras = {c.id: c for c in cameras}
        self.hub = hub
        self.snapshots = snapshots
        self.workers = workers
        self.refresh_s = refresh_s
        self.last: dict[str, Snapshot] = {}  # the latest answer of each camera
        self._in_flight: set[str] = set()
        self._due: dict[str, float] = {}
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._pool: ThreadPoolExecutor | None = None
        self._thread: threading.Thread | None = None
        self.health = hub.register_source(name, (status_stream(c) for c in self.cameras))
        self.health.detail = f"{len(self.cameras)} cameras"

    # -- what a source implements --------------------------------------------------
    def fetch(self, camera: Entity) -> Snapshot:
        """Get one snapshot. Runs on a worker; must return (not raise) within its timeouts."""
        raise NotImplementedError

    # -- running -------------------------------------------------------------------
    def interval(self, camera: Entity) -> float:
        return float(self.refresh_s or camera.attrs.get("refresh_s") or 10.0)

    def poll_once(self, ids: Iterable[str] | None = None) -> list[Snapshot]:
        """Fetch the given cameras (default all) now, on the pool; wait and return the answers."""
        pool = self._pool or ThreadPoolExecutor(self.workers, thread_name_prefix=f"cam-{self.name}")
        try:
            futures = [pool.submit(self._run_one, self.cameras[i]) for i in (ids or list(self.cameras))]
            return [f.result() for f in futures]
        finally:
            if pool is not self._pool:
                pool.shutdown(wait=True)

    def start(self) -> None:
        self._pool = ThreadPoolExecutor(self.workers, thread_name_prefix=f"cam-{self.name}")
        # until every camera has answered once the source is catching up: a camera not yet
        # asked is not silent (no "camera silent" alarms while the first round runs)
        self._first_round = set(self.cameras)
        if self._first_round:
            self.health.backlog_progress = 0.0
            self.health.catching_up = True
        now = time.monotonic()
        # a camera may ask for its first frame later (``first_after_s``): a big simulated set
        # spreads its start instead of queueing every frame at once ahead of the others
        self._due = {cid: now + float(c.attrs.get("first_after_s", 0.0)) for cid, c in self.cameras.items()}
        self._thread = threading.Thread(target=self._schedule, name=f"source-{self.name}", daemon=True)
        self._thread.start()

    def refresh_all(self) -> None:
        """Poll every camera now (simulated time jumped: their last frames are suddenly old)."""
        now = time.monotonic()
        for cid in list(self._due):
            self._due[cid] = now
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread:
            self._thread.join(timeout=5)
        if self._pool:
            self._pool.shutdown(wait=False, cancel_futures=True)
        self.health.live = False

    def before_polling(self) -> None:
        """Runs once on the scheduler thread before the first poll (a source's set-up)."""

    def _schedule(self) -> None:
        try:
            self.before_polling()
        except Exception as exc:  # set-up trouble is reported; polling goes on
            log.exception("source %s: set-up failed", self.name)
            self.health.last_error = f"{type(exc).__name__}: {exc}"
        while not self._stop.is_set():
            self._wake.clear()
            now = time.monotonic()
            next_due = now + 1.0
            for cid, due in list(self._due.items()):
                if due > now:
                    next_due = min(next_due, due)
                    continue
                with self._lock:
                    if cid in self._in_flight:
                        continue  # still busy with the last request: it will time out on its own
                    self._in_flight.add(cid)
                camera = self.cameras[cid]
                # the interval is in the clock's seconds: a demo at --speed 60 polls its
                # simulated cameras 60x as often, so their ages stay true to the clock
                self._due[cid] = now + self.interval(camera) / self.hub.clock.speed
                next_due = min(next_due, self._due[cid])
                fut: Future = self._pool.submit(self._run_one, camera)  # type: ignore[union-attr]
                fut.add_done_callback(lambda _f, cid=cid: self._done(cid))
            self._wake.wait(max(0.02, next_due - time.monotonic()))

    def _done(self, cid: str) -> None:
        with self._lock:
            self._in_flight.discard(cid)
        self._wake.set()  # it may be overdue: let the scheduler look again

    def _run_one(self, camera: Entity) -> Snapshot:
        try:
            snap = self.fetch(camera)
        except Exception as exc:  # a broken camera or source must not stop the others
            log.exception("camera %s: fetch failed", camera.id)
            snap = Snapshot(camera.id, self.hub.clock.now(), CameraStatus.ERROR, reason=f"{type(exc).__name__}: {exc}")
        self._deliver(snap)
        return snap

    def _deliver(self, snap: Snapshot) -> None:
        if snap.status == CameraStatus.OK:
            fmt = sniff_image(snap.data) or "jpeg"
            self.snapshots.put(snap.camera_id, snap.image_ts, snap.data, received=snap.received, format=fmt)
        self.last[snap.camera_id] = snap
        readings = [status_reading(snap.camera_id, snap.received, snap.status)]
        # an event is dated by its frame, so the alarm it raises finds that frame in the snapshot cache
        readings += [Reading(event_stream(snap.camera_id, ev), snap.image_ts, float(v), int(Quality.OK))
                     for ev, v in snap.events if snap.status == CameraStatus.OK]
        self.hub.submit(readings, source=self.name)
        if snap.status != CameraStatus.OK:
            self.health.last_error = f"{snap.camera_id}: {snap.status.label} {snap.reason}".strip()
            self.health.last_error_ts = snap.received
        ok = sum(s.status == CameraStatus.OK for s in self.last.values())
        self.health.detail = f"{ok}/{len(self.cameras)} cameras ok"
        waiting = self.__dict__.get("_first_round")
        if waiting:
            waiting.discard(snap.camera_id)
            self.health.backlog_progress = 1.0 - len(waiting) / len(self.cameras)
            if not waiting:
                self.health.catching_up = False
                self.health.backlog_progress = None

    def reason(self, camera_id: str) -> str:
        """The last answer's reason in words ("read timed out after 5 s")."""
        snap = self.last.get(camera_id)
        return snap.reason if snap else ""
