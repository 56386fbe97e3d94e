"""``[[cameras]]`` in settings.toml: real cameras by their HTTP snapshot URL.

One table per camera: its id, name, snapshot ``url`` (``/ISAPI/Streaming/channels/101/picture``,
``/cgi-bin/snapshot.cgi`` ...), ``auth`` (none, basic or digest) with ``user`` and a
``password`` reference (``${env:NAME}`` or ``keyring:service/user``, never the password),
``interval_s``, its position (``lon``/``lat``, in ``crs``, WGS-84 by default), ``group`` (a
grid's page) and ``watches``: the entity it looks at (an alarm there brings it forward).
Validated here with messages naming the key; console.cameras.from_settings builds them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from console.geo import CRS_NAMES
from console.sources import secret_refs

DEFAULT_INTERVAL_S = 10.0
AUTH_SCHEMES = ("none", "basic", "digest")

CAMERA_SCHEMA: dict[str, Any] = {
    "type": "object", "required": ["id", "url"], "additionalProperties": False,
    "properties": {
        # the id is part of the status stream's path (camera/<id>/status): no slashes
        "id": {"type": "string", "pattern": r"^[A-Za-z0-9_.\-]+$"},
        "name": {"type": "string", "minLength": 1},
        "url": {"type": "string", "pattern": "^https?://"},
        "auth": {"enum": list(AUTH_SCHEMES)},
        "user": {"type": "string", "minLength": 1},
        "password": {"type": "string", "minLength": 1},
        "interval_s": {"type": "number", "minimum": 1, "maximum": 86400},
        "timeout_s": {"type": "number", "exclusiveMinimum": 0, "maximum": 120},
        "lon": {"type": "number", "minimum": -180, "maximum": 180},
        "lat": {"type": "number", "minimum": -90, "maximum": 90},
        "crs": {"enum": list(CRS_NAMES)},
        "group": {"type": "string", "minLength": 1},
        "watches": {"type": "string", "minLength": 1},
        "enabled": {"type": "boolean"},
        "verify": {"type": "boolean"},  # false only for a lab; logged as a warning
        "ca_file": {"type": "string", "minLength": 1},
        # live video (console.cameras.video): the main stream plays in focus, the sub-stream in tiles;
        # credentials as references in the URL (rtsp://${env:CAM_USER}:${env:CAM_PASS}@host/...)
        "stream": {"type": "string", "pattern": "^(rtsps?|https?)://"},
        "substream": {"type": "string", "pattern": "^(rtsps?|https?)://"},
        "transport": {"enum": ["tcp", "udp"]},
        # where it looks, for its cone on the map: degrees from north, field of view, how far (m)
        "heading": {"type": "number", "minimum": 0, "maximum": 360},
        "fov": {"type": "number", "exclusiveMinimum": 0, "maximum": 360},
        "view_m": {"type": "number", "exclusiveMinimum": 0, "maximum": 20000},
    },
}
#: the keys passed on to the camera entity as they are
ENTITY_KEYS = ("stream", "substream", "transport", "heading", "fov", "view_m")


@dataclass(frozen=True)
class CameraSettings:
    """One ``[[cameras]]`` table, validated (the password still a reference)."""

    id: str
    url: str
    where: str  # "settings.toml: cameras[2]" for messages
    name: str = ""
    auth: str = "none"
    user: str | None = None
    password: str | None = None
    interval_s: float = DEFAULT_INTERVAL_S
    timeout_s: float = 5.0
    lon: float | None = None
    lat: float | None = None
    crs: str = "wgs84"
    group: str = ""
    watches: str | None = None
    enabled: bool = True
    verify: bool = True
    ca_file: str | None = None
    video: tuple[tuple[str, Any], ...] = ()  # stream, substream, transport, heading, fov, view_m as given

    @property
    def tls(self) -> dict[str, Any]:
        return {"verify": self.verify, **({"ca_file": self.ca_file} if self.ca_file else {})}


def parse_cameras(tables: list[dict[str, Any]], origin: str, validate) -> tuple[CameraSettings, ...]:
    """Each ``[[cameras]]`` table checked with ``validate(table, schema, origin, key_path)``
    and the rules a schema cannot say; the first fault raises with the key named."""
    from console.settings.sources import SettingsError

    out, ids = [], set()
    for i, t in enumerate(tables):
        where = f"cameras[{i}]"
        validate(t, CAMERA_SCHEMA, origin, ["cameras", i])
        if t["id"] in ids:
            raise SettingsError(f"{origin}: {where}.id: {t['id']!r} is used by another camera")
        ids.add(t["id"])
        if ("lon" in t) != ("lat" in t):
            missing = "lat" if "lon" in t else "lon"
            raise SettingsError(f"{origin}: {where}.{missing}: a position needs both lon and lat")
        auth = t.get("auth", "none")
        if auth != "none":
            for key in ("user", "password"):
                if key not in t:
                    raise SettingsError(f"{origin}: {where}.{key}: auth = {auth!r} needs a {key}")
        elif "user" in t or "password" in t:
            key = "user" if "user" in t else "password"
            raise SettingsError(f"{origin}: {where}.{key}: given without auth; set auth = \"basic\" or \"digest\"")
        if "password" in t and not secret_refs.has_reference(t["password"]):
            raise SettingsError(f"{origin}: {where}.password: write a reference (${{env:NAME}} or "
                                "keyring:service/user), never the password")
        out.append(CameraSettings(
            id=t["id"], url=t["url"], where=f"{origin}: {where}", name=t.get("name", t["id"]), auth=auth,
            user=t.get("user"), password=t.get("password"),
            interval_s=float(t.get("interval_s", DEFAULT_INTERVAL_S)), timeout_s=float(t.get("timeout_s", 5.0)),
            lon=t.get("lon"), lat=t.get("lat"), crs=t.get("crs", "wgs84"), group=t.get("group", ""),
            watches=t.get("watches"), enabled=bool(t.get("enabled", True)), verify=bool(t.get("verify", True)),
            ca_file=t.get("ca_file"), video=tuple((k, t[k]) for k in ENTITY_KEYS if k in t),
        ))
    return tuple(out)
