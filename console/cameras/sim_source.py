"""A simulated camera for the demo and the tests: a scene, rendered and JPEG-encoded.

A plugin's camera set says what each camera sees at a time (a ``Scene``: water
height, rain, day or night, a fault); a renderer turns it into JPEG bytes. The
renderer paints with Qt, so it is named by reference and imported when the first
frame is drawn: this module stays Qt-free. Frames go through the same poller as
real cameras, so the wall cannot tell them apart.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from console.cameras.model import CameraStatus, Snapshot
from console.cameras.poller import SnapshotPoller
from console.store.snapshots import SnapshotStore
from console.hub.hub import Hub
from console.model import Entity
from console.plugins.api import load_object

DEFAULT_RENDERER = "console.gui.camera_render:render_jpeg"


@dataclass(frozen=True)
class Scene:
    """What a river-bank camera sees at one instant. Plain numbers; the renderer draws it."""

    camera_id: str
    title: str  # burned in, bottom right, as NVRs do
    channel: int
    t: float  # epoch seconds
    water: float  # 0 = river bed, 1 = top of the embankment
    warning: float | None = None  # the warning level on the same scale (a mark on the staff gauge)
    rain_mm_h: float = 0.0
    variant: int = 0  # per-camera look: horizon, trees, buildings, angle
    utc_offset_h: float = 8.0
    width: int = 640
    height: int = 360
    quality: int = 70
    fault: CameraStatus | None = None


class CameraSet(Protocol):
    """What a plugin's ``cameras`` reference names: its cameras and what they see."""

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
        render: Callable[[Scene], bytes] | str = DEFAULT_RENDERER,
        workers: int = 2,
        refresh_s: float | None = None,
        cameras: Sequence[Entity] | None = None,
    ) -> None:
        super().__init__(name, cameras or camera_set.entities(), hub, snapshots, workers=workers, refresh_s=refresh_s)
        self.camera_set = camera_set
        self._render = render
        self.health.detail = f"simulator · {len(self.cameras)} cameras"

    def render(self, scene: Scene) -> bytes:
        if isinstance(self._render, str):
            self._render = load_object(self._render)
        return self._render(scene)  # type: ignore[operator]

    def fetch(self, camera: Entity) -> Snapshot:
        now = self.hub.clock.now()
        scene = self.camera_set.scene(camera, now, self.hub)
        if scene.fault is not None:
            return Snapshot(camera.id, now, scene.fault, reason="simulated fault")
        return Snapshot(camera.id, now, CameraStatus.OK, self.render(scene), now)

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
