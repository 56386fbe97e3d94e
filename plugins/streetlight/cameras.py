"""The junction cameras on the city's lamp posts (``--scale city`` only: the demo's two streets
have none): each looks along its road; the busier the evening, the busier the picture."""

from __future__ import annotations

from console.cameras.site_cameras import SiteCameras, SiteView
from console.city import City
from console.hub.hub import Hub
from console.languages import QT_TRANSLATE_NOOP
from console.model import Entity
from plugins.streetlight.lampposts import city_posts, lamp_posts

_VIEWS = (SiteView(QT_TRANSLATE_NOOP("Entity", "路口"), d_lat=0.0001, d_lon=0.0001),)


def _busy(site: Entity, hub: Hub) -> float:
    r = hub.latest(f"streetlight/post/{site.id}/noise_db")  # the road's noise tells its traffic
    return 0.3 if r is None or r.value is None else min(1.0, max(0.0, (r.value - 40.0) / 30.0))


class PostCameras(SiteCameras):
    def __init__(self, city: City, seed: int = 1, scale: str = "demo") -> None:
        sites: list[Entity] = []
        if scale == "city":
            first = sum(1 for e in lamp_posts(city) if e.kind == "lamppost") + 1  # as the simulator numbers them
            sites = [e for e in city_posts(city, seed, first=first) if e.attrs["camera"]]
        super().__init__("streetlight", "SC", sites, _VIEWS, _busy, seed)
