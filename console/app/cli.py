"""``city-console``: the GUI by default, and a few subcommands for operators and support."""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import sys
from pathlib import Path

from console import __version__
from console.city import DEFAULT_CITY, city_ids
from console.app.logsetup import LEVELS
from console.languages import LANGUAGES, resolve_lang


def _cache_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--cache", type=Path, metavar="DIR", help="folder of the SQLite cache (default: the user's data dir)")
    p.add_argument("--city", default=DEFAULT_CITY, choices=city_ids(), help="pilot city (default: %(default)s)")


class _NotTheGui(Exception):
    """The GUI's own parser met something only the full parser (with the commands) can judge."""


class _GuiParser(argparse.ArgumentParser):
    def error(self, message: str):
        raise _NotTheGui(message)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line. A start of the GUI (no command) is parsed without the commands'
    parsers: building them imports every command's module and each plugin's CLI, a fifth
    of the start-up (issue 25). Anything else (a command, --help, an error) goes through
    the full parser, so its help, usage and messages are the same as ever."""
    tokens = sys.argv[1:] if argv is None else argv
    if not {"-h", "--help"} & set(tokens):
        try:
            args, rest = build_parser(commands=False).parse_known_args(tokens)
        except _NotTheGui:
            pass
        else:
            if not rest:
                return args
    return build_parser().parse_args(tokens)


def build_parser(commands: bool = True) -> argparse.ArgumentParser:
    """The parser; ``commands=False``: the GUI's options alone (see parse_args)."""
    p = (argparse.ArgumentParser if commands else _GuiParser)(
        prog="city-console", description="Operations console for a smart-city operations centre.")
    p.add_argument("--version", action="version", version=f"city-console {__version__}")
    _cache_args(p)
    p.add_argument("--demo", action="store_true", help="run on the embedded simulators (no network, no configuration)")
    p.add_argument("--offline", action="store_true", help="start with every source off: show the cached last values")
    p.add_argument("--speed", type=float, default=1.0, metavar="N", help="run the simulators N times faster than real time")
    p.add_argument("--seed", type=int, default=1, help="simulator seed (same seed, same demo)")
    p.add_argument("--scale", choices=("demo", "city"), default="demo",
                   help="with --demo: 'city' sizes every simulator to a city (about 100k streams, 20k entities on the map, "
                        "5,000 cameras); default: %(default)s")
    p.add_argument("--layout", type=Path, metavar="FILE", help="open this layout file (JSON or TOML)")
    p.add_argument("--settings", type=Path, metavar="FILE", help="sources settings file (default: settings.toml in the user's config dir)")
    p.add_argument("--wall", nargs="?", type=Path, const=True, metavar="CONFIG",
                   help="drive the wall: one window per screen in CONFIG (TOML/JSON; default: wall.toml in the user's config dir)")
    p.add_argument("--screenshot", type=Path, metavar="FILE", help="render the window to a PNG and exit")
    p.add_argument("--after", type=float, default=4.0, metavar="SECONDS", help="wait this long before --screenshot (default: %(default)s)")
    p.add_argument("--size", default="1920x1080", metavar="WxH", help="window size (default: %(default)s)")
    p.add_argument("--tour", metavar="NAME|FILE", help="play a visitor tour: 'default' (the city's), a shipped tour, or a tour file")
    p.add_argument("--tour-step", type=int, metavar="K",
                   help="with --tour: start at step K (1 = the first), the scenario of the steps before it played at once")
    p.add_argument("--in-step", type=float, metavar="SECONDS",
                   help="with --tour and --screenshot: take it this long after the tour's first step began (instead of --after)")
    p.add_argument("--at-steps", metavar="K,K,...",
                   help="with --in-step: a screenshot (and state) in each of these steps, as FILE-stepK.png (and .json)")
    p.add_argument("--tour-rate", type=float, default=1.0, metavar="N",
                   help="play the tour's steps N times faster (rehearsals, tests; simulated time keeps --speed)")
    p.add_argument("--kiosk", action="store_true", help="unattended wall: full screen, read-only; exit with Ctrl+Alt+Shift+Q and the PIN")
    p.add_argument("--kiosk-pin-file", type=Path, metavar="FILE", help="the kiosk's exit PIN (default: kiosk_pin in settings.toml, else the demo PIN 2468)")
    p.add_argument("--tz", metavar="ZONE", help="time zone of every clock, axis and date shown (default: the city's, Asia/Shanghai)")
    p.add_argument("--dump-state", type=Path, metavar="FILE", help="with --screenshot: write what the wall shows, as JSON, at the same moment")
    p.add_argument("--dump-every", type=float, metavar="SECONDS",
                   help="with --dump-state: also write the state every SECONDS until the screenshot, as FILE-<t>s.json")
    p.add_argument("--lang", choices=LANGUAGES + ("zh_CN",), metavar="zh|en|zh+en",
                   help="interface language: zh (Chinese), en (English), zh+en (both); default: lang in settings.toml, "
                        "else zh (zh+en on a tour)")
    p.add_argument("--replay", type=Path, metavar="FILE", help="play back a recorded cache file (never modified) at --speed N")
    p.add_argument("--from", dest="replay_from", metavar="T", help="replay from this time (2026-07-21T14:00, the city's time; default: the file's start)")
    p.add_argument("--to", dest="replay_to", metavar="T", help="replay up to this time (default: the file's end)")
    p.add_argument("--log-level", default="INFO", type=str.upper, choices=LEVELS, help="what goes to the log file (default: %(default)s)")
    p.add_argument("--log-dir", type=Path, metavar="DIR", help="folder of the log and crash files (default: the platform's log dir)")
    p.add_argument("-v", "--verbose", action="store_true", help="also print INFO messages on stderr")
    if not commands:
        p.set_defaults(command=None)
        return p
    sub = p.add_subparsers(dest="command")
    cache = sub.add_parser("cache", help="inspect the cache")
    cache_sub = cache.add_subparsers(dest="cache_command", required=True)
    _cache_args(cache_sub.add_parser("stats", help="print JSON: streams, readings, first and last time, file size"))
    sources = sub.add_parser("sources", help="the sources' bad messages")
    sources_sub = sources.add_subparsers(dest="sources_command", required=True)
    quarantine = sources_sub.add_parser("quarantine", help="print JSON: the newest bad messages, their first bytes and why")
    _cache_args(quarantine)
    quarantine.add_argument("--limit", type=int, default=100, help="how many (default: %(default)s)")
    sub.add_parser("plugins", help="list discovered plugins, what each contributes, and any that failed")
    doctor = sub.add_parser("doctor", help="versions, paths, screens, plugins, sources and cache health, for a support call")
    doctor.add_argument("--cache", type=Path, metavar="DIR", dest="sub_cache", help="folder of the SQLite cache (default: the user's data dir)")
    doctor.add_argument("--json", action="store_true", help="print JSON")
    doctor.add_argument("--no-screens", action="store_true", help="do not open a Qt application to list the screens")
    layout = sub.add_parser("layout", help="layout files")
    layout_sub = layout.add_subparsers(dest="layout_command", required=True)
    check = layout_sub.add_parser("check", help="validate a layout file")
    check.add_argument("file", type=Path)
    config = sub.add_parser("config", help="the sources settings file")
    config_sub = config.add_subparsers(dest="config_command", required=True)
    ccheck = config_sub.add_parser("check", help="validate the settings file (default: the user's settings.toml)")
    ccheck.add_argument("file", type=Path, nargs="?")
    _add_plugin_commands(sub)
    from console.app.alarms_cli import add_subcommands as add_alarm_commands
    from console.app.engine_cli import add_subcommands as add_engine_command
    from console.app.admin_cli import add_subcommands as add_admin_commands

    add_admin_commands(sub)
    add_alarm_commands(sub)
    add_engine_command(sub)
    from console.app import camera_cli, wall_cli

    wall_cli.add_subcommands(sub)

    camera_cli.add_subcommands(sub)
    from console.gui.export_cli import add_subcommand as add_export_command  # argparse only, no Qt here

    add_export_command(sub)
    map_ = sub.add_parser("map", help="the city map")
    map_sub = map_.add_subparsers(dest="map_command", required=True)
    export = map_sub.add_parser("export", help="write a standalone HTML map of the last known state")
    _cache_args(export)
    export.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.html")
    from console.app import map_prefetch

    map_prefetch.add_arguments(map_sub.add_parser(
        "prefetch", help="fill an MBTiles file with the city's base map from a configured server, for offline use"))
    return p


def _add_plugin_commands(sub) -> None:
    """Each plugin's CLI commands (manifest ``cli``: command -> module with add_subcommands/run).
    A plugin whose commands fail to load is skipped with a line on stderr, like a broken plugin."""
    from console.plugins.registry import PluginRegistry

    for m in PluginRegistry.discover().plugins.values():
        for command, module in m.cli.items():
            try:
                before = set(sub.choices)
                importlib.import_module(module).add_subcommands(sub)
                for name in set(sub.choices) - before:
                    sub.choices[name].set_defaults(plugin_cli=module)
            except Exception as exc:  # noqa: BLE001 (one plugin's CLI must not take the others down)
                print(f"city-console: plugin {m.name!r}: command {command!r} skipped: {type(exc).__name__}: {exc}",
                      file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.command is None:  # the GUI: a log file in the platform's log dir, crash reports beside it
        from console.app.logsetup import setup_logging

        logs = setup_logging(args.log_level, args.log_dir, console_level=logging.INFO if args.verbose else None)
        logging.getLogger("console").info("city-console %s starting: %s", __version__, " ".join(sys.argv[1:] if argv is None else argv))
        # for support at --log-level debug: what this run is made of
        logging.getLogger("console").debug("python %s on %s; log file %s", sys.version.split()[0], sys.platform, logs)
        try:
            return _gui(args)
        except Exception:
            logging.getLogger("console").exception("city-console stopped on an error")
            raise
        finally:
            logs.stop()
    from console.app.log_redaction import install_log_redaction

    install_log_redaction()
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        return _command(args)
    except Exception as exc:  # every CLI gives a message, never a traceback (the log has it with -v)
        logging.getLogger("console").debug("command %s failed", args.command, exc_info=True)
        print(f"error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2


def _command(args: argparse.Namespace) -> int:
    if args.command == "doctor":
        from console.app import doctor

        report = doctor.collect(args.sub_cache or args.cache, screens=not args.no_screens)
        print(json.dumps(report, ensure_ascii=False, indent=2) if args.json else doctor.format_text(report))
        return 0
    if args.command == "cache":
        return _cache_stats(args)
    if args.command == "sources":
        return _quarantine(args)
    if args.command == "plugins":
        from console.plugins.registry import PluginRegistry

        print(json.dumps(PluginRegistry.discover().report(), ensure_ascii=False, indent=2))
        return 0
    if getattr(args, "plugin_cli", None) is not None:  # a command a plugin brought (e.g. ``tasks``)
        from console.app.runtime import default_cache_dir

        folder = getattr(args, "sub_cache", None) or args.cache or default_cache_dir()
        city = args.city if args.city in city_ids() else DEFAULT_CITY
        folder.mkdir(parents=True, exist_ok=True)
        args.cache_path = folder / f"{city}.sqlite3"
        return importlib.import_module(args.plugin_cli).run(args)
    if args.command == "config":
        return _config_check(args.file)
    if args.command == "camera":
        from console.app import camera_cli

        return camera_cli.run(args)
    if args.command == "layout":
        from console.layouts.layout import LayoutError, load_layout

        try:
            layout = load_layout(args.file)
        except LayoutError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        wall = ""
        if layout.wall_size is not None:
            from console.layouts.wall_check import check_wall_layout

            report = check_wall_layout(layout)
            if not report.ok:
                for problem in report.problems:
                    print(f"error: {args.file}: {problem}", file=sys.stderr)
                return 2
            wall = f"; {report.summary()}"
        print(f"ok: {args.file}: layout {layout.name!r}, {layout.rows}x{layout.columns}, {len(layout.tiles)} tiles{wall}")
        return 0
    if args.command == "map":
        if args.map_command == "prefetch":
            from console.app import map_prefetch

            return map_prefetch.run(args)
        return _map_export(args)
    if args.command == "export":
        from console.gui.export_cli import run_export

        return run_export(args)
    if args.command == "engine":
        from console.app.engine_cli import run as run_engine

        return run_engine(args)
    if args.command == "alarms":
        from console.app.alarms_cli import run as run_alarms
        from console.app.runtime import default_cache_dir

        return run_alarms(args, default_cache_dir())
    if args.command == "wall":
        from console.app.runtime import default_cache_dir
        from console.app.wall_cli import run as run_wall

        return run_wall(args, default_cache_dir())
    if args.command in ("users", "audit"):
        from console.app.admin_cli import cache_path_of
        from console.app.admin_cli import run as run_admin
        from console.app.runtime import default_cache_dir

        return run_admin(args, cache_path_of(args, default_cache_dir()))
    return _gui(args)


def _map_export(args: argparse.Namespace) -> int:
    from layers.export import export_map

    counts = export_map(args.city, args.output, args.cache)
    summary = ", ".join(f"{n} {state}" for state, n in counts.items() if n)
    print(f"map written: {args.output} ({summary or 'no markers'})")
    return 0


def _config_check(file: Path | None) -> int:
    from console.plugins.registry import PluginRegistry
    from console.settings.sources import SettingsError, default_settings_path, load_settings
    from console.sources.kinds import all_kinds

    from console.plugins.allow_list import AllowListError, allow_list_in

    path = file or default_settings_path()
    try:
        allow = allow_list_in(path)
    except AllowListError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        settings = load_settings(path, all_kinds(PluginRegistry.discover(allow=allow).plugins.values()))
    except SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    from console.sources.credentials import literal_secrets

    print(f"ok: {path}: {len(settings.sources)} sources")
    for i, src in enumerate(settings.sources):
        for key in literal_secrets({k: v for k, v in src.options.items() if k not in ("name", "type")}, f"sources[{i}]"):
            print(f"warning: {path}: {key}: looks like a secret written out; use ${{env:NAME}} or keyring:service/user")
        if src.options.get("allow_insecure_credentials"):
            print(f"warning: {path}: sources[{i}].allow_insecure_credentials: credentials may travel in clear text")
    for src in settings.sources:
        refs = ", ".join(src.secret_references())
        state = "" if src.enabled else " (disabled)"
        print(f"  {src.name}: {src.type}{state}" + (f"; secrets from {refs}" if refs else ""))
    if settings.cameras:
        print(f"  {len(settings.cameras)} cameras: " + ", ".join(
            c.id + ("" if c.enabled else " (disabled)") for c in settings.cameras))
    return 0


def _cache_file(args: argparse.Namespace) -> Path:
    from console.app.runtime import default_cache_dir

    return (args.cache or default_cache_dir()) / f"{args.city}.sqlite3"


def _cache_stats(args: argparse.Namespace) -> int:
    from console.store.cache_file import CacheFileError, read_stats

    try:
        print(json.dumps(read_stats(_cache_file(args)), ensure_ascii=False, indent=2))
    except CacheFileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


def _quarantine(args: argparse.Namespace) -> int:
    from console.store.cache_file import CacheFileError, read_quarantine

    try:
        print(json.dumps(read_quarantine(_cache_file(args), args.limit), ensure_ascii=False, indent=2))
    except CacheFileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


def _gui(args: argparse.Namespace) -> int:
    from console.gui.app import run_gui
    from console.app.runtime import RuntimeOptions, cache_options

    try:
        w, h = (int(x) for x in args.size.lower().split("x"))
    except ValueError:
        print(f"error: --size must be WxH, like 1920x1080, not {args.size!r}", file=sys.stderr)
        return 2
    if args.speed <= 0:
        print("error: --speed must be positive", file=sys.stderr)
        return 2
    pin = None
    if args.kiosk:
        from console.settings.kiosk import KioskPinError, load_kiosk_pin

        try:
            pin, _where = load_kiosk_pin(args.kiosk_pin_file)
        except KioskPinError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    from console.settings.console_keys import read_console_keys

    keys = read_console_keys(args.settings)  # the settings file fills in what the command line leaves out
    if keys.problem:
        print(f"warning: settings not used: {keys.problem}", file=sys.stderr)
    tz = args.tz or keys.tz
    if tz:
        from console.city_time import set_city_tz

        try:
            set_city_tz(tz)  # now: --from/--to below are read in this zone
        except ValueError as exc:
            print(f"error: {'--tz' if args.tz else 'tz in settings'}: {exc}", file=sys.stderr)
            return 2
    if args.tour_step is not None and (not args.tour or args.tour_step < 1):
        print("error: --tour-step K needs --tour and K >= 1 (1 is the first step)", file=sys.stderr)
        return 2
    if args.in_step is not None and (not args.tour or args.screenshot is None or args.in_step < 0):
        print("error: --in-step SECONDS needs --tour and --screenshot, and SECONDS >= 0", file=sys.stderr)
        return 2
    at_steps = None
    if args.at_steps is not None:
        try:
            at_steps = [int(k) for k in args.at_steps.split(",") if k.strip()]
        except ValueError:
            at_steps = []
        if args.in_step is None or not at_steps or min(at_steps) < 1:
            print(f"error: --at-steps takes step numbers like 3,9,14 (1 is the first) and needs --in-step, not {args.at_steps!r}",
                  file=sys.stderr)
            return 2
    if args.scale != "demo" and not args.demo:
        print("error: --scale needs --demo (it sizes the simulators)", file=sys.stderr)
        return 2
    if args.tour_rate <= 0:
        print("error: --tour-rate must be positive", file=sys.stderr)
        return 2
    if args.dump_state is not None and args.screenshot is None:
        print("error: --dump-state FILE needs --screenshot FILE (both are taken at the same moment)", file=sys.stderr)
        return 2
    replay_from = replay_to = None
    if args.replay is not None:
        from console.sources.replay_source import ReplayError, parse_time, replay_period

        try:
            replay_from = parse_time(args.replay_from) if args.replay_from else None
            replay_to = parse_time(args.replay_to) if args.replay_to else None
            replay_period(args.replay, replay_from, replay_to)
        except ReplayError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    options = RuntimeOptions(
        city=args.city, cache_dir=args.cache, demo=args.demo, offline=args.offline, speed=args.speed,
        seed=args.seed, scale=args.scale, layout_file=args.layout, settings_file=args.settings, tour=args.tour, kiosk=args.kiosk,
        tour_step=args.tour_step or 1, kiosk_pin_file=args.kiosk_pin_file,
        lang=resolve_lang(args.lang, keys.lang, tour=args.tour),
        replay=args.replay, replay_from=replay_from, replay_to=replay_to, wall=bool(args.wall), tz=tz,
        centre_name=keys.centre_name, centre_broker=keys.centre_broker, centre_username=keys.centre_username,
        centre_password=keys.centre_password, centre_readings=keys.centre_readings == "engine",
        centre_console=keys.centre_console,
        settings_problem=keys.problem, **cache_options(keys.cache),
    )
    wall = args.wall
    if wall is True:
        from console.wall.paths import default_wall_config_path

        # a plain --wall: the wall config if there is one, else this window full screen
        wall = keys.wall_config or default_wall_config_path()
        wall = wall if wall.exists() else None
    return run_gui(options, screenshot=args.screenshot, after_s=args.after, size=(w, h), wall_file=wall, kiosk_pin=pin,
                   dump_state=args.dump_state, dump_every_s=args.dump_every, in_step_s=args.in_step, at_steps=at_steps,
                   tour_rate=args.tour_rate)


if __name__ == "__main__":
    sys.exit(main())
