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

import logging
import re
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urljoin

from console.geo import check_crs, to_wgs84
from console.hub.hub import Hub
from console.model import Entity, Reading, StreamSpec
from console.sources import secret_refs
from console.sources.catalog import bounded_backfill
from console.sources.credentials import origin, same_origin
from console.sources.http_answer import PlatformError, fetch, parse_json, platform_message, status_error
from console.sources.json_mapping import MappingResult, fill, to_epoch, to_number
from console.sources.polling import PollingSource
from console.settings.sources import SourceSettings
from console.sources.tls import http_session


log = logging.getLogger(__name__)

@dataclass(frozen=True)
class _Datastream:
    stream: str
    observations_url: str
    iot_id: Any = None


_GROUP = 40  # datastreams per Observations query: the $filter stays a few kB


def _allowed_top(message: str, asked: int) -> int:
    """The page size a server allows, from its refusal ("maximum 100", "$top must be <= 100"), else half."""
    numbers = [int(n) for n in re.findall(r"\d+", message) if 0 < int(n) < asked]
    return max(numbers) if numbers else max(asked // 2, 1)


def _literal(iot_id: Any) -> str:
    """An @iot.id as an OData key: numbers bare, strings quoted."""
    if isinstance(iot_id, (int, float)) and not isinstance(iot_id, bool):
        return str(iot_id)
    return "'" + str(iot_id).replace("'", "''") + "'"


def _origin_text(url: str) -> str:
    scheme, host, port = origin(url)
    return f"{scheme}://{host}:{port}"


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
        self.crs = check_crs(o.get("crs", "wgs84"))
        self.max_bytes = int(float(o.get("max_body_mb", 20)) * 1e6)
        # late observations (posted after newer ones) are found by asking this far back each round
        self.lookback_s = float(o.get("lookback_s", 3 * float(o.get("interval_s", 60))))
        self._seen: dict[str, dict[float, bool]] = {}
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
        while True:
            self.requests += 1
            answer = fetch(self.session, "GET", url, params=params, headers=self._headers, timeout_s=self.timeout_s,
                           max_bytes=self.max_bytes, stopping=lambda: self.stopping)
            if answer.status in (400, 403, 422) and params and "$top" in params and self.page_size > 1:
                # a server that caps $top (FROST's maxTop) says so: ask again with what it allows
                said = platform_message(answer.body)
                self.page_size = _allowed_top(said, self.page_size)
                log.warning("source %s: the server refused $top=%s (HTTP %s: %s); asking %d a page from now on",
                            self.name, params["$top"], answer.status, said, self.page_size)
                params = {**params, "$top": self.page_size}
                continue
            if answer.status >= 400:
                raise status_error(answer)
            doc = parse_json(answer)
            if not isinstance(doc, dict):
                raise PlatformError(f"expected a JSON object, got {type(doc).__name__}")
            return doc

    def _pages(self, url: str, params: dict[str, Any]):
        """Each page's ``value`` list, following @iot.nextLink until there is none."""
        next_url, next_params = url, params
        while next_url and not self.stopping:
            doc = self._get(next_url, next_params)
            yield [v for v in doc.get("value", []) if isinstance(v, dict)]
            link = doc.get("@iot.nextLink")
            next_url, next_params = (urljoin(self.base, link), None) if isinstance(link, str) else (None, None)
            if next_url and not same_origin(next_url, self.base):
                # the token goes to the configured server only, whatever a page says
                raise PlatformError(
                    f"@iot.nextLink leads to {_origin_text(next_url)}, not the configured {_origin_text(self.base)}: "
                    "not followed (set the server's service root URL to the address the console uses)")

    # -- one round -------------------------------------------------------------------
    def poll(self) -> None:
        refresh = float(self.options.get("things_refresh_s", 600))
        if time.monotonic() - self._things_at >= refresh:
            self._load_things()
            self._things_at = time.monotonic()
        # one paged query over Observations per group of datastreams, not one per datastream
        for i in range(0, len(self._datastreams), _GROUP):
            self._fetch_group(self._datastreams[i:i + _GROUP])

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
                    datastreams.append(_Datastream(sid, urljoin(self.base, url), ds["@iot.id"]))
                lat, lon = _position(thing.get("Locations"))
                if lat is not None and lon is not None:  # the server's datum (GeoJSON says WGS-84; some send GCJ-02)
                    lat, lon = to_wgs84(lat, lon, self.crs)
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

    def _fetch_group(self, group: list[_Datastream]) -> None:
        """New observations of these datastreams, and late ones: the query reaches back
        ``lookback_s`` before the oldest cursor (observations posted late, with an older
        time); repeats within the window are dropped here, so nothing is shown twice."""
        by_id = {str(ds.iot_id): ds for ds in group}
        since = min(self._cursor(ds.stream) for ds in group) - self.lookback_s
        ids = " or ".join(f"Datastream/id eq {_literal(ds.iot_id)}" for ds in group)
        params = {
            "$filter": f"({ids}) and phenomenonTime gt {_iso(since)}",
            "$orderby": "phenomenonTime asc", "$top": self.page_size,
            "$select": "phenomenonTime,result", "$expand": "Datastream($select=id)",
        }
        now = time.time()
        for page in self._pages(urljoin(self.base, "Observations"), params):
            result = MappingResult()
            newest: dict[str, float] = {}
            for obs in page:
                result.items += 1
                ds = by_id.get(str((obs.get("Datastream") or {}).get("@iot.id")))
                if ds is None:
                    result.reject("datastream", f"observation of another datastream: {str(obs)[:80]}")
                    continue
                ts = to_epoch(obs.get("phenomenonTime"), "iso")
                if ts is None or ts > now + 86400:
                    result.reject("time", f"phenomenonTime {obs.get('phenomenonTime')!r}")
                    continue
                seen = self._seen.setdefault(ds.stream, {})
                if ts in seen:
                    continue  # asked again by the look-back window: already here
                seen[ts] = True
                newest[ds.stream] = max(ts, newest.get(ds.stream, ts))
                value = to_number(obs.get("result"))
                if value is None:
                    result.reject("value", f"result {obs.get('result')!r}")
                    continue
                result.readings.append(Reading(ds.stream, ts, value))
            self.catalog.take(result)
            for stream, ts in newest.items():  # past bad ones too: asking for them again would not mend them
                self._cursors[stream] = min(max(ts, self._cursors.get(stream, ts)), time.time())  # never past now
        for ds in group:  # forget what the window no longer reaches
            seen = self._seen.get(ds.stream)
            if seen and len(seen) > 256:
                floor = self._cursors.get(ds.stream, now) - self.lookback_s
                self._seen[ds.stream] = {ts: True for ts in seen if ts > floor}

    def close(self) -> None:
        if self.session is not None:
            self.session.close()
