"""``city-console alarms list --json``, ``alarms ack KEY --user U`` and ``alarms comment KEY --user U
--comment TEXT``: the centre's alarms without a window. With ``[centre]`` in the settings and its broker reachable they go
through the broker (the engine applies, checks and audits); otherwise the local cache is read
and the output says ``standalone`` (an ack or a comment then needs the centre: refused, exit 2)."""

from __future__ import annotations

import argparse
import getpass
import json
import sqlite3
import sys
import threading
import time
from pathlib import Path

from console.app.admin_cli import cache_args, cache_path_of
from console.audit.auth import AuthError, UserDirectory

CONNECT_S = 5.0  # how long to try the broker before saying standalone
SETTLE_S = 0.3  # retained alarm states arrive at once: quiet this long means all are in
REPLY_S = 10.0


def add_subcommands(sub) -> None:
    alarms = sub.add_parser("alarms", help="the centre's alarms, headless (through its broker, else the local cache)")
    alarms_sub = alarms.add_subparsers(dest="alarms_command", required=True)
    ls = alarms_sub.add_parser("list", help="print the open alarms")
    ls.add_argument("--json", action="store_true", help="as JSON (the only format so far)")
    settings_arg(ls)
    cache_args(ls)
    members = alarms_sub.add_parser("members", help="the centre's consoles, wall PCs and engines, online or not")
    members.add_argument("--json", action="store_true", help="as JSON (the only format so far)")
    settings_arg(members)
    ack = alarms_sub.add_parser("ack", help="acknowledge an alarm by its key (rule:stream@raised_ts)")
    ack.add_argument("key")
    ack.add_argument("--comment", default="")
    operator_args(ack)
    comment = alarms_sub.add_parser("comment", help="comment on an alarm by its key without acknowledging it")
    comment.add_argument("key")
    comment.add_argument("--comment", required=True, help="what colleagues see with the alarm")
    operator_args(comment)


def settings_arg(p) -> None:
    p.add_argument("--settings", type=Path, metavar="FILE", help="settings.toml with [centre] (default: the user's)")


def operator_args(p) -> None:
    """An operator's command through the centre: who, their password, the settings and the desk cache
    whose user directory checks the password."""
    p.add_argument("--user", required=True)
    p.add_argument("--password-stdin", action="store_true", help="read the password from the first line of stdin")
    settings_arg(p)
    cache_args(p)


def run(args: argparse.Namespace, default_cache: Path) -> int:
    from console.settings.console_keys import centre_keys

    keys = centre_keys(args.settings, need_centre=args.alarms_command == "members", why="a standalone console has no centre")
    if isinstance(keys, int):
        return keys
    cache = cache_path_of(args, default_cache) if args.alarms_command != "members" else None
    mirror = connect_centre(keys) if keys.centre_broker else None
    if isinstance(mirror, int):  # the centre is there but cannot be used from here (its certificate)
        return mirror
    try:
        if args.alarms_command == "members":
            if mirror is None:
                return 2
            print(json.dumps({"centre": mirror.topics.centre, "members": [
                {"name": m.name, "role": m.role, "online": m.online} for m in mirror.members()]}, ensure_ascii=False, indent=1))
            return 0
        if args.alarms_command == "list":
            return _list(mirror, cache)
        if args.alarms_command == "comment":
            return _by_key(args, mirror, cache, "comment on an alarm", "a comment",
                           lambda on_reply: mirror.comment_key(args.key, args.user, args.comment, on_reply=on_reply))
        return _by_key(args, mirror, cache, "acknowledge", "an acknowledgement",
                       lambda on_reply: mirror.ack_key(args.key, args.user, args.comment, on_reply=on_reply))
    finally:
        if mirror is not None:
            mirror.stop()


def connect_centre(keys):
    """The centre's mirror once connected and its retained states are in; None (said) when the
    broker cannot be reached (standalone); exit code 2 (said) when it refuses this console's trust
    (a certificate the OS store does not vouch for: a set-up fault, not an outage)."""
    from console.centre.broker import Broker
    from console.centre.mirror import CentreAlarms

    broker = Broker.parse(keys.centre_broker, keys.centre_username, keys.centre_password)
    last = {"t": time.monotonic()}
    mirror = CentreAlarms(broker, keys.centre_name or "centre", f"cli-{int(time.time() * 1000) % 10**9}",
                          on_change=lambda: last.__setitem__("t", time.monotonic()), role="cli").start()
    deadline = time.monotonic() + CONNECT_S
    while not mirror.connected.wait(0.05) and time.monotonic() < deadline and not mirror.client.certificate_refused:
        pass
    if not mirror.connected.is_set():
        refused = mirror.client.certificate_refused
        why = mirror.client.failure() if mirror.client.last_error else f"centre broker {broker.url}: no answer"
        print(f"city-console: {why}" + ("" if refused else ": unreachable, standalone"), file=sys.stderr)
        mirror.stop()
        return 2 if refused else None
    last["t"] = time.monotonic()
    while time.monotonic() - last["t"] < SETTLE_S:
        time.sleep(0.05)
    return mirror


def _list(mirror, cache: Path) -> int:
    from console.alarms.engine import comments_from

    if mirror is not None:
        from console.centre.wire import alarm_key

        rows = [_row(alarm_key(a), a.rule, a.stream, a.state, a.severity, a.message, a.raised_ts, a.acked_by, a.comments)
                for a in mirror.open_alarms()]
        mode = "centre"
    else:
        if not cache.exists():
            print(f"city-console: no cache at {cache}", file=sys.stderr)
            return 2
        with sqlite3.connect(f"file:{cache}?mode=ro", uri=True) as db:
            has_alarms = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alarms'").fetchone()
            said = has_alarms and any(c[1] == "comments" for c in db.execute("PRAGMA table_info(alarms)"))
            found = db.execute("SELECT rule, stream, state, severity, message, raised_ts, acked_by,"
                               f" {'comments' if said else 'NULL'} FROM alarms"
                               " WHERE state != 'closed' ORDER BY raised_ts DESC").fetchall() if has_alarms else []
        rows = [_row(f"{r}:{s}@{ts:.3f}", r, s, st, sev, msg, ts, by, comments_from(c)) for r, s, st, sev, msg, ts, by, c in found]
        mode = "standalone"
    print(json.dumps({"mode": mode, "alarms": rows}, ensure_ascii=False, indent=1))
    return 0


def _row(key, rule, stream, state, severity, message, raised_ts, acked_by, comments) -> dict:
    return {"key": key, "rule": rule, "stream": stream, "state": state, "severity": severity, "message": message,
            "raised_ts": raised_ts, "acked_by": acked_by,
            "comments": [{"ts": ts, "user": user, "text": text} for ts, user, text in comments]}


def authenticated_role(args: argparse.Namespace, cache: Path) -> str | None:
    """The operator's password checked (stdin or a prompt): their role, or None (said why)."""
    password = sys.stdin.readline().rstrip("\n") if args.password_stdin else getpass.getpass(f"{args.user} 的密码 password: ")
    try:
        return UserDirectory(cache).authenticate(args.user, password)
    except AuthError as exc:
        print(f"city-console: {exc}", file=sys.stderr)
        return None


def authenticated_operator(args: argparse.Namespace, cache: Path, doing: str) -> bool:
    """The operator's password checked and their role allowed to act; says why not."""
    role = authenticated_role(args, cache)
    if role == "viewer":
        _say_viewer_refused(args.user, doing)
        return False
    return role is not None


def _say_viewer_refused(user: str, doing: str) -> None:
    print(f"city-console: refused: {user} is a viewer and may not {doing}", file=sys.stderr)


def wait_reply(send, what: str, timeout_s: float = REPLY_S, hint: str = "") -> str | None:
    """``send(on_reply)`` a command and wait for the outcome; None (said, with ``hint``) when none comes."""
    got: dict[str, str] = {}
    done = threading.Event()
    send(lambda outcome: (got.setdefault("o", outcome), done.set()))
    if not done.wait(timeout_s):
        print(f"city-console: {what}: no answer in {timeout_s:g} s{hint}", file=sys.stderr)
        return None
    return got["o"]


def _by_key(args: argparse.Namespace, mirror, cache: Path, doing: str, what: str, send) -> int:
    """An operator's command on one alarm (``send(on_reply)``), through the centre's engine: 0 done,
    3 refused (password, role, or the engine's answer), 2 no centre or no answer. A viewer's command
    is sent all the same: the engine refuses it and its audit trail keeps the refusal."""
    role = authenticated_role(args, cache)
    if role is None:
        return 3
    if mirror is None:
        if role == "viewer":
            _say_viewer_refused(args.user, doing)
            return 3
        print(f"city-console: no centre broker reachable: {what} goes through the centre's engine "
              "(standalone consoles do it at the desk)", file=sys.stderr)
        return 2
    outcome = wait_reply(send, "the centre's engine")
    if outcome is None:
        return 2
    print(outcome)
    if outcome != "ok":
        print(f"city-console: refused by the centre's engine: {outcome}", file=sys.stderr)
        return 3
    return 0
