"""The cameras of settings.toml's ``[[cameras]]``: their entities and the HTTP snapshot
sources that poll them. Qt-free; the runtime adds the entities and starts the sources.

Cameras sharing their TLS settings and timeout share one source (one worker pool, one
line in the status bar); a camera with its own CA file or a lab's ``verify = false``
gets a source of its own. Passwords stay references until a worker first needs them;
one that cannot be resolved is that camera's error on screen, not the others'.
"""

from __future__ import annotations

from collections.abc import Sequence

from console.cameras.http_source import HttpSnapshotSource
from console.cameras.model import camera_entity
from console.geo import to_wgs84
from console.hub.hub import Hub
from console.model import Entity
from console.settings.cameras import CameraSettings
from console.sources import secret_refs
from console.store.snapshots import SnapshotStore

SOURCE_NAME = "cameras"


def camera_entities(cameras: Sequence[CameraSettings]) -> list[Entity]:
    """One camera entity per table, its position converted to WGS-84 at the door."""
    out = []
    for c in cameras:
        lat, lon = (None, None) if c.lat is None else to_wgs84(c.lat, c.lon, c.crs)
        extra = ({"watches": c.watches} if c.watches else {}) | dict(c.video)
        out.append(camera_entity(
            c.id, c.name or c.id, lat, lon, group=c.group or "—", source=c.url, refresh_s=c.interval_s,
            auth=None if c.auth == "none" else c.auth, **extra,
        ))
    return out


def camera_sources(cameras: Sequence[CameraSettings], hub: Hub, snapshots: SnapshotStore) -> list[HttpSnapshotSource]:
    """The snapshot sources for the enabled cameras, one per TLS setting and timeout."""
    enabled = [c for c in cameras if c.enabled]
    groups: dict[tuple, list[CameraSettings]] = {}
    for c in enabled:
        groups.setdefault((c.verify, c.ca_file, c.timeout_s), []).append(c)
    by_id = {c.id: c for c in enabled}

    def credentials(camera: Entity) -> tuple[str, str] | None:
        c = by_id.get(camera.id)
        if c is None or c.auth == "none":
            return None
        return secret_refs.resolve(c.user or ""), secret_refs.resolve(c.password or "")

    sources = []
    for n, ((verify, ca_file, timeout_s), members) in enumerate(groups.items()):
        name = SOURCE_NAME if n == 0 else f"{SOURCE_NAME}-{n + 1}"
        sources.append(HttpSnapshotSource(
            name, camera_entities(members), hub, snapshots, credentials=credentials,
            connect_timeout_s=min(timeout_s, 3.0), read_timeout_s=timeout_s, tls=members[0].tls,
            workers=min(8, max(1, len(members))),
        ))
    return sources
