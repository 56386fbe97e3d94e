"""``city-console users ...`` and ``city-console audit export``: operator accounts and the audit trail."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from console.audit.auth import ROLES, UserDirectory


def cache_args(p: argparse.ArgumentParser) -> None:
    # own dests: a subcommand's defaults must not undo ``city-console --cache DIR users ...``
    p.add_argument("--cache", dest="sub_cache", type=Path, metavar="DIR", help="folder of the SQLite cache")
    p.add_argument("--city", dest="sub_city", metavar="CITY", help="pilot city (default: the main --city)")


def add_subcommands(sub) -> None:
    users = sub.add_parser("users", help="operator accounts (stored in the cache file)")
    users_sub = users.add_subparsers(dest="users_command", required=True)
    add = users_sub.add_parser("add", help="add a user, or reset an existing user's role and password")
    cache_args(add)
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--password-stdin", action="store_true", help="read the password from the first line of stdin")
    cache_args(users_sub.add_parser("list", help="list users and roles"))
    audit = sub.add_parser("audit", help="the audit trail of operator actions")
    audit_sub = audit.add_subparsers(dest="audit_command", required=True)
    export = audit_sub.add_parser("export", help="write the audit trail as CSV (time, user, event, target, outcome, detail)")
    cache_args(export)
    export.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.csv")
    export.add_argument("--since", metavar="WHEN", help="24h, 7d, 30m ago, or a date/time like 2026-06-01T08:00")


def cache_path_of(args: argparse.Namespace, default_dir: Path) -> Path:
    folder = args.sub_cache or args.cache or default_dir
    return Path(folder) / f"{args.sub_city or args.city}.sqlite3"


def run(args: argparse.Namespace, cache_path: Path) -> int:
    if args.command == "users":
        return _users(args, cache_path)
    return _audit_export(args, cache_path)


def _users(args: argparse.Namespace, cache_path: Path) -> int:
    directory = UserDirectory(cache_path)
    try:
        if args.users_command == "list":
            for name, role in directory.users():
                print(f"{name}\t{role}")
            return 0
        if args.password_stdin:
            password = sys.stdin.readline().rstrip("\r\n")
        else:
            password = getpass.getpass(f"Password for {args.name}: ")
            if getpass.getpass("Again: ") != password:
                print("error: the passwords differ", file=sys.stderr)
                return 2
        try:
            directory.add(args.name, args.role, password)
        except ValueError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        _audit_user_added(cache_path, args.name, args.role)
        print(f"user {args.name!r} ({args.role}) saved in {cache_path}")
        return 0
    finally:
        directory.close()


def _audit_user_added(cache_path: Path, name: str, role: str) -> None:
    from console.store.store import Store

    store = Store(cache_path, retention_days=None)
    try:
        store.audit(f"cli:{getpass.getuser()}", "user.add", f"user:{name}", {"role": role})
    finally:
        store.close()


def _audit_export(args: argparse.Namespace, cache_path: Path) -> int:
    from console.audit.trail import export_csv, parse_since

    if not cache_path.exists():
        print(f"error: no cache at {cache_path}", file=sys.stderr)
        return 2
    try:
        since = parse_since(args.since) if args.since else None
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    n = export_csv(cache_path, args.output, since)
    print(f"audit written: {args.output} ({n} rows)")
    return 0
