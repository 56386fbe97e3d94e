"""The map page: one small Leaflet page whose live layers are fed by ``cc.update`` batches.

``page_config`` gathers what the page starts with (city, boundary, rivers, entity
layers, markers, view); ``render_page`` writes the HTML, either linking the assets
through the console's local URL scheme (the MapTile) or inlining them (a standalone
export for reports and e-mail). Nothing here reaches the network. Qt-free.
"""

from __future__ import annotations

import html
import json
import logging
from collections.abc import Iterable
from importlib import resources
from typing import Any

from console.city import City
from console.model import Entity
from layers.camera_cones import camera_cones
from layers.boundaries import load_boundary
from layers.marker_state import MarkerState, marker_record
from layers.shapes import entity_shapes

log = logging.getLogger(__name__)

SCHEME = "cmap"
ASSET_BASE = f"{SCHEME}://app/assets/"
TILE_URL = f"{SCHEME}://app/tiles/{{z}}/{{x}}/{{y}}"
#: files the page may load (the scheme handler serves nothing else)
ASSETS = {
    "leaflet/leaflet.js": "text/javascript",
    "leaflet/leaflet.css": "text/css",
    "leaflet/images/layers.png": "image/png",
    "leaflet/images/layers-2x.png": "image/png",
    "live_map.js": "text/javascript",
    "live_map.css": "text/css",
}
DEFAULT_CLUSTER = {"above": 2000, "below_zoom": 12, "cell_px": 56}
#: sent with every cmap:// response (and in the page's head): scripts and styles only from
#: the console's own scheme, no inline script, fetch and XHR only to cmap:// (never file:// or the network),
#: no forms, frames, plugins or base-URL tricks. Leaflet sets element styles: styles inline.
CONTENT_SECURITY_POLICY = (
    f"default-src 'none'; script-src {SCHEME}:; style-src {SCHEME}: 'unsafe-inline'; img-src {SCHEME}: data:; "
    f"connect-src {SCHEME}:; font-src 'none'; media-src 'none'; object-src 'none'; frame-src 'none'; worker-src 'none'; "
    "base-uri 'none'; form-action 'none'"
)


def asset_bytes(name: str) -> bytes:
    """A web asset shipped in layers/web (only the ones listed in ASSETS)."""
    if name not in ASSETS:
        raise KeyError(name)
    return (resources.files("layers") / "web" / name).read_bytes()


def kind_layers(manifests: Iterable[Any]) -> dict[str, dict[str, str]]:
    """Entity kinds the plugins declare, as page layers: {kind: {title, shape}}."""
    out: dict[str, dict[str, str]] = {}
    for m in manifests:
        for k in getattr(m, "entity_kinds", ()):
            out[k.id] = {"title": k.title, "shape": k.shape}
    return out


def page_config(
    city: City,
    entities: Iterable[Entity],
    states: dict[str, MarkerState] | None = None,
    kinds: dict[str, dict[str, str]] | None = None,
    options: dict[str, Any] | None = None,
    tiles: dict[str, Any] | None = None,
    channel: bool = True,
    lines: list[dict[str, Any]] | None = None,
    controls: bool = True,
) -> dict[str, Any]:
    """What the page starts with. ``options`` are the MapTile's layout options; ``lines`` the
    plugins' line overlays (``plugin_lines``: the flood plugin's rivers); ``controls`` False for
    a wall screen: no zoom buttons and no layer switcher."""
    o = options or {}
    kinds = kinds or {}
    states = states or {}
    entities = list(entities)
    ents = [e for e in entities if e.has_position]
    visible = o.get("layers")
    # the switcher offers the kinds this map has markers of (or was told to show): a
    # checkbox for a kind with nothing on the map would do nothing
    shapes = entity_shapes(entities)
    used = sorted({e.kind for e in ents} | {sh["layer"] for sh in shapes} | set(visible or ()))
    layer_specs = [
        {
            "id": k, "title": kinds.get(k, {}).get("title", k), "shape": kinds.get(k, {}).get("shape", "circle"),
            "visible": visible is None or k in visible,
            **({"min_zoom": o["layer_min_zoom"][k]} if k in o.get("layer_min_zoom", {}) else {}),
        }
        for k in used
    ]
    try:
        boundary = load_boundary(city.id) if o.get("boundary", True) else None
    except KeyError:
        boundary = None
    return {
        "city": {"id": city.id, "name": city.name, "name_en": city.name_en, "bbox": [list(p) for p in city.bbox]},
        "boundary": boundary,
        # options "lines" (and its old name "rivers") hide the plugins' line overlays
        "lines": (lines or []) if o.get("lines", o.get("rivers", True)) else [],
        "view": {
            "center": list(o.get("center", city.center)), "zoom": o.get("zoom", 10),
            "fit": "center" not in o and "zoom" not in o,
        },
        "tiles": tiles,
        "layers": layer_specs,
        "cluster": DEFAULT_CLUSTER | o.get("cluster", {}),
        "markers": [marker_record(e, e.kind, states.get(e.id) or MarkerState("offline", "")) for e in ents],
        # entities' areas and paths (a grid, an impact range, a route), in their kind's layer
        "shapes": shapes,
        # where each camera looks (option "cones": false hides them)
        "cones": camera_cones(ents) if o.get("cones", True) else [],
        "channel": channel,
        "controls": controls,
    }


_PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
{head}
</head><body>
<div id="map"></div>
<script type="application/json" id="cc-config">{config}</script>
{scripts}
</body></html>
"""


_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def _json_for_script(data: Any) -> str:
    """JSON that is inert inside a <script> element and as JavaScript source: no "</script>", no
    "<!--<script>" (which makes the parser swallow the rest of the page), no raw U+2028/U+2029
    line separators. The escapes are JSON's own, so JSON.parse and JavaScript read the same data."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_SAFE)


def _script_text(name: str) -> str:
    return asset_bytes(name).decode("utf-8").replace("</script", "<\\/script")


def render_page(config: dict[str, Any], inline: bool = False) -> str:
    """The page's HTML. ``inline`` embeds every asset: one file that opens anywhere, offline."""
    city = config["city"]
    title = html.escape(f"{city['name']} {city['name_en']} · city-console map")
    scripts = ["leaflet/leaflet.js", "live_map.js"]
    styles = ["leaflet/leaflet.css", "live_map.css"]
    if inline:
        head = "\n".join(f"<style>{asset_bytes(s).decode('utf-8')}</style>" for s in styles)
        body = "\n".join("<script>" + _script_text(s) + "</script>" for s in scripts)
    else:
        csp = f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">'
        head = "\n".join([csp] + [f'<link rel="stylesheet" href="{ASSET_BASE}{s}">' for s in styles])
        pre = [f'<script src="{ASSET_BASE}qwebchannel.js"></script>'] if config.get("channel") else []
        body = "\n".join(pre + [f'<script src="{ASSET_BASE}{s}"></script>' for s in scripts])
    return _PAGE.format(title=title, head=head, config=_json_for_script(config), scripts=body)


def update_script(batch: list[list[str]]) -> str:
    """The JavaScript that applies one batch of marker changes."""
    return f"cc.update({_json_for_script(batch)})"


def markers_script(records: list[list[Any]]) -> str:
    return f"cc.setMarkers({_json_for_script(records)})"


def shapes_script(shapes: list[dict[str, Any]], full: bool = False) -> str:
    """Entities' areas and paths to draw anew (``layers.shapes``); an entry without points removes
    one; ``full``: these are all there are (every other shape goes)."""
    return f"cc.setShapes({_json_for_script(shapes)}, {'true' if full else 'false'})"


def move_script(moves: list[list[Any]]) -> str:
    """Markers to new positions, ``[[id, lat, lon], ...]``: their states and the selection stay."""
    return f"cc.move({_json_for_script(moves)})"


def plugin_lines(plugins: Iterable[Any], city: City) -> list[dict[str, Any]]:
    """Every plugin's line overlays for the city (manifest ``map_lines``: title -> "module:fn(city)"),
    as ``{"title", "lines": [{"id", "name", "name_en", "path"}]}``; a failing one is left out."""
    from console.plugins.api import load_object

    out = []
    for m in plugins:
        for title, ref in getattr(m, "map_lines", {}).items():
            try:
                got = list(load_object(ref)(city))
            except Exception:  # noqa: BLE001 (one plugin's overlay must not take the map down)
                log.exception("map lines %r of plugin %s failed", title, m.name)
                continue
            if got:
                out.append({"title": title, "lines": got})
    return out


__all__ = [
    "ASSETS", "ASSET_BASE", "CONTENT_SECURITY_POLICY", "SCHEME", "TILE_URL", "asset_bytes", "kind_layers", "markers_script", "move_script", "page_config", "plugin_lines", "shapes_script",
    "render_page", "update_script",
]
