"""Camera entities, their status stream, and what a snapshot is. Plain data, no Qt, no I/O."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

from console.model import Entity, Quality, Reading, StreamSpec

KIND = "camera"
DEFAULT_REFRESH_S = 10.0


class CameraStatus(enum.IntEnum):
    """The value of a camera's status stream. Anything but OK means offline."""

    OK = 0
    TIMEOUT = 1
    REFUSED = 2
    BAD_IMAGE = 3
    UNAUTHORIZED = 4
    HTTP_ERROR = 5
    ERROR = 6

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    CameraStatus.OK: "正常 ok",
    CameraStatus.TIMEOUT: "超时 timeout",
    CameraStatus.REFUSED: "拒绝连接 refused",
    CameraStatus.BAD_IMAGE: "图像无效 bad image",
    CameraStatus.UNAUTHORIZED: "认证失败 401",
    CameraStatus.HTTP_ERROR: "HTTP 错误 error",
    CameraStatus.ERROR: "故障 error",
}


def status_stream(camera_id: str) -> str:
    return f"camera/{camera_id}/status"


def event_stream(camera_id: str, event: str) -> str:
    """A video-analytics event of a camera (``water_above_mark``, ``line_crossing``): 1 present, 0 clear."""
    return f"camera/{camera_id}/event/{event}"


def camera_of_stream(stream: str) -> str | None:
    """``camera/<id>/status`` -> ``<id>``; None for any other stream."""
    parts = stream.split("/")
    if len(parts) == 3 and parts[0] == "camera" and parts[2] == "status":
        return parts[1]
    return None


def camera_entity(
    camera_id: str,
    name: str,
    lat: float | None,
    lon: float | None,
    *,
    group: str,
    source: str,
    refresh_s: float = DEFAULT_REFRESH_S,
    events: dict[str, str] | None = None,
    **attrs: Any,
) -> Entity:
    """A camera: ``source`` is its snapshot address (``http://...``, ``sim://plugin/id``);
    ``events``: the analytics events it reports (event -> what it means), each a stream."""
    specs = [StreamSpec(status_stream(camera_id), f"{name} 状态 status", "", refresh_s)]
    specs += [StreamSpec(event_stream(camera_id, ev), f"{name} {label}", "", refresh_s) for ev, label in (events or {}).items()]
    return Entity(
        id=camera_id,
        kind=KIND,
        name=name,
        lat=lat,
        lon=lon,
        attrs={"group": group, "source": source, "refresh_s": refresh_s, **attrs},
        streams=tuple(specs),
    )


def status_reading(camera_id: str, ts: float, status: CameraStatus) -> Reading:
    quality = Quality.OK if status == CameraStatus.OK else Quality.BAD
    return Reading(status_stream(camera_id), ts, float(int(status)), int(quality))


@dataclass(frozen=True)
class Snapshot:
    """One answer from a camera: the image (if any), its time and the status it implies.

    ``ts`` is the camera's own image time when it sent one, else ``received``.
    """

    camera_id: str
    received: float
    status: CameraStatus
    data: bytes = b""
    ts: float | None = None
    reason: str = ""
    events: tuple[tuple[str, float], ...] = ()  # video analytics on this frame: (event, 1 present / 0 clear)

    @property
    def image_ts(self) -> float:
        return self.received if self.ts is None else self.ts


_JPEG_SOI = b"\xff\xd8\xff"
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def sniff_image(data: bytes) -> str | None:
    """``"jpeg"`` or ``"png"`` if the bytes look like a whole image, else None.

    A truncated JPEG (no end-of-image marker) is refused here: the decoder would
    only half-paint it, and libjpeg would warn about it on every refresh.
    """
    if data.startswith(_JPEG_SOI):
        return "jpeg" if data.rstrip(b"\x00\r\n ").endswith(b"\xff\xd9") else None
    if data.startswith(_PNG_MAGIC):
        return "png" if b"IEND" in data[-16:] else None
    return None
