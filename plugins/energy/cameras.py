"""The grid's cameras: the switch rooms of the greenhouse parks and cold stores, and the
switching stations at every twelfth feeder section's fault indicator (a transformer's alarm
brings the nearest ones to the wall)."""

from __future__ import annotations

from console.cameras.site_cameras import SiteCameras, SiteView, latest_share
from console.city import City
from console.hub.hub import Hub
from console.model import Entity
from plugins.energy.grid import build_grid
from console.languages import QT_TRANSLATE_NOOP

EVERY_NTH_INDICATOR = 12
_ROOM = (SiteView(QT_TRANSLATE_NOOP("Entity", "配电房")),)
_VIEWS = {"greenhouse_park": _ROOM, "cold_store": _ROOM, "fault_indicator": (SiteView(QT_TRANSLATE_NOOP("Entity", "开闭所")),)}


def _busy(site: Entity, hub: Hub) -> float:
    if "contract_kw" not in site.attrs:
        return 0.15  # a substation yard: a service van or two
    return latest_share(hub, site.streams[0].id, site.attrs["contract_kw"])


class GridCameras(SiteCameras):
    def __init__(self, city: City, seed: int = 1) -> None:
        _, _, indicators, farms = build_grid(city, seed)
        sites = [*farms, *indicators[::EVERY_NTH_INDICATOR]]
        super().__init__("energy", "EC", sites, _VIEWS, _busy, seed)
