"""MapTile: the city map in a web view, its entity layers fed live in batches.

The page (layers.page) loads once from the local ``cmap://`` scheme; after that the
tile only pushes changes: ``cc.update([[id, state, label], ...])`` with the markers
whose state or label changed since the last push. Nothing scans the map's entities per tick:
a drain's readings name the markers to re-read, an entity event the entities to re-place, a
health event the markers of those sources, and once a second only the markers whose data is
due to age (stale, offline: ``MarkerStates.due``) and, when their entities had news, the
plugins' layer states that changed. An entity re-added at a new place (a bus along its route) is
moved with ``cc.move([[id, lat, lon], ...])``, keeping every state and the selection; an entity's
area or path (``layers.shapes``: a grid, an impact range, a route) goes with ``cc.setShapes``; only
markers that come or go send the full set again. JavaScript calls are queued until the page has
loaded. Clicks come back through a QWebChannel bridge (a QObject with one slot,
never a widget) and leave as ``sig_entity_selected``.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal, Slot
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineSettings
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QVBoxLayout

from console.city import DEFAULT_CITY, load_city
from console.languages import QT_TRANSLATE_NOOP, Text
from console.layouts.layout import TileSpec
from layers.marker_state import ALARM, MarkerStates, kind_limits, layer_states, marker_record, primary_stream
from layers.basemap import open_tiles, parse_basemap
from layers.mbtiles import TileCache
from layers.page import kind_layers, markers_script, move_script, page_config, plugin_lines, render_page, shapes_script, update_script
from layers.shapes import entity_shapes, shape_changes
from widgets._map_scheme import map_profile, track_page
from widgets._web_lock import allows_navigation, lock_web_view
from widgets.tile import Tile, TileContext
from widgets.translation import shown

log = logging.getLogger(__name__)
_LOADING = QT_TRANSLATE_NOOP("Map", "地图加载中…")  # shown through the catalog


@lru_cache(maxsize=1)
def _plugin_kinds() -> dict[str, dict[str, str]]:
    from console.plugins.registry import PluginRegistry

    return kind_layers(PluginRegistry.discover().plugins.values())


@lru_cache(maxsize=8)
def _plugin_lines(city_id: str) -> tuple:
    """Plugins' line overlays of a city (the flood plugin's rivers), built once per city."""
    from console.city import load_city
    from console.plugins.registry import PluginRegistry

    return tuple(plugin_lines(PluginRegistry.discover().plugins.values(), load_city(city_id)))


def _layered_shown(hub, builders) -> dict:
    """The plugins' layer states, their labels in the interface's language (a builder's Text)."""
    got = layer_states(hub, builders)
    return {i: replace(st, label=shown(st.label)) if isinstance(st.label, Text) else st for i, st in got.items()}


@lru_cache(maxsize=1)
def _plugin_limits() -> dict:
    from console.plugins.registry import PluginRegistry

    return kind_limits(PluginRegistry.discover().plugins.values())


@lru_cache(maxsize=1)
def _layer_builders() -> tuple:
    """Plugins' layer builders ("module:function"), imported once; a broken one is left out."""
    from console.plugins.api import load_object
    from console.plugins.registry import PluginRegistry

    out = []
    for m in PluginRegistry.discover().plugins.values():
        for ref in m.layers.values():
            try:
                out.append(load_object(ref))
            except Exception:
                continue
    return tuple(out)


class MapBridge(QObject):
    """The one object the page sees on the web channel."""

    sig_marker_clicked = Signal(str)
    """The operator clicked the marker of this entity id."""

    @Slot(str)
    def markerClicked(self, entity_id: str) -> None:  # noqa: N802 (called from JavaScript)
        self.sig_marker_clicked.emit(entity_id)


class _Page(QWebEnginePage):
    locked = False  # kiosk: see widgets._web_lock

    def acceptNavigationRequest(self, url, nav_type, is_main_frame):  # noqa: N802 (Qt override)
        if self.locked:
            return allows_navigation(url, nav_type, is_main_frame)
        return super().acceptNavigationRequest(url, nav_type, is_main_frame)

    def createWindow(self, _type):  # noqa: N802 (Qt override): the map never opens windows
        return None

    def javaScriptConsoleMessage(self, level, message, line, source):  # noqa: N802 (Qt override)
        log.info("map page %s:%s: %s", source, line, message)


class MapTile(Tile):
    kind = "map"
    options_schema = {
        "type": "object",
        "properties": {
            "city": {"type": "string"},
            "center": {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2},
            "zoom": {"type": "number", "minimum": 3, "maximum": 18},
            "layers": {"type": "array", "items": {"type": "string"}},
            # per kind, the attributes its markers must have: {"camera": {"domain": "flood"}} (a plugin's own cameras)
            "layer_attrs": {"type": "object", "additionalProperties": {"type": "object"}},
            # per kind, the zoom from which its normal markers show (its abnormal ones always do)
            "layer_min_zoom": {"type": "object", "additionalProperties": {"type": "number", "minimum": 3, "maximum": 18}},
            "boundary": {"type": "boolean"},
            "lines": {"type": "boolean"}, "rivers": {"type": "boolean"},
            "fly_to_alarm": {"type": "boolean"},
            "tiles": {
                "type": "object",
                "properties": {
                    "mbtiles": {"type": "string"}, "pmtiles": {"type": "string"},
                    "url": {"type": "string"}, "tms": {"type": "string"},
                    "wmts": {
                        "type": "object", "required": ["url", "layer"],
                        "properties": {
                            "url": {"type": "string"}, "layer": {"type": "string"}, "matrix_set": {"type": "string"},
                            "style": {"type": "string"}, "format": {"type": "string"}, "key": {"type": "string"},
                            "key_param": {"type": "string"}, "first_level": {"type": "integer", "minimum": 0, "maximum": 2},
                        },
                    },
                    "attribution": {"type": "string"}, "max_zoom": {"type": "integer", "minimum": 1, "maximum": 22},
                },
                "anyOf": [{"required": ["mbtiles"]}, {"required": ["pmtiles"]}],
            },
            "cluster": {"type": "object"},
        },
    }

    sig_entity_selected = Signal(str)
    """An entity was selected on the map (its id): other tiles may follow it."""
    sig_page_loaded = Signal(bool)
    """The page finished loading (ok)."""

    def __init__(self, ctx: TileContext, spec: TileSpec) -> None:
        super().__init__(ctx, spec)
        self.city = load_city(self._options.get("city") or ctx.city or DEFAULT_CITY)
        self.loaded = False
        self._js_queue: list[str] = []
        self._states = MarkerStates(_plugin_limits())
        self._layered: dict = {}  # states from plugins' layer builders, refreshed once a second
        self._entities: dict[str, object] = {}
        self._stream_entity: dict[str, str] = {}
        self._layered_dirty = False  # entities had news since the layer builders last ran
        self._last_now: float | None = None
        self.pushed = 0  # markers sent to the page in batches since the page loaded (tests, support)
        self._tiles: TileCache | None = None
        box = QVBoxLayout(self.body)
        box.setContentsMargins(0, 0, 0, 0)
        self.view = QWebEngineView(self.body)
        profile, self._handler = map_profile()
        self.page = _Page(profile, self.view)
        track_page(self.page)
        self.bridge = MapBridge(self)
        self.bridge.sig_marker_clicked.connect(self.sig_entity_selected)
        if ctx.selection is not None:  # a click on the map selects for the whole window
            self.sig_entity_selected.connect(ctx.selection.select)
        self.channel = QWebChannel(self.page)
        self.channel.registerObject("bridge", self.bridge)
        self.page.setWebChannel(self.channel)
        self.page.setBackgroundColor("#16191d")
        # the page loads from cmap:// only; a remote URL or a local file is refused before any
        # request is made (and the scheme's Content-Security-Policy refuses them again)
        self.page.settings().setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, False)
        self.page.settings().setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessFileUrls, False)
        self.view.setPage(self.page)
        if ctx.kiosk:
            lock_web_view(self.view, self.page)
        self.page.loadFinished.connect(self._on_loaded)
        # a renderer that crashes, runs out of memory or is killed leaves a blank tile: load again
        self.page.renderProcessTerminated.connect(self._on_renderer_died)
        self.renderer_restarts = 0
        box.addWidget(self.view)
        ctx.signals.listen(self, "health", self._on_health)
        self._collect_entities()
        self._url = self._handler.add_page(render_page(self._config()))
        self.page.load(self._url)
        if not self.message_label.text():  # the page takes seconds to draw: say so, not a black box
            self.show_message(QCoreApplication.translate("Map", _LOADING))

    # -- building ----------------------------------------------------------------------
    def _wanted(self, e) -> bool:
        """Whether an entity has a marker on this map (its kind shown, the attributes its layer asks for)."""
        visible = self._options.get("layers")
        wanted = self._options.get("layer_attrs", {})
        return (e.has_position and (visible is None or e.kind in visible)
                and all(e.attrs.get(k) == v for k, v in wanted.get(e.kind, {}).items()))

    def _collect_entities(self) -> None:
        self._entities = {e.id: e for e in self.ctx.hub.entities.values() if self._wanted(e)}
        # every stream of a marker's entity: a plugin's layer builder may read any of them
        self._stream_entity = {s.id: e.id for e in self._entities.values() for s in e.streams}
        self.subscribe(list(self._stream_entity))

    def _place(self, ids) -> tuple[dict, bool]:
        """Re-read only these entities from the hub: the ones they replace, and whether any came or went."""
        before, came_or_went, streams_changed = {}, False, False
        hub_ents = self.ctx.hub.entities
        for i in ids:
            e, old = hub_ents.get(i), self._entities.get(i)
            keep = e is not None and self._wanted(e)
            if old is not None:
                before[i] = old
            if keep != (old is not None):
                came_or_went = True
            old_streams = {s.id for s in old.streams} if old is not None else set()
            new_streams = {s.id for s in e.streams} if keep else set()
            if old_streams != new_streams:
                streams_changed = True
                for sid in old_streams - new_streams:
                    self._stream_entity.pop(sid, None)
                self._stream_entity.update(dict.fromkeys(new_streams, i))
            if keep:
                self._entities[i] = e
            elif old is not None:
                del self._entities[i]
                self._states.forget(i)
        if streams_changed:
            self.subscribe(list(self._stream_entity))
        return before, came_or_went

    def _config(self) -> dict:
        tiles = None
        t = self._options.get("tiles")
        if t:
            try:
                base = parse_basemap(t)
                cache = TileCache(open_tiles(base), base.url if base.online else None)
                tiles = {"url": self._handler.add_tile_source(cache), "attribution": base.attribution,
                         "max_zoom": base.max_zoom, "crs": base.crs}
                # a file's own deepest level: beyond it the page scales those tiles up instead of
                # asking for tiles that are not there (a blank map); online, deeper ones get fetched
                zooms = None if base.online else cache.mbtiles.zoom_range()
                if zooms is not None:
                    tiles["min_native_zoom"], tiles["max_native_zoom"] = zooms
                self._tiles = cache
            except Exception as exc:
                self.show_message(QCoreApplication.translate("Map", "底图不可用：{error}").format(error=exc))
        self._layered = _layered_shown(self.ctx.hub, _layer_builders())
        self._states.changes(self.ctx.hub, self._entities.values(), layered=self._layered)
        # the layer switcher's names in the interface's language (the manifests write them in Chinese)
        named = QCoreApplication.translate
        kinds = {k: {**v, "title": named("EntityKind", v["title"])} for k, v in _plugin_kinds().items()}
        lines = [{**g, "title": named("MapLines", g["title"])} for g in _plugin_lines(self.city.id)]
        return page_config(
            self.city, self._entities.values(), self._states.sent, kinds, self._options, tiles,
            lines=lines, controls=not self.ctx.read_only,
        )

    # -- talking to the page -------------------------------------------------------------------
    def run_js(self, script: str, callback=None) -> None:
        """Run JavaScript in the page, after it has loaded (queued until then)."""
        if not self.loaded:
            self._js_queue.append(script)
            return
        if callback is None:
            self.page.runJavaScript(script, 0)
        else:
            self.page.runJavaScript(script, 0, callback)

    def _on_renderer_died(self, status, exit_code: int) -> None:
        if status == QWebEnginePage.RenderProcessTerminationStatus.NormalTerminationStatus:
            return  # the page was closed on purpose
        self.renderer_restarts += 1
        log.warning("map %r: the page's renderer died (%s, exit code %s); reloading the page (restart %d)",
                    self.spec.title, status.name, exit_code, self.renderer_restarts)
        self.loaded = False
        self.show_message(QCoreApplication.translate("Map", "地图渲染进程已退出，正在重新加载"))
        QTimer.singleShot(500, self._reload_page)

    def _reload_page(self) -> None:
        """A fresh page with today's markers (the dead one's state is gone)."""
        if self._url is None:
            return
        self._handler.drop_page(self._url)
        self._states = MarkerStates(_plugin_limits())
        self._url = self._handler.add_page(render_page(self._config()))
        self.page.load(self._url)

    def _on_loaded(self, ok: bool) -> None:
        self.loaded = ok
        if ok and (self.renderer_restarts or self.message_label.text() == QCoreApplication.translate("Map", _LOADING)):
            self.show_message("")
        if not ok:
            self.show_message(QCoreApplication.translate("Map", "地图页面加载失败"))
        queued, self._js_queue = self._js_queue, []
        for script in queued:
            self.run_js(script)
        self.sig_page_loaded.emit(ok)

    def _push(self, entity_ids, now: float | None = None) -> None:
        ents = [e for i in entity_ids if (e := self._entities.get(i)) is not None]
        if not ents:
            return
        before = {e.id: self._states.sent.get(e.id) for e in ents}
        batch = self._states.changes(self.ctx.hub, ents, now, layered=self._layered)
        if not batch:
            return
        self.pushed += len(batch)
        self.run_js(update_script(batch))
        if self._options.get("fly_to_alarm"):
            raised = [b[0] for b in batch if b[1] == ALARM and (before.get(b[0]) is None or before[b[0]].state != ALARM)]
            if raised:
                self.fly_to(raised[-1])

    def fly_to(self, entity_id: str) -> None:
        """Centre the map on an entity and mark it selected."""
        self.run_js(f"cc.flyTo({entity_id!r})")

    # -- the hub -----------------------------------------------------------------------------
    def on_readings(self, readings) -> None:
        ids = {self._stream_entity[s] for s in readings if s in self._stream_entity}
        if ids:
            self._push(ids)

    def _on_health(self, names) -> None:
        """Sources went up or down: their markers may be stale now (or current again)."""
        hub = self.ctx.hub
        names = set(names)
        ids = {eid for sid, eid in self._stream_entity.items() if hub.source_of(sid) in names}
        self._push(ids)

    def on_entities(self, event) -> None:
        before, came_or_went = self._place((*event.added, *event.changed))
        self._layered_dirty = True
        if not came_or_went and self._moved_only(before, event):
            # the same markers, some at new places (a bus along its route): move them, keep the rest
            moved = [[i, e.lat, e.lon] for i in event.changed if (e := self._entities.get(i)) is not None
                     and i in before and (e.lat, e.lon) != (before[i].lat, before[i].lon)]
            if moved:
                self.run_js(move_script(moved))
            reshaped = shape_changes(before, self._entities, [i for i in event.changed if i in before])
            if reshaped:  # an impact range grew, a route was drawn anew
                self.run_js(shapes_script(reshaped))
            self._push([i for i in event.changed if i in self._entities])
            return
        # entities came or changed otherwise (a source started): send the full set once, then batches again
        now = self.ctx.hub.clock.now()
        self._states = MarkerStates(_plugin_limits())
        self._layered = _layered_shown(self.ctx.hub, _layer_builders())
        self._layered_dirty = False
        self._states.changes(self.ctx.hub, self._entities.values(), now, layered=self._layered)
        records = [marker_record(e, e.kind, self._states.sent[e.id]) for e in self._entities.values()]
        self.run_js(markers_script(records))
        self.run_js(shapes_script(entity_shapes(self._entities.values()), full=True))

    def _moved_only(self, before: dict, event) -> bool:
        """Whether the page's markers stay the same ones, each in its layer under its name (only
        positions, values or attributes changed), so a move and a batch update say it all."""
        return all(i not in before or (before[i].kind, before[i].name) == (e.kind, e.name)
                   for i in event.changed if (e := self._entities.get(i)) is not None)

    def state(self) -> dict:
        """For the state dump: the legend's counts, as the page shows them."""
        return {"legend": self._states.counts(), "legend_stale": self._states.stale_counts()}

    def on_second(self, now: float) -> None:
        if self._last_now is not None and now < self._last_now:  # the clock went back (a tour restarted)
            self._states = MarkerStates(_plugin_limits())
            self._states.changes(self.ctx.hub, self._entities.values(), now, layered=self._layered)
            self.run_js(update_script([[i, st.state, st.label, st.freshness] for i, st in self._states.sent.items()]))
        self._last_now = now
        ids = set(self._states.due(now))
        # plugins' layer builders once a second while this map has their markers (a stop board's
        # arrivals change with time alone), else only after entity news; only what changed is sent
        if self._layered or self._layered_dirty:
            self._layered_dirty = False
            old, self._layered = self._layered, _layered_shown(self.ctx.hub, _layer_builders())
            ids.update(i for i, st in self._layered.items() if old.get(i) != st)
            ids.update(i for i in old if i not in self._layered)
        if ids:
            self._push(ids, now)

    def teardown(self) -> None:
        super().teardown()
        self._handler.drop_page(self._url)
        self._url = None
        self.page.loadFinished.disconnect(self._on_loaded)
        self.page.renderProcessTerminated.disconnect(self._on_renderer_died)
        if self._tiles is not None:
            self._tiles.mbtiles.close()
