"""Wires the core together: cache, hub, plugins, alarm rules, layouts, sources. Qt-free.

The GUI, the CLI and the tests all start the console through this one class.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import platformdirs

from console.alarms.engine import AlarmEngine
from console.cameras.sim_source import SimulatedCameraSource
from console.cameras.snapshot_store import SnapshotStore
from console.alarms.rules import RuleError, compile_rule
from console.city import City, load_city
from console.clock import Clock, SimClock
from console.hub import Hub
from console.layout import Layout, LayoutError, load_layout, parse_layout
from console.plugin_api import load_object
from console.plugin_registry import PluginRegistry
from console.sources.simulator_source import SimulatorSource
from console.state import load_state, save_state
from console.store import Store

log = logging.getLogger(__name__)

APP_NAME = "city-console"


def default_cache_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_state_dir() -> Path:
    return Path(platformdirs.user_state_dir(APP_NAME, appauthor=False))


@dataclass
class RuntimeOptions:
    city: str = "shouguang"
    cache_dir: Path | None = None
    demo: bool = False
    offline: bool = False
    speed: float = 1.0
    seed: int = 1
    layout_file: Path | None = None
    wall: bool = False  # the wall client: comes back with the layout it last showed
    state_dir: Path | None = None  # default: the user's state dir
    snapshot_max_mb: float = 512.0  # camera frames kept in the cache, at most this many MB
    snapshot_max_age_h: float = 24.0  # and at most this old


@dataclass
class Runtime:
    options: RuntimeOptions
    city: City = field(init=False)
    clock: Clock = field(init=False)
    store: Store = field(init=False)
    hub: Hub = field(init=False)
    snapshots: SnapshotStore = field(init=False)
    registry: PluginRegistry = field(init=False)
    alarms: AlarmEngine = field(init=False)
    layouts: dict[str, Layout] = field(init=False, default_factory=dict)
    sources: list[SimulatorSource | SimulatedCameraSource] = field(init=False, default_factory=list)
    notices: list[str] = field(init=False, default_factory=list)

    def __post_init__(self) -> None:
        o = self.options
        self.city = load_city(o.city)
        self.clock = SimClock(speed=o.speed) if o.demo else Clock()
        self.store = Store(self.cache_path)
        self.hub = Hub(self.store, self.clock)
        self.snapshots = SnapshotStore(
            self.store, max_bytes=int(o.snapshot_max_mb * 1e6), max_age_s=o.snapshot_max_age_h * 3600
        )
        self.registry = PluginRegistry.discover()
        for f in self.registry.failed:
            self.notices.append(f"插件加载失败 Plugin {f.name!r} failed to load and was skipped: {f.reason}")
        rules = []
        for m in self.registry.plugins.values():
            for data in m.rules:
                try:
                    rules.append(compile_rule(data, f"plugin {m.name}"))
                except RuleError as exc:
                    self.notices.append(str(exc))
        self.alarms = AlarmEngine(self.hub, rules)
        self._load_layouts()

    @property
    def cache_path(self) -> Path:
        folder = self.options.cache_dir or default_cache_dir()
        return Path(folder) / f"{self.options.city}.sqlite3"

    def _load_layouts(self) -> None:
        for m in self.registry.plugins.values():
            for ref in m.layouts:
                package, _, rel = ref.partition(":")
                try:
                    text = (resources.files(package) / rel).read_text(encoding="utf-8")
                    layout = parse_layout(json.loads(text), f"{m.name}:{rel}")
                    self.layouts[layout.name] = layout
                except (LayoutError, OSError, ValueError) as exc:
                    self.notices.append(f"布局无效 Layout skipped: {exc}")

    def initial_layout(self) -> Layout | None:
        """The layout to open: --layout FILE if it is valid, else the first plugin layout."""
        fallback = next(iter(self.layouts.values()), None)
        if self.options.wall and not self.options.layout_file:
            last = load_state(self.state_dir).get("last_layout")
            if last in self.layouts:
                log.info("wall: restoring layout %s", last)
                return self.layouts[last]
        if self.options.layout_file:
            try:
                return load_layout(self.options.layout_file)
            except LayoutError as exc:
                self.notices.append(f"布局文件无效，已使用默认布局 Layout file rejected, default shown: {exc}")
        return fallback

    @property
    def state_dir(self) -> Path:
        return Path(self.options.state_dir or default_state_dir())

    def layout_shown(self, name: str) -> None:
        """The wall client remembers its layout, to come back to it after a restart."""
        if self.options.wall:
            save_state(self.state_dir, last_layout=name)

    def start(self) -> None:
        """Show the last known state first, then start the sources (unless offline)."""
        n = self.hub.seed_from_cache()
        log.info("cache %s: %d streams with a last value", self.cache_path, n)
        if self.options.offline:
            self.notices.append("离线模式：显示缓存中的最后数据 Offline: showing the last cached values; all sources off")
            return
        if not self.options.demo:
            self.notices.append("未配置数据源 No sources configured: start with --demo for the simulator")
            return
        for m in self.registry.plugins.values():
            if not m.simulator:
                continue
            try:
                cls = load_object(m.simulator)
                sim = cls(self.city, seed=self.options.seed)
                sim.prepare_demo(self.clock.now())
                self.hub.add_entities(sim.entities())
                src = SimulatorSource(m.name, sim, self.hub, self.clock)
            except Exception as exc:
                log.exception("simulator of plugin %s failed", m.name)
                self.notices.append(f"模拟器启动失败 Simulator of {m.name!r} failed: {type(exc).__name__}: {exc}")
                continue
            self.sources.append(src)
        for m in self.registry.plugins.values():
            if m.cameras:
                self._start_cameras(m.name, m.cameras)
        for src in self.sources:
            src.start()

    def _start_cameras(self, plugin: str, ref: str) -> None:
        try:
            camera_set = load_object(ref)(self.city, seed=self.options.seed)
            self.hub.add_entities(camera_set.entities())
            self.sources.append(SimulatedCameraSource(f"{plugin}-cameras", camera_set, self.hub, self.snapshots))
        except Exception as exc:
            log.exception("cameras of plugin %s failed", plugin)
            self.notices.append(f"摄像机模拟失败 Cameras of {plugin!r} failed: {type(exc).__name__}: {exc}")

    def stop(self) -> None:
        for src in self.sources:
            src.stop()
        self.store.close()

