"""Wires the core together: cache, hub, plugins, alarm rules, layouts, sources. Qt-free.

The GUI, the CLI and the tests all start the console through this one class.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from typing import Any
from importlib import resources
from pathlib import Path


from console.languages import Text
from console.alarms.engine import AlarmEngine
from console.cameras.sim_source import DEMO_RENDERS_PER_S, SimulatedCameraSource, camera_need, paced, reduced_note
from console.store.snapshots import SnapshotStore
from console.alarms.rules import RuleError, compile_rule
from console.audit.auth import Session, UserDirectory
from console.city import City, load_city
from console.city_time import set_city_tz
from console.clock import Clock, SimClock
from console.hub.hub import Hub
from console.incidents.book import IncidentBook
from console.incidents.plans import PlanError, Plans, load_plan_ref
from console.layouts.layout import Layout, LayoutError, load_layout, parse_layout
from console.plugins.api import load_object
from console.plugins.registry import PluginRegistry
from console.sources.factory import Source
from console.sources.scale import make_sized
from console.sources.simulator import ScenarioEvent
from console.sources.replay_source import ReplayError, ReplayPeriod, ReplaySource, replay_period
from console.sources.simulator_source import SimulatorSource
from console.app.state import load_state, save_state
from console.hub.hub import DEFAULT_MAX_SKEW_S
from console.store.cache_file import open_store
from console.store.store import DEFAULT_BACKLOG_ROWS, DEFAULT_RETENTION_DAYS, Store

log = logging.getLogger(__name__)

from console.settings.paths import APP_NAME, data_dir, state_dir  # noqa: E402 (defined once)


def default_cache_dir() -> Path:
    return data_dir()


def default_state_dir() -> Path:
    return state_dir()


@dataclass
class RuntimeOptions:
    city: str = "shouguang"
    cache_dir: Path | None = None
    demo: bool = False
    offline: bool = False
    speed: float = 1.0
    seed: int = 1
    scale: str = "demo"  # "city": each simulator and camera set sizes itself to a city (console.sources.scale)
    layout_file: Path | None = None
    wall: bool = False  # the wall client: comes back with the layout it last showed
    cameras: bool = True  # False: no demo cameras (a headless engine draws no pictures: each desk pulls its own)
    state_dir: Path | None = None  # default: the user's state dir
    snapshot_max_mb: float = 512.0  # camera frames kept in the cache, at most this many MB
    snapshot_max_age_h: float = 24.0  # and at most this old
    settings_file: Path | None = None  # sources settings (default: the user's config dir)
    plugins: frozenset[str] | None = None  # load only these plugins (None: every one found)
    tour: str | None = None  # play this tour ("default", a shipped name, or a file); see console.tours
    tour_step: int = 1  # the tour starts at this step (1: the first); the steps before it play their scenario at once
    kiosk: bool = False  # full screen, read-only, exit by key chord and PIN only
    kiosk_pin_file: Path | None = None
    lang: str = "zh"  # the interface language: zh, en or zh+en (console.languages)
    replay: Path | None = None  # play back this recorded cache file (console.sources.replay_source)
    replay_from: float | None = None  # the period (seconds since the epoch); None: the whole file
    replay_to: float | None = None
    tz: str | None = None  # the time zone shown (None: the city's, Asia/Shanghai); see console.city_time
    # the cache (the lead wires these to the settings model): history kept, size bound,
    # readings held in memory while the disk cannot take them, how far ahead a reading may be dated
    retention_days: float | None = DEFAULT_RETENTION_DAYS
    cache_max_mb: float | None = None
    backlog_rows: int | None = None  # None: 30 minutes of the configured streams' load
    max_skew_s: float = DEFAULT_MAX_SKEW_S
    centre_name: str | None = None  # [centre] name in settings.toml: the wall header names the centre
    centre_broker: str | None = None  # [centre] broker: the desk shows the centre's alarms through it
    centre_username: str | None = None
    centre_password: str | None = None
    centre_console: str | None = None  # [centre] console: this console's name at the broker (default: host-role-digest)
    centre_readings: bool = False  # with a centre broker and no demo: the engine's readings, not this console's sources
    settings_problem: str | None = None  # why the settings file's console-wide keys were not used (shown as a notice)


def cache_options(cache: dict[str, Any]) -> dict[str, Any]:
    """RuntimeOptions fields from settings.toml's [cache] table (absent keys: the defaults)."""
    names = {"retention_days": "retention_days", "max_mb": "cache_max_mb", "backlog_rows": "backlog_rows",
             "max_skew_s": "max_skew_s"}
    return {names[k]: v for k, v in cache.items() if k in names}


BACKLOG_MINUTES = 30


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
    incidents: IncidentBook = field(init=False)  # services["incidents"], ctx.incidents
    users: UserDirectory = field(init=False)
    session: Session = field(init=False)  # who is at this desk
    layouts: dict[str, Layout] = field(init=False, default_factory=dict)
    sources: list[Source] = field(init=False, default_factory=list)
    notices: list[str] = field(init=False, default_factory=list)
    services: dict[str, Any] = field(init=False, default_factory=dict)  # plugin services, by name
    audit_shipper: Any = field(init=False, default=None)  # a console of a centre: its audit rows to the engine's archive

    def __post_init__(self) -> None:
        o = self.options
        self.city = load_city(o.city)
        self.city_time = set_city_tz(o.tz or self.city.tz)
        self.clock = SimClock(speed=o.speed) if o.demo else Clock()
        self.replay_period: ReplayPeriod | None = None
        if o.replay is not None:
            # a replay runs on a clock starting at the recorded period, into a cache of its own
            self.replay_period = replay_period(o.replay, o.replay_from, o.replay_to)
            self.clock = SimClock(start=self.replay_period.start, speed=o.speed)
            if self.cache_path.resolve() == Path(o.replay).resolve():
                raise ReplayError(f"{o.replay}: cannot replay the console's own cache in place")
            for p in self.cache_path.parent.glob(self.cache_path.name + "*"):
                p.unlink()
        # a replay's data is old by nature: no age-based pruning of the replay cache
        self.store, notices = open_store(self.cache_path, lambda path: Store(
            path, retention_days=None if o.replay is not None else o.retention_days, max_size_mb=o.cache_max_mb,
            max_backlog_rows=o.backlog_rows or DEFAULT_BACKLOG_ROWS, clock=self.clock.now,
        ))
        self.notices.extend(notices)
        if o.settings_problem:
            self.notices.append(Text("Runtime", "设置未生效：{problem}").format(problem=o.settings_problem))
        self.hub = Hub(self.store, self.clock, max_skew_s=o.max_skew_s)
        self.snapshots = SnapshotStore(
            self.store, max_bytes=int(o.snapshot_max_mb * 1e6), max_age_s=o.snapshot_max_age_h * 3600
        )
        self.registry = PluginRegistry.discover(only=set(o.plugins) if o.plugins is not None else None,
                                                allow=self._allow_list())
        for r in self.registry.refused:
            self.notices.append(Text("Runtime", "插件 {name} 未获准运行，未导入：{reason}").format(name=repr(r.name), reason=r.reason))
        for f in self.registry.failed:
            self.notices.append(Text("Runtime", "插件 {name} 加载失败，已跳过：{reason}").format(name=repr(f.name), reason=f.reason))
        rules = []
        for m in self.registry.plugins.values():
            for data in m.rules:
                try:
                    rules.append(compile_rule(data, f"plugin {m.name}"))
                except RuleError as exc:
                    self.notices.append(str(exc))
        self.engine = AlarmEngine(self.hub, rules)
        self.alarms = self.engine  # what the desk shows: the centre's alarms when there is a centre
        self.centre = None
        if o.centre_broker and o.cameras:  # a desk or a wall PC of a centre (an engine publishes instead)
            from console.centre.broker import Broker
            from console.centre.desk_alarms import DeskAlarms
            from console.centre.mirror import CentreAlarms
            from console.centre.wire import console_id

            self.centre = CentreAlarms(Broker.parse(o.centre_broker, o.centre_username, o.centre_password),
                                       o.centre_name or "centre",
                                       o.centre_console or console_id("wall" if o.wall else "desk", str(self.cache_path)),
                                       on_change=self.hub.mark_alarms_changed, role="wall" if o.wall else "console")
            self.alarms = DeskAlarms(self.engine, self.centre)
        self.users = UserDirectory(self.store.path, audit=self.store.audit)  # the cache in use (a temporary one on a read-only folder)
        self.session = Session(audit=self._queued_audit)
        self._start_incidents(rules)
        if o.demo and not o.kiosk:  # the demo stays usable unattended; the window says who is logged in and why
            self.session.login_auto("demo", "operator")
        self._start_services()
        self._load_layouts()

    def _start_incidents(self, rules: list) -> None:
        """The incident book over the plugins' plans; plugins reach it as ``services["incidents"]``.
        A bad plan file is reported and skipped; an overdue incident raises a system alarm."""
        plans = []
        for m in self.registry.plugins.values():
            for ref in m.incident_plans:
                try:
                    plans.append(load_plan_ref(ref))
                except PlanError as exc:
                    self.notices.append(Text("Runtime", "预案无效，已跳过：{error}").format(error=str(exc)))
        rule_plans = {r.id: r.incident_plan for r in rules if r.incident_plan}
        self.incidents = IncidentBook(self.store, self.hub, Plans(plans), self.clock, rule_plans=rule_plans)
        self.incidents.watch_overdue(self.engine)
        self.services["incidents"] = self.incidents

    def _allow_list(self) -> tuple[str, ...]:
        """``[plugins] allow`` of the settings file in use; every discovery in the process obeys it."""
        from console.plugins.allow_list import AllowListError, allow_list_in, set_process_allow_list

        try:
            allow = allow_list_in(self.options.settings_file)
        except AllowListError as exc:
            self.notices.append(Text("Runtime", "插件许可列表无效，仅运行内置插件：{error}").format(error=str(exc)))
            allow = ()
        set_process_allow_list(allow)
        return allow

    def _queued_audit(self, *args, **kwargs) -> None:
        """Audit from the GUI thread without waiting for the disk, ahead of the readings queued
        (a login or logout is written within moments, not after a back-fill's batches)."""
        self.store.call_priority(lambda: self.store.audit(*args, **kwargs))

    def _start_services(self) -> None:
        """Build each plugin's services (``factory(runtime)``); a failing one is reported, skipped."""
        for m in self.registry.plugins.values():
            for name, ref in m.services.items():
                try:
                    self.services[name] = load_object(ref)(self)
                except Exception as exc:
                    log.exception("service %s of plugin %s failed", name, m.name)
                    self.notices.append(Text("Runtime", "插件 {plugin} 的服务 {name} 启动失败：{error}").format(
                        plugin=repr(m.name), name=repr(name), error=f"{type(exc).__name__}: {exc}"))

    @property
    def cache_path(self) -> Path:
        folder = self.options.cache_dir or default_cache_dir()
        if self.options.demo and self.options.cache_dir is None:
            folder = Path(folder) / "demo"  # simulated (future-dated at --speed N) data never mixes with real data
        prefix = "replay-" if self.options.replay is not None else ""
        return Path(folder) / f"{prefix}{self.options.city}.sqlite3"

    def _load_layouts(self) -> None:
        refs = [(m.name, ref) for m in self.registry.plugins.values() for ref in m.layouts]
        for owner, ref in refs:
            package, _, rel = ref.partition(":")
            try:
                text = (resources.files(package) / rel).read_text(encoding="utf-8")
                layout = parse_layout(json.loads(text), f"{owner}:{rel}")
                self.layouts[layout.name] = layout
            except (LayoutError, OSError, ValueError) as exc:
                self.notices.append(Text("Runtime", "布局无效，已跳过：{error}").format(error=str(exc)))

    def initial_layout(self) -> Layout | None:
        """The layout to open: --layout FILE (or a known layout's name) if valid, else the first plugin layout."""
        fallback = next(iter(self.layouts.values()), None)
        name = str(self.options.layout_file or "")
        if name in self.layouts and not Path(name).exists():
            return self.layouts[name]
        if self.options.wall and not self.options.layout_file:
            last = load_state(self.state_dir).get("last_layout")
            if last in self.layouts:
                log.info("wall: restoring layout %s", last)
                return self.layouts[last]
        if self.options.layout_file:
            try:
                return load_layout(self.options.layout_file)
            except LayoutError as exc:
                self.notices.append(Text("Runtime", "布局文件无效，已使用默认布局：{error}").format(error=str(exc)))
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
        if self.centre is not None:
            from console.centre.audit_link import AuditShipper

            self.centre.start()
            self.audit_shipper = AuditShipper(self.store, self.centre.broker, self.centre.topics.centre,
                                              self.centre.console).start()
        if self.replay_period is not None:
            src = ReplaySource(self.options.replay, self.replay_period, self.hub, self.clock)
            self.hub.add_entities(src.entities)
            self.sources.append(src)
            self.clock.jump(self.replay_period.start - self.clock.now())  # the period starts now, not at set-up
            src.start()
            return
        if self.options.offline:
            self.notices.append(Text("Runtime", "离线模式：显示缓存中的最后数据，所有数据源关闭"))
            return
        if not self.options.demo:
            if self.options.centre_readings and self.centre is not None:
                self._start_centre_readings()
            self._start_configured_sources(own_sources=not self.options.centre_readings or self.centre is None)
            self._size_backlog()
            return
        for m in self.registry.plugins.values():
            if not m.simulator:
                continue
            try:
                sim = self._sized(m.name, "simulator", load_object(m.simulator))
                sim.attach(self.services)
                sim.prepare_demo(self.clock.now())
                self.hub.add_entities(sim.entities())
                src = SimulatorSource(m.name, sim, self.hub, self.clock)
            except Exception as exc:
                log.exception("simulator of plugin %s failed", m.name)
                self.notices.append(Text("Runtime", "插件 {plugin} 的模拟器启动失败：{error}").format(plugin=repr(m.name), error=f"{type(exc).__name__}: {exc}"))
                continue
            self.sources.append(src)
        sets = []
        for m in self.registry.plugins.values():
            if m.cameras and self.options.cameras:
                camera_set = self._load_cameras(m.name, m.cameras)
                if camera_set is not None and camera_set.entities():  # none at this scale: no source
                    sets.append((m.name, camera_set))
        # the PC's drawing budget shared by every plugin's cameras: each set slowed by the same factor
        speed = self.clock.speed
        needs = [camera_need(cs.entities(), speed) for _, cs in sets]
        factor = max(1.0, sum(needs) / DEMO_RENDERS_PER_S)
        reduced = 0  # cameras started that draw less often than real ones
        for (name, camera_set), need in zip(sets, needs):
            reduced += self._start_cameras(name, camera_set, max(need / factor, 1e-6))
        note = reduced_note(reduced, factor, speed)
        if note:
            self.notices.append(note)
            log.info("%s", note)
        self._size_backlog()
        for src in self.sources:
            src.start()

    def _size_backlog(self) -> None:
        """Readings held in memory while the disk cannot take them: 30 minutes of the load the
        configured streams bring (unless an explicit bound was given)."""
        if self.options.backlog_rows is not None:
            return
        per_s = sum(1.0 / max(s.expected_interval_s, 0.1) for s in self.hub.specs.values()) * max(self.options.speed, 1.0)
        self.store.max_backlog_rows = max(100_000, int(per_s * BACKLOG_MINUTES * 60))
        log.info("cache backlog bound: %d readings (%d minutes at %.0f readings/s)",
                 self.store.max_backlog_rows, BACKLOG_MINUTES, per_s)

    def _sized(self, plugin: str, what: str, cls: Any) -> Any:
        """A plugin's simulator or camera set made at the options' scale (demo size if it cannot size itself)."""
        obj, sized = make_sized(cls, self.city, self.options.seed, self.options.scale)
        if not sized:
            log.info("%s of plugin %s takes no scale: made at demo size", what, plugin)
        return obj

    def _load_cameras(self, plugin: str, ref: str):
        try:
            return self._sized(plugin, "cameras", load_object(ref))
        except Exception as exc:
            log.exception("cameras of plugin %s failed", plugin)
            self.notices.append(Text("Runtime", "插件 {plugin} 的摄像机模拟失败：{error}").format(plugin=repr(plugin), error=f"{type(exc).__name__}: {exc}"))
            return None

    def _start_cameras(self, plugin: str, camera_set, renders_per_s: float) -> int:
        """Start a plugin's simulated cameras; how many of them draw less often than real ones."""
        try:
            cameras, factor = paced(camera_set.entities(), self.clock.speed, renders_per_s)
            self.hub.add_entities(cameras)
            self.sources.append(SimulatedCameraSource(f"{plugin}-cameras", camera_set, self.hub, self.snapshots, cameras=cameras))
            return len(cameras) if factor > 1.0 else 0
        except Exception as exc:
            log.exception("cameras of plugin %s failed", plugin)
            self.notices.append(Text("Runtime", "插件 {plugin} 的摄像机模拟失败：{error}").format(plugin=repr(plugin), error=f"{type(exc).__name__}: {exc}"))
            return 0

    def _start_centre_readings(self) -> None:
        """A console of a centre: the engine owns the sources; readings and entities come from it."""
        from console.centre.readings_link import CentreReadings

        # a lasting client id (the console's own name): the broker queues the readings while it is away
        src = CentreReadings(self.hub, self.centre.broker, self.centre.topics.centre, f"{self.centre.console}-readings")
        self.sources.append(src)
        src.start()
        log.info("readings from the centre's engine (%s), not this console's sources", self.centre.topics.centre)

    def _start_configured_sources(self, own_sources: bool = True) -> None:
        """Start the sources listed in the settings file; a bad one is reported and skipped.
        Without ``own_sources`` (a console of a centre), only its cameras: the engine reads the rest."""
        from console.sources.factory import build_source
        from console.settings.sources import SettingsError, load_settings
        from console.sources.kinds import all_kinds

        try:
            kinds = all_kinds(self.registry.plugins.values())  # the built-in kinds and the plugins'
        except (TypeError, ValueError, ImportError, AttributeError) as exc:
            self.notices.append(Text("Runtime", "插件的数据源类型被拒绝：{error}").format(error=str(exc)))
            from console.sources.kinds import builtin_kinds

            kinds = builtin_kinds()
        try:
            settings = load_settings(self.options.settings_file, kinds)
        except SettingsError as exc:
            self.notices.append(Text("Runtime", "数据源设置无效：{error}").format(error=str(exc)))
            return
        enabled = [s for s in settings.sources if s.enabled] if own_sources else []
        self._start_settings_cameras(settings.cameras)
        if not own_sources:
            return
        if not enabled and not any(c.enabled for c in settings.cameras):
            self.notices.append(Text("Runtime", "未配置数据源：用 --demo 启动模拟器"))
            return
        for cfg in enabled:
            if cfg.options.get("verify", True) is False:
                self.notices.append(Text("Runtime", "⚠ 数据源 {name} 未验证 TLS 证书（verify = false）：途经的任何人都能读取并篡改其数据").format(
                    name=repr(cfg.name)))
            if cfg.options.get("allow_insecure_credentials"):
                self.notices.append(Text("Runtime", "⚠ 数据源 {name} 可能明文发送凭据（allow_insecure_credentials = true）").format(
                    name=repr(cfg.name)))
            try:
                src = build_source(cfg, self.hub, kinds)
            except Exception as exc:
                log.exception("source %s could not be built", cfg.name)
                self.notices.append(Text("Runtime", "数据源 {name} 启动失败：{error}").format(name=repr(cfg.name), error=f"{type(exc).__name__}: {exc}"))
                continue
            self.sources.append(src)
            src.start()
    def _start_settings_cameras(self, cameras) -> None:
        """The ``[[cameras]]`` of the settings file: entities first (the grid lists them at
        once), then their snapshot sources."""
        from console.cameras.from_settings import camera_sources

        try:
            sources = camera_sources(cameras, self.hub, self.snapshots)
        except Exception as exc:
            log.exception("cameras from the settings could not be built")
            self.notices.append(Text("Runtime", "摄像机设置失败：{error}").format(error=f"{type(exc).__name__}: {exc}"))
            return
        for src in sources:
            self.hub.add_entities(src.cameras.values())
            self.sources.append(src)
            src.start()

    def apply_event(self, event: ScenarioEvent) -> list[str]:
        """Hand a scenario event to every simulator that takes it; the names of their sources."""
        taken = []
        for src in self.sources:
            sim = getattr(src, "simulator", None)
            if sim is not None and sim.apply_event(event):
                taken.append(src.name)
        return taken

    def request_stop(self) -> None:
        """Ask every source to end, all at once (one source's join must not delay the others')."""
        for src in self.sources:
            request = getattr(src, "request_stop", None)
            if callable(request):
                request()

    def stop(self, within_s: float | None = None) -> None:
        """Stop the sources, write the cache, close it; ``within_s`` bounds the writing (a
        supervisor's SIGTERM: see ``Store.close``)."""
        if within_s is not None:
            self.store.stop_within(within_s)
        if self.centre is not None:
            self.centre.stop()
            if self.audit_shipper is not None:
                self.audit_shipper.stop()
        self.request_stop()
        for src in self.sources:
            src.stop()
        self.users.close()
        self.store.flush(10.0 if within_s is None else within_s)
        for svc in self.services.values():
            close = getattr(svc, "close", None)
            if callable(close):
                close()
        self.store.close()

