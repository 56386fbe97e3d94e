"""The supervision cameras: at the testing stations, at every hundredth co-operative's packing
yard and every two-hundredth agri-input shop (a failed sample brings the nearest up)."""

from __future__ import annotations

from console.cameras.site_cameras import SiteCameras, SiteView
from console.city import City
from plugins.agriculture.places import agri_places
from console.languages import QT_TRANSLATE_NOOP


class SupervisionCameras(SiteCameras):
    def __init__(self, city: City, seed: int = 1) -> None:
        places = agri_places(city, seed)
        sites = [*places.stations, *places.coops[::100], *places.shops[::200]]
        super().__init__("agriculture", "AC", sites, (SiteView(QT_TRANSLATE_NOOP("Entity", "现场")),), lambda site, hub: 0.25, seed)
