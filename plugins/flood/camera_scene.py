"""What a river-bank camera sees at one instant: plain numbers, drawn by views/camera_render. Qt-free."""

from __future__ import annotations

from dataclasses import dataclass

from console.cameras.model import CameraStatus

WATER_ABOVE_MARK = "water_above_mark"  # the analytics event a river camera reports


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
    analytics: bool = False  # this camera runs the video analytics (one per gauge)

    @property
    def events(self) -> tuple[tuple[str, float], ...]:
        """What the camera's video analytics sees: the water above the warning mark on its staff gauge."""
        if self.warning is None or not self.analytics:
            return ()
        return ((WATER_ABOVE_MARK, 1.0 if self.water > self.warning else 0.0),)
