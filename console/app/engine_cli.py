"""``city-console engine --settings S``: the runtime without a window, owning the sources and
the alarm engine, publishing the centre's alarms, readings and entities to its broker and applying
the operators' commands (``console.centre.engine_link``, ``console.centre.readings_link``). Stops cleanly on SIGTERM or Ctrl+C."""

from __future__ import annotations

import argparse
import logging
import signal
import socket
import sys
import threading
from pathlib import Path

from console.city import DEFAULT_CITY, city_ids

log = logging.getLogger(__name__)
STOP_WRITE_S = 5.0  # a supervisor's stop: what the cache writes before the engine exits


def add_subcommands(sub) -> None:
    from console.app.alarms_cli import settings_arg

    p = sub.add_parser("engine", help="run the sources and the alarm engine headless, for the centre's broker ([centre])")
    settings_arg(p)
    p.add_argument("--demo", action="store_true", help="the embedded demo's simulated sources")
    p.add_argument("--speed", type=float, default=1.0, help="demo time speed-up")
    p.add_argument("--cache", dest="sub_cache", type=Path, metavar="DIR", help="folder of the engine's SQLite cache")
    p.add_argument("--engine-id", default=None, metavar="ID",
                   help="this engine's name at the broker (default: engine-<host>-<city>); two engines of a centre run as hot standby")
    p.add_argument("--city", dest="sub_city", default=None, choices=city_ids(), help=f"pilot city (default: {DEFAULT_CITY})")


def run(args: argparse.Namespace) -> int:
    from console.app.runtime import Runtime, RuntimeOptions, cache_options
    from console.centre.broker import Broker
    from console.centre.engine_link import EngineLink
    from console.centre.audit_link import AuditArchive
    from console.centre.readings_link import ReadingsPublisher
    from console.settings.console_keys import centre_keys

    keys = centre_keys(args.settings, need_centre=True, why="an engine publishes to the centre's broker")
    if isinstance(keys, int):
        return keys
    if args.speed <= 0:
        print("error: --speed must be positive", file=sys.stderr)
        return 2
    broker = Broker.parse(keys.centre_broker, keys.centre_username, keys.centre_password)
    centre = keys.centre_name or "centre"
    options = RuntimeOptions(city=args.sub_city or args.city or DEFAULT_CITY, cache_dir=args.sub_cache or args.cache,
                             demo=args.demo, speed=args.speed, settings_file=args.settings, centre_name=keys.centre_name,
                             cameras=False,
                             **cache_options(keys.cache))
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda signum, _frame: stop.set())
    runtime = Runtime(options)
    for note in runtime.notices:
        print(f"city-console: {note}", file=sys.stderr)
    runtime.start()
    link = EngineLink(runtime.engine, broker, centre, roles=lambda: dict(runtime.users.users()),
                      client_id=args.engine_id or f"engine-{socket.gethostname()}-{options.city}").start()
    readings = ReadingsPublisher(runtime.hub, broker, centre, link.client_id, link.active).start()
    archive = AuditArchive(runtime.store, broker, centre, link.client_id, link.active).start()
    print(f"engine running: centre {centre}, broker {broker.host}:{broker.port}, city {options.city}", flush=True)
    log.info("engine running: centre %s, broker %s:%d", centre, broker.host, broker.port)
    while not stop.wait(0.5):
        pass
    log.info("engine stopping")
    readings.stop()
    archive.stop()
    link.stop()
    runtime.stop(STOP_WRITE_S)
    print("engine stopped", flush=True)
    return 0
