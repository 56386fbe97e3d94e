"""A simulated camera for the demo and the tests: a plugin's scene, rendered and JPEG-encoded.

A plugin's camera set says what each camera sees at a time (its own scene object, with a
``fault`` that is None or a CameraStatus) and names its renderer (``renderer``, a
"module:function" taking the scene and giving JPEG bytes). The renderer paints with Qt, so
it lives in the plugin's views and is imported when the first frame is drawn: this module
stays Qt-free and knows no domain. Frames go through the same poller as real cameras, so
the wall cannot tell them apart.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Sequence
from typing import Protocol

from console.cameras.model import CameraStatus, Snapshot
from console.cameras.poller import SnapshotPoller
from console.store.snapshots import SnapshotStore
from console.hub.hub import Hub
from console.model import Entity
from console.plugins.api import load_object
from console.languages import Text

#: frames a second all the demo's simulated cameras may draw together, whatever the speed: the
#: river cameras every 10 s and the plugins' site cameras every minute at ×1 (~15 a second,
#: ~35 ms a frame on a loaded 2-core PC: about half of one core); shared by the camera sets
DEMO_RENDERS_PER_S = 16.0


def camera_need(cameras: Sequence[Entity], speed: float) -> float:
    """Frames a second ``cameras`` would draw at ``speed`` (a glanced-at camera no faster than its ``min_real_s``)."""
    return sum(speed / max(float(c.attrs.get("refresh_s") or 10.0), float(c.attrs.get("min_real_s") or 0.0) * speed)
               for c in cameras) if speed > 0 else 0.0


def paced(cameras: Sequence[Entity], speed: float, renders_per_s: float = DEMO_RENDERS_PER_S) -> tuple[list[Entity], float]:
    """The cameras with their refresh stretched so drawing them at ``speed`` fits ``renders_per_s``,
    and by how much the demo is reduced (1.0: not at all).

    At ``--speed 60`` 120 cameras every 10 s would be 720 frames a second: no PC draws
    that, the cameras fall behind their clock and look silent. Stretched, each camera's
    status stream expects what it gets, and the runtime says the demo is reduced.
    """
    cams = list(cameras)
    if not cams or speed <= 0:
        return cams, 1.0

    def base(c: Entity) -> float:
        # a camera that is only glanced at (``min_real_s``) draws no faster than that in real time,
        # whatever the speed: its status stream must expect what it will get
        return max(float(c.attrs.get("refresh_s") or 10.0), float(c.attrs.get("min_real_s") or 0.0) * speed)

    need = sum(speed / base(c) for c in cams)
    factor = max(1.0, need / renders_per_s)
    if factor == 1.0 and all(base(c) == float(c.attrs.get("refresh_s") or 10.0) for c in cams):
        return cams, 1.0
    out = []
    for c in cams:
        refresh = base(c) * factor
        streams = tuple(dataclasses.replace(s, expected_interval_s=refresh) for s in c.streams)
        out.append(dataclasses.replace(c, attrs={**c.attrs, "refresh_s": refresh}, streams=streams))
    return out, factor  # slowed only to what a glance draws: factor 1, nothing to say


def reduced_note(cameras: int, factor: float, speed: float) -> Text | None:
    """The one notice for the whole demo when its simulated cameras draw less often than real ones."""
    if factor <= 1.0 or cameras <= 0:
        return None
    return Text("Cameras", "演示降速：{n} 路模拟摄像机出帧间隔放大 {factor} 倍，以跟上 ×{speed} 倍速").format(
        n=cameras, factor=f"{factor:.0f}" if factor >= 10 else f"{factor:.1f}", speed=f"{speed:g}")


# Several camera sets painting their first frames at once from their pollers' threads made
# PySide6 6.11 lose its lazily built enums ("Qt has no attribute PenStyle"), then crash. So a
# renderer's first frame is painted alone; after it, at most two frames at once (of any set).
_SLOTS = threading.BoundedSemaphore(2)
_FIRST = threading.Lock()
_warmed: set[object] = set()


class Scene(Protocol):
    """What a camera sees at one instant, as its plugin describes it; the renderer draws it."""

    fault: CameraStatus | None
    # optional ``events``: the video analytics this picture raises, ((event, 1.0 or 0.0), ...)


class CameraSet(Protocol):
    """What a plugin's ``cameras`` reference names: its cameras, what they see, who draws it."""

    renderer: str  # "pkg.views.module:function(scene) -> JPEG bytes"

    def entities(self) -> Sequence[Entity]: ...

    def scene(self, camera: Entity, t: float, hub: Hub) -> Scene: ...

    def last_good_time(self, camera: Entity, t: float) -> float:
        """When a camera faulted at ``t`` last gave a picture (its recorder kept that one)."""
        ...


class SimulatedCameraSource(SnapshotPoller):
    def __init__(
        self,
        name: str,
        camera_set: CameraSet,
        hub: Hub,
        snapshots: SnapshotStore,
        *,
        render: Callable[[Scene], bytes] | str | None = None,
        workers: int = 2,
        refresh_s: float | None = None,
        cameras: Sequence[Entity] | None = None,
    ) -> None:
        super().__init__(name, cameras or camera_set.entities(), hub, snapshots, workers=workers, refresh_s=refresh_s)
        self.camera_set = camera_set
        self._render = render if render is not None else camera_set.renderer
        self.health.detail = f"simulator · {len(self.cameras)} cameras"

    def render(self, scene: Scene) -> bytes:
        with _FIRST:
            if isinstance(self._render, str):
                self._render = load_object(self._render)
            fn = self._render
            if fn not in _warmed:
                with _SLOTS, _SLOTS:  # both slots: nothing else paints meanwhile
                    frame = fn(scene)  # type: ignore[operator]
                _warmed.add(fn)
                return frame
        with _SLOTS:
            return fn(scene)  # type: ignore[operator]

    def fetch(self, camera: Entity) -> Snapshot:
        now = self.hub.clock.now()
        scene = self.camera_set.scene(camera, now, self.hub)
        if scene.fault is not None:
            return Snapshot(camera.id, now, scene.fault, reason="simulated fault")
        return Snapshot(camera.id, now, CameraStatus.OK, self.render(scene), now, events=tuple(getattr(scene, "events", ())))

    def prime(self) -> int:
        """Give every faulted camera without a cached frame the last frame its recorder kept.

        So the demo shows from its first second what an outage looks like: the last
        picture, darkened, with the reason. Returns how many frames were added.
        """
        now = self.hub.clock.now()
        have = self.snapshots.latest_times(self.cameras)
        added = 0
        for cam in self.cameras.values():
            if cam.id in have:
                continue
            if self.camera_set.scene(cam, now, self.hub).fault is None:
                continue
            t = self.camera_set.last_good_time(cam, now)
            scene = self.camera_set.scene(cam, t, self.hub)
            if scene.fault is None:
                self.snapshots.put(cam.id, t, self.render(scene), received=t)
                added += 1
        return added

    def before_polling(self) -> None:
        self.prime()
