"""A camera over each car park's entrance: the fuller the car park, the fuller the picture."""

from __future__ import annotations

from console.cameras.site_cameras import SiteCameras, SiteView, latest_share
from console.city import City
from console.hub.hub import Hub
from console.model import Entity
from plugins.parking.carparks import build_carparks
from console.languages import QT_TRANSLATE_NOOP


def _busy(site: Entity, hub: Hub) -> float:
    # no spaces free is full: the share runs from the capacity (empty) down to 0 (full)
    return latest_share(hub, f"parking/carpark/{site.id}/free", 0.0, float(site.attrs["capacity"]), default=0.5)


class CarparkCameras(SiteCameras):
    def __init__(self, city: City, seed: int = 1) -> None:
        super().__init__("parking", "PC", build_carparks(city, seed), (SiteView(QT_TRANSLATE_NOOP("Entity", "出入口")),), _busy, seed)
