"""Schema of the task-board tables and model <-> row conversion."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from typing import Iterable, Iterator

from plugins.taskboard.model import Category, Milestone, Section, Status, Task, TaskBook

# Prefixed names: the cache file is shared with the rest of the console.
SCHEMA = """
CREATE TABLE IF NOT EXISTS taskbook_books (
    book_id TEXT PRIMARY KEY, city TEXT NOT NULL, title TEXT, preamble TEXT,
    standard_version TEXT, standard_parts TEXT, source TEXT, imported_at TEXT);
CREATE TABLE IF NOT EXISTS taskbook_sections (
    book_id TEXT NOT NULL, key TEXT NOT NULL, parent_key TEXT, kind TEXT, number TEXT,
    title TEXT, text TEXT, line INTEGER, category TEXT, ord INTEGER,
    PRIMARY KEY (book_id, key));
CREATE TABLE IF NOT EXISTS taskbook_tasks (
    book_id TEXT NOT NULL, key TEXT NOT NULL, parent_key TEXT, section_key TEXT,
    kind TEXT, number TEXT, title TEXT, text TEXT, category TEXT, area TEXT,
    weight REAL, owner TEXT, contact TEXT, due TEXT, status TEXT, progress INTEGER,
    evidence TEXT, standard_version TEXT, community TEXT, line INTEGER, ord INTEGER,
    PRIMARY KEY (book_id, key));
CREATE TABLE IF NOT EXISTS taskbook_milestones (
    book_id TEXT NOT NULL, key TEXT NOT NULL, name TEXT, due TEXT, done INTEGER,
    task_key TEXT, ord INTEGER, PRIMARY KEY (book_id, key));
CREATE TABLE IF NOT EXISTS taskbook_audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT, book_id TEXT NOT NULL, at TEXT NOT NULL,
    who TEXT NOT NULL, target TEXT NOT NULL, key TEXT, field TEXT, old TEXT, new TEXT);
CREATE INDEX IF NOT EXISTS taskbook_audit_book_at ON taskbook_audit (book_id, at);
"""

TASK_COLUMNS = ("book_id", "key", "parent_key", "section_key", "kind", "number", "title", "text",
                "category", "area", "weight", "owner", "contact", "due", "status", "progress",
                "evidence", "standard_version", "community", "line", "ord")


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def task_rows(book: TaskBook) -> Iterator[tuple]:
    ord_ = 0

    def walk(task: Task, parent_key: str | None) -> Iterator[tuple]:
        nonlocal ord_
        ord_ += 1
        yield (book.book_id, task.key, parent_key, task.section, task.kind, task.number, task.title,
               task.text, task.category.value if task.category else None, task.area, task.weight,
               task.owner, task.contact, _iso(task.due), task.status.value, task.progress,
               json.dumps(task.evidence, ensure_ascii=False), task.standard_version,
               task.community, task.line, ord_)
        for child in task.children:
            yield from walk(child, task.key)

    for sec in book.all_sections():
        for task in sec.tasks:
            yield from walk(task, None)


def section_rows(book: TaskBook) -> Iterator[tuple]:
    # ord runs over the whole book so parents always load before children
    for ord_, sec in enumerate(book.all_sections()):
        parent = next((p.key for p in book.all_sections() if any(s is sec for s in p.sections)), None)
        yield (book.book_id, sec.key, parent, sec.kind, sec.number, sec.title, sec.text,
               sec.line, sec.category.value if sec.category else None, ord_)


def milestone_rows(book: TaskBook) -> Iterator[tuple]:
    for i, m in enumerate(book.milestones):
        yield (book.book_id, m.key, m.name, _iso(m.due), int(m.done), m.task_key, i)


def _task(row: sqlite3.Row) -> Task:
    return Task(
        key=row["key"], kind=row["kind"], number=row["number"], title=row["title"], text=row["text"],
        category=Category(row["category"]) if row["category"] else None, section=row["section_key"],
        area=row["area"], weight=row["weight"], owner=row["owner"], contact=row["contact"],
        due=date.fromisoformat(row["due"]) if row["due"] else None, status=Status(row["status"]),
        progress=row["progress"], evidence=json.loads(row["evidence"] or "[]"),
        standard_version=row["standard_version"], community=row["community"], line=row["line"])


def build_book(head: sqlite3.Row, sections: Iterable[sqlite3.Row], tasks: Iterable[sqlite3.Row],
               milestones: Iterable[sqlite3.Row]) -> TaskBook:
    book = TaskBook(book_id=head["book_id"], city=head["city"], title=head["title"],
                    preamble=head["preamble"], standard_version=head["standard_version"],
                    standard_parts=json.loads(head["standard_parts"] or "[]"))
    by_key: dict[str, Section] = {}
    for row in sorted(sections, key=lambda r: r["ord"]):
        sec = Section(row["key"], row["kind"], row["number"], row["title"], row["text"], row["line"],
                      Category(row["category"]) if row["category"] else None)
        by_key[sec.key] = sec
        (by_key[row["parent_key"]].sections if row["parent_key"] else book.sections).append(sec)
    task_by_key: dict[str, Task] = {}
    for row in sorted(tasks, key=lambda r: r["ord"]):
        task = _task(row)
        task_by_key[task.key] = task
        if row["parent_key"]:
            task_by_key[row["parent_key"]].children.append(task)
        else:
            by_key[row["section_key"]].tasks.append(task)
    book.milestones = [
        Milestone(r["key"], r["name"], date.fromisoformat(r["due"]) if r["due"] else None,
                  bool(r["done"]), r["task_key"]) for r in sorted(milestones, key=lambda r: r["ord"])]
    return book
