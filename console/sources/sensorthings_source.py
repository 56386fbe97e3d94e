"""OGC SensorThings API source: Things, Locations and Datastreams become entities and
streams; Observations become readings.

Things are read with their Locations and Datastreams expanded, and re-read every
``things_refresh_s``. Observations are fetched per Datastream, ordered by
phenomenonTime, after the newest time already held (the cache's on start, else
``backfill_s`` back), following ``@iot.nextLink`` page by page. A page is submitted
and the cursor moved before the next is asked for, so an outage mid-way loses
nothing: the next round carries on from there, and the whole gap is back-filled.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urljoin

from console.hub.hub import Hub
from console.model import Entity, Reading, StreamSpec
from console.sources import secret_refs
from console.sources.catalog import bounded_backfill
from console.sources.json_mapping import MappingResult, fill, to_epoch, to_number
from console.sources.polling import PollingSource
from console.settings.sources import SourceSettings
from console.sources.tls import http_session


@dataclass(frozen=True)
class _Datastream:
    stream: str
    observations_url: str


def _literal(iot_id: Any) -> str:
    """An @iot.id as an OData key: numbers bare, strings quoted."""
    if isinstance(iot_id, (int, float)) and not isinstance(iot_id, bool):
        return str(iot_id)
    return "'" + str(iot_id).replace("'", "''") + "'"


def _iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _position(locations: list) -> tuple[float | None, float | None]:
    """lat, lon of the first GeoJSON Point among a Thing's Locations."""
    for loc in locations or ():
        geo = loc.get("location") if isinstance(loc, dict) else None
        if isinstance(geo, dict) and geo.get("type") == "Feature":
            geo = geo.get("geometry")
        if isinstance(geo, dict) and geo.get("type") == "Point":
            coords = geo.get("coordinates") or []
            if len(coords) >= 2:
                lon, lat = to_number(coords[0]), to_number(coords[1])
                if lat is not None and lon is not None and -90 <= lat <= 90 and -180 <= lon <= 180:
                    return lat, lon
    return None, None


class SensorThingsSource(PollingSource):
    kind = "sensorthings"

    def __init__(self, settings: SourceSettings, hub: Hub) -> None:
        o = settings.options
        super().__init__(settings.name, hub, float(o.get("interval_s", 60)), float(o.get("max_backoff_s", 600)))
        self.options = o
        self.base = o["url"].rstrip("/") + "/"
        self.timeout_s = float(o.get("timeout_s", 10))
        self.page_size = int(o.get("page_size", 1000))
        self.stream_template = o.get("stream", "{source}/{thing_id}/{datastream_id}")
        self.entity_template = o.get("entity", "{source}-{thing_id}")
        self.session = None
        self._headers: dict[str, str] | None = None
        self._datastreams: list[_Datastream] = []
        self._things_at = -1e18
        self._cursors: dict[str, float] = {}
        self.requests = 0

    # -- HTTP ----------------------------------------------------------------------
    def _get(self, url: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        if self.session is None:
            self.session = http_session(self.name, self.options)
        if self._headers is None:
            self._headers = {k: secret_refs.resolve(v) for k, v in self.options.get("headers", {}).items()}
        self.requests += 1
        resp = self.session.get(url, params=params, headers=self._headers, timeout=self.timeout_s)
        resp.raise_for_status()
        doc = resp.json()
        if not isinstance(doc, dict):
            raise ValueError(f"{url}: expected a JSON object, got {type(doc).__name__}")
        return doc

    def _pages(self, url: str, params: dict[str, Any]):
        """Each page's ``value`` list, following @iot.nextLink until there is none."""
        next_url, next_params = url, params
        while next_url and not self.stopping:
            doc = self._get(next_url, next_params)
            yield [v for v in doc.get("value", []) if isinstance(v, dict)]
            link = doc.get("@iot.nextLink")
            next_url, next_params = (urljoin(self.base, link), None) if isinstance(link, str) else (None, None)

    # -- one round -------------------------------------------------------------------
    def poll(self) -> None:
        refresh = float(self.options.get("things_refresh_s", 600))
        if time.monotonic() - self._things_at >= refresh:
            self._load_things()
            self._things_at = time.monotonic()
        for ds in self._datastreams:
            self._fetch(ds)

    def _load_things(self) -> None:
        params = {"$expand": "Locations,Datastreams", "$top": self.page_size}
        if self.options.get("things_filter"):
            params["$filter"] = self.options["things_filter"]
        entities, datastreams = [], []
        interval = float(self.options.get("expected_interval_s", 60))
        for page in self._pages(urljoin(self.base, "Things"), params):
            for thing in page:
                tid = thing.get("@iot.id")
                if tid is None:
                    self.catalog.count_bad({"thing": 1}, ["thing: no @iot.id"])
                    continue
                subst = {"source": self.name, "thing_id": str(tid), "thing_name": str(thing.get("name", tid))}
                specs = []
                for ds in thing.get("Datastreams") or ():
                    if not isinstance(ds, dict) or ds.get("@iot.id") is None:
                        continue
                    vars_ = {**subst, "datastream_id": str(ds["@iot.id"]), "datastream_name": str(ds.get("name", ""))}
                    sid = fill(self.stream_template, vars_)
                    unit = (ds.get("unitOfMeasurement") or {}).get("symbol") or ""
                    specs.append(StreamSpec(sid, str(ds.get("name", sid)), str(unit), interval))
                    url = ds.get("Observations@iot.navigationLink") or f"Datastreams({_literal(ds['@iot.id'])})/Observations"
                    datastreams.append(_Datastream(sid, urljoin(self.base, url)))
                lat, lon = _position(thing.get("Locations"))
                attrs = {"source": self.name, "sta_id": tid}
                if isinstance(thing.get("properties"), dict):
                    attrs.update(thing["properties"])
                entities.append(Entity(
                    fill(self.entity_template, subst), self.options.get("kind", "sensor"), subst["thing_name"],
                    lat, lon, attrs, tuple(specs),
                ))
        self.catalog.add(entities)
        for ds in datastreams:  # fix where each starts now: an outage before its first fetch must not move it
            self._cursor(ds.stream)
        self._datastreams = datastreams

    def _cursor(self, stream: str) -> float:
        cur = self._cursors.get(stream)
        if cur is None:
            last = self.hub.latest(stream)  # the cache's newest, seeded on start
            cur = last.ts if last else time.time() - bounded_backfill(
                self.hub.store, self.health, float(self.options.get("backfill_s", 3600)))
            self._cursors[stream] = cur
        return cur

    def _fetch(self, ds: _Datastream) -> None:
        params = {
            "$filter": f"phenomenonTime gt {_iso(self._cursor(ds.stream))}",
            "$orderby": "phenomenonTime asc", "$top": self.page_size, "$select": "phenomenonTime,result",
        }
        now = time.time()
        for page in self._pages(ds.observations_url, params):
            result = MappingResult()
            newest = None
            for obs in page:
                result.items += 1
                ts = to_epoch(obs.get("phenomenonTime"), "iso")
                if ts is None or ts > now + 86400:
                    result.reject("time", f"phenomenonTime {obs.get('phenomenonTime')!r}")
                    continue
                newest = ts if newest is None else max(newest, ts)
                value = to_number(obs.get("result"))
                if value is None:
                    result.reject("value", f"result {obs.get('result')!r}")
                    continue
                result.readings.append(Reading(ds.stream, ts, value))
            self.catalog.take(result)
            if newest is not None:  # past bad ones too: asking for them again would not mend them
                self._cursors[ds.stream] = min(max(newest, self._cursors.get(ds.stream, newest)), time.time())

    def close(self) -> None:
        if self.session is not None:
            self.session.close()
