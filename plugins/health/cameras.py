"""The hospitals' cameras (outpatient hall, emergency entrance) and one at each township clinic;
the longer the queue, the busier the hall."""

from __future__ import annotations

from console.cameras.site_cameras import SiteCameras, SiteView, latest_share
from console.city import City
from console.hub.hub import Hub
from console.model import Entity
from plugins.health.hospitals import health_sites
from console.languages import QT_TRANSLATE_NOOP

_HALL = SiteView(QT_TRANSLATE_NOOP("Entity", "门诊大厅"))
_VIEWS = {"hospital": (_HALL, SiteView(QT_TRANSLATE_NOOP("Entity", "急诊入口"), -0.0004, 0.0005)), "clinic": (_HALL,)}


def _busy(site: Entity, hub: Hub) -> float:
    return latest_share(hub, f"health/{site.kind}/{site.id}/queue", 1.2 * float(site.attrs["queue_limit"]))


class HealthCameras(SiteCameras):
    def __init__(self, city: City, seed: int = 1) -> None:
        super().__init__("health", "HC", health_sites(city, seed), _VIEWS, _busy, seed)
