"""`city-console tasks ...`: import a task book, list it, write the weekly report."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from dataclasses import asdict
from datetime import date
from pathlib import Path

from plugins.taskboard.board import prescribed_completion
from plugins.taskboard.importer import ImportResult, import_file
from plugins.taskboard.model import Category, TaskBook
from plugins.taskboard.report import build_weekly_report, render_html, render_markdown
from plugins.taskboard.task_store import TaskStore


def add_subcommands(subparsers: argparse._SubParsersAction) -> None:
    """Add ``tasks import|report|list`` to the main CLI's subparsers."""
    tasks = subparsers.add_parser("tasks", help="the pilot task book (任务书)")
    tasks.set_defaults(func=run)
    sub = tasks.add_subparsers(dest="tasks_command", required=True, metavar="{import,report,list}")

    imp = sub.add_parser("import", help="import a task book from its text")
    imp.add_argument("file", type=Path)
    imp.add_argument("--cache", dest="sub_cache", type=Path, metavar="DIR", help="folder of the SQLite cache")
    imp.add_argument("--city", help="name to file the book under (default: from its title)")
    imp.add_argument("--json", action="store_true", help="print the parsed tree as JSON")
    imp.add_argument("--dry-run", action="store_true", help="parse and report only; store nothing")

    rep = sub.add_parser("report", help="the weekly progress report (工作动态每周报送)")
    rep.add_argument("--week", required=True, help="ISO week, e.g. 2021-W12")
    rep.add_argument("--format", choices=("md", "html", "pdf"), default="md")
    rep.add_argument("-o", "--output", type=Path, required=True)
    rep.add_argument("--cache", dest="sub_cache", type=Path, metavar="DIR", help="folder of the SQLite cache")
    rep.add_argument("--city")
    rep.add_argument("--lang", choices=("zh", "en"), default="zh")

    lst = sub.add_parser("list", help="list the tasks and the completion")
    lst.add_argument("--cache", dest="sub_cache", type=Path, metavar="DIR", help="folder of the SQLite cache")
    lst.add_argument("--city")
    lst.add_argument("--json", action="store_true")


def run(args: argparse.Namespace) -> int:
    """Run a ``tasks`` subcommand; ``args.cache_path`` is the SQLite cache file."""
    try:
        if args.tasks_command == "import":
            return _import(args)
        with TaskStore(args.cache_path) as store:
            book_id = _pick_book(store, args.city)
            if args.tasks_command == "report":
                return _report(args, store, book_id)
            return _list(args, store.load_book(book_id))
    except (ValueError, KeyError, OSError) as exc:
        print(f"tasks {args.tasks_command}: {exc}", file=sys.stderr)
        return 2


def _operator(args: argparse.Namespace) -> str:
    return getattr(args, "operator", None) or getpass.getuser()


def _pick_book(store: TaskStore, city: str | None) -> str:
    ids = store.book_ids()
    if city:
        if city not in ids:
            raise KeyError(f"no task book {city!r} in the cache; have: {', '.join(ids) or 'none'}")
        return city
    if len(ids) != 1:
        raise ValueError("say which book with --city: " + (", ".join(ids) or "none imported yet"))
    return ids[0]


def _json_default(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def _summary(result: ImportResult) -> str:
    book = result.book
    below = sum(1 for t in book.top_tasks() for d in t.walk() if d is not t)
    return (f"{book.city}: {len(book.sections)} sections, "
            f"{len(book.top_tasks(Category.PRESCRIBED))} prescribed, "
            f"{len(book.top_tasks(Category.LOCAL_FEATURE))} local-feature tasks, {below} sub-items; "
            f"{len(result.warnings)} warnings")


def _import(args: argparse.Namespace) -> int:
    result = import_file(args.file, city=args.city)
    for w in result.warnings:
        print(f"{args.file}:{w.line}: {w.kind}: {w.message}", file=sys.stderr)
    if not result.book.top_tasks():
        print(f"{args.file}: no numbered tasks found; is this a task book?", file=sys.stderr)
        return 1
    if args.json:
        tree = {"book": asdict(result.book), "warnings": [asdict(w) for w in result.warnings]}
        print(json.dumps(tree, ensure_ascii=False, indent=2, default=_json_default))
    else:
        print(_summary(result))
    if not args.dry_run:
        with TaskStore(args.cache_path) as store:
            store.save_book(result.book, who=_operator(args), source=str(args.file))
    return 0


def _report(args: argparse.Namespace, store: TaskStore, book_id: str) -> int:
    report = build_weekly_report(store, book_id, args.week, lang=args.lang)
    if args.format == "md":
        args.output.write_text(render_markdown(report), encoding="utf-8")
    elif args.format == "html":
        args.output.write_text(render_html(report), encoding="utf-8")
    else:
        from plugins.taskboard.pdf_export import export_pdf   # the only Qt path

        export_pdf(render_html(report), args.output, title=report.title)
    print(f"{args.output}")
    return 0


def _list(args: argparse.Namespace, book: TaskBook) -> int:
    completion = prescribed_completion(book)
    if args.json:
        rows = [{"key": t.key, "category": t.category, "title": t.title, "status": t.status,
                 "progress": t.progress, "due": t.due, "owner": t.owner, "weight": t.weight,
                 "area": t.area} for t in book.all_tasks()]
        print(json.dumps({"city": book.city, "completion": completion.done, "tasks": rows},
                         ensure_ascii=False, indent=2, default=_json_default))
        return 0
    print(f"{book.city} · {book.standard_version} · 规定任务完成权重 {completion.done * 100:.1f}%")
    for t in book.all_tasks():
        indent = "  " * t.key.count(".")
        due = t.due.isoformat() if t.due else "-"
        print(f"{indent}{t.key:<14} {t.status.value:<4} {t.progress:>3}%  {due:<10}  {t.title}")
    return 0
