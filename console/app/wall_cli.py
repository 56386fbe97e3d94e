"""``city-console wall send CONSOLE OP [ARG] --screen S --user U`` and ``wall state --json``: a
wall of the centre driven from any machine, through the broker (``console.centre.wall_link``).
The wall console checks the operator's role and audits the command as a key pressed there."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from console.app.admin_cli import cache_path_of
from console.app.alarms_cli import REPLY_S, operator_args, settings_arg
from console.centre.wall_link import WALL_OPS, WallCommand, wall_cmd_topic

NO_ANSWER = 4  # exit code: the command went out and no wall answered (2: no centre or settings, 3: refused)


def add_subcommands(sub) -> None:
    wall = sub.add_parser("wall", help="a wall of the centre: send it a command, read what its screens show")
    wall_sub = wall.add_subparsers(dest="wall_command", required=True)
    send = wall_sub.add_parser("send", help="send a wall console a command (layout NAME, play PLAYLIST, tile LAYOUT/N "
                                            "or LAYOUT/KIND, hold, next, previous, release, veto, stop)")
    send.add_argument("console", help="the wall console's name at the centre (see `alarms members`)")
    send.add_argument("op", choices=WALL_OPS)
    send.add_argument("arg", nargs="?", default="", help="the layout, playlist or tile (LAYOUT/N, LAYOUT/KIND), for layout, play and tile")
    send.add_argument("--screen", required=True, help="the wall screen (wall.toml's screen name; 'desk' for a desk's own)")
    send.add_argument("--timeout", type=float, default=REPLY_S, metavar="S",
                      help=f"how long to wait for the wall's answer (default {REPLY_S:g} s; none: exit code {NO_ANSWER})")
    operator_args(send)
    state = wall_sub.add_parser("state", help="what every wall console's screens show, as the broker holds it, "
                                              "and whether its console is online")
    state.add_argument("--json", action="store_true", help="as JSON (the only format so far)")
    settings_arg(state)


def run(args: argparse.Namespace, default_cache: Path) -> int:
    from console.app.alarms_cli import authenticated_operator, connect_centre, wait_reply
    from console.settings.console_keys import centre_keys

    keys = centre_keys(args.settings, need_centre=True, why="a wall is driven at its own console")
    if isinstance(keys, int):
        return keys
    if args.wall_command == "send" and not authenticated_operator(args, cache_path_of(args, default_cache), "drive the wall"):
        return 3
    mirror = connect_centre(keys)
    if mirror is None or isinstance(mirror, int):
        return 2
    try:
        if args.wall_command == "state":
            online = {m.name: m.online for m in mirror.members()}
            walls = {name: dict(state, online=online.get(name, False)) for name, state in mirror.walls().items()}
            print(json.dumps({"centre": mirror.topics.centre, "walls": walls}, ensure_ascii=False, indent=1))
            return 0
        cmd = WallCommand(args.op, args.screen, args.user, args.arg)
        outcome = wait_reply(lambda on_reply: mirror.request(wall_cmd_topic(mirror.topics, args.console), cmd.payload(),
                                                             cmd.id, on_reply), f"wall console {args.console}",
                             args.timeout, "; is it online? " + _listed(mirror, args.console))
        if outcome is None:
            return NO_ANSWER
        print(outcome)
        return 0 if outcome == "ok" else 3
    finally:
        mirror.stop()


def _listed(mirror, console: str) -> str:
    """What the centre's members list says of ``console``: the likely reason nobody answered."""
    member = next((m for m in mirror.members() if m.name == console), None)
    if member is None:
        return f"(the centre lists no console {console!r}; see `city-console alarms members`)"
    return "(the centre lists it online)" if member.online else "(the centre lists it offline)"
