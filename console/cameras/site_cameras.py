"""Simulated cameras at a plugin's sites (a car park's entrance, a hospital's lobby), and what they see.

A plugin names which of its entities have cameras and what each camera looks at; this
module makes the camera entities (``domain`` in their attributes, so a tile or an alarm
takeover selects one plugin's cameras) and their scenes: how busy the view is comes from
the plugin (``busy``, 0 to 1, from the site's live readings), the rest is drawn by a
generic renderer (``widgets.site_camera_render``). Qt-free and domain-free.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from console.cameras.model import CameraStatus, camera_entity
from console.hub.hub import Hub
from console.model import Entity
from console.sources.simulator import unit_random

SITE_REFRESH_S = 60.0  # site cameras are glanced at, not watched: a frame a minute
FIRST_AFTER_S, FIRST_SPREAD_S = 15.0, 45.0  # their first frames come over the first minute, after the others'



@dataclass(frozen=True)
class SiteScene:
    """What a site camera sees at one instant: plain numbers, drawn by widgets.site_camera_render."""

    camera_id: str
    title: str  # burned in, bottom right
    channel: int
    t: float
    view: str  # what it looks at: "出入口 entrance"
    busy: float = 0.0  # 0 empty .. 1 full (cars in a car park, people in a lobby)
    variant: int = 0
    utc_offset_h: float = 8.0
    width: int = 480  # smaller than a river camera's: a glance at a forecourt
    height: int = 270
    quality: int = 70
    fault: CameraStatus | None = None


@dataclass(frozen=True)
class SiteView:
    """One camera per site: what it looks at, and the offset that puts it beside the site (degrees)."""

    label: str
    d_lat: float = 0.0004
    d_lon: float = 0.0004


class SiteCameras:
    """A plugin's camera set (its manifest's ``cameras``): a camera per view at each of ``sites``
    (``views``: the same for every site, or by the site's kind)."""

    renderer = "widgets.site_camera_render:render_jpeg"  # Qt, imported at the first frame

    def __init__(
        self,
        domain: str,
        prefix: str,
        sites: Sequence[Entity],
        views: Sequence[SiteView] | Mapping[str, Sequence[SiteView]],
        busy: Callable[[Entity, Hub], float] | None = None,
        seed: int = 1,
        refresh_s: float = SITE_REFRESH_S,
    ) -> None:
        self.domain = domain
        self.seed = seed
        self._busy = busy
        self._sites = {s.id: s for s in sites}
        self._cameras: list[Entity] = []
        for site in sites:
            if not site.has_position:
                continue
            for k, v in enumerate(views.get(site.kind, ()) if isinstance(views, Mapping) else views, 1):
                cid = f"{prefix}-{site.id}-{k}"
                self._cameras.append(camera_entity(
                    cid, f"{site.name} {v.label}", round(site.lat + v.d_lat, 5), round(site.lon + v.d_lon, 5),  # type: ignore[operator]
                    group=site.name, source=f"sim://{domain}/{cid}", refresh_s=refresh_s,
                    domain=domain, site=site.id, view=v.label, channel=len(self._cameras) + 1,
                    first_after_s=FIRST_AFTER_S + unit_random(seed, domain, site.id, k) * FIRST_SPREAD_S,
                ))

    def entities(self) -> Sequence[Entity]:
        return self._cameras

    def last_good_time(self, camera: Entity, t: float) -> float:
        return t  # site cameras do not fault in the simulation

    def scene(self, camera: Entity, t: float, hub: Hub) -> SiteScene:
        a = camera.attrs
        site = self._sites.get(a.get("site", ""))
        busy = self._busy(site, hub) if self._busy is not None and site is not None else 0.0
        return SiteScene(
            camera_id=camera.id, title=camera.name, channel=int(a.get("channel", 1)), t=t, view=str(a.get("view", "")),
            busy=min(max(float(busy), 0.0), 1.0), variant=int(unit_random(self.seed, camera.id, "look") * 1000),
        )


def latest_share(hub: Hub, stream: str, full: float, empty: float = 0.0, default: float = 0.0) -> float:
    """Where the stream's last value lies between ``empty`` (0) and ``full`` (1); ``default`` without a value."""
    r = hub.latest(stream)
    if r is None or r.value is None or full == empty:
        return default
    return (r.value - empty) / (full - empty)
