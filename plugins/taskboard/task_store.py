"""The task board in the console's SQLite cache, every change audited."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Mapping

from plugins.taskboard._fields import coerce, decode, encode, from_utc_text, to_utc_text
from plugins.taskboard._task_rows import (
    SCHEMA, TASK_COLUMNS, build_book, milestone_rows, section_rows, task_rows,
)
from plugins.taskboard.model import EDITABLE_FIELDS, Milestone, Task, TaskBook


@dataclass(frozen=True)
class AuditRow:
    id: int
    book_id: str
    at: datetime          # UTC
    who: str
    target: str           # "task" | "milestone" | "book"
    key: str | None
    field: str | None
    old: Any
    new: Any


class TaskStore:
    """Task books in one SQLite file; only the ``taskbook_*`` tables are touched.

    One instance per thread (sqlite3's rule). Every change commits at once with
    its audit rows in the same transaction.
    """

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, isolation_level=None, timeout=10)
        self._db.row_factory = sqlite3.Row
        # An operator's edit must survive a power cut of the wall PC.
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.executescript(SCHEMA)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> TaskStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _tx(self):
        return _Transaction(self._db)

    def _audit(self, book_id: str, at: datetime, who: str, target: str, key: str | None,
               field: str | None, old: Any, new: Any) -> None:
        self._db.execute(
            "INSERT INTO taskbook_audit (book_id, at, who, target, key, field, old, new)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (book_id, to_utc_text(at), who, target, key, field,
             None if old is None else encode(old), None if new is None else encode(new)))

    # -- books ---------------------------------------------------------------
    def book_ids(self) -> list[str]:
        return [r[0] for r in self._db.execute("SELECT book_id FROM taskbook_books ORDER BY book_id")]

    def save_book(self, book: TaskBook, who: str, at: datetime | None = None, source: str = "") -> None:
        """Store an imported book; on re-import, operator edits of unchanged tasks are kept."""
        at = at or datetime.now().astimezone()
        try:
            previous = {t.key: t for t in self.load_book(book.book_id).all_tasks()}
        except KeyError:
            previous = {}
        for task in book.all_tasks():
            old = previous.get(task.key)
            if old is not None and old.title == task.title:
                for name in EDITABLE_FIELDS:
                    setattr(task, name, getattr(old, name))
        with self._tx():
            for table in ("books", "sections", "tasks", "milestones"):
                self._db.execute(f"DELETE FROM taskbook_{table} WHERE book_id = ?", (book.book_id,))
            self._db.execute(
                "INSERT INTO taskbook_books VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (book.book_id, book.city, book.title, book.preamble, book.standard_version,
                 encode(book.standard_parts), source, to_utc_text(at)))
            self._db.executemany("INSERT INTO taskbook_sections VALUES (?,?,?,?,?,?,?,?,?,?)",
                                 list(section_rows(book)))
            marks = ",".join("?" * len(TASK_COLUMNS))
            self._db.executemany(f"INSERT INTO taskbook_tasks VALUES ({marks})", list(task_rows(book)))
            self._db.executemany("INSERT INTO taskbook_milestones VALUES (?,?,?,?,?,?,?)",
                                 list(milestone_rows(book)))
            self._audit(book.book_id, at, who, "book", None, "import",
                        len(previous) or None, {"tasks": sum(1 for _ in book.all_tasks()), "source": source})

    def load_book(self, book_id: str) -> TaskBook:
        head = self._db.execute("SELECT * FROM taskbook_books WHERE book_id = ?", (book_id,)).fetchone()
        if head is None:
            raise KeyError(book_id)

        def rows(table: str) -> list[sqlite3.Row]:
            return self._db.execute(f"SELECT * FROM taskbook_{table} WHERE book_id = ?", (book_id,)).fetchall()

        return build_book(head, rows("sections"), rows("tasks"), rows("milestones"))

    # -- edits ---------------------------------------------------------------
    def update_task(self, book_id: str, key: str, changes: Mapping[str, Any], who: str,
                    at: datetime | None = None) -> Task:
        """Apply operator edits; one audit row per field that really changed."""
        at = at or datetime.now().astimezone()
        task = self.load_book(book_id).task(key)
        values = {name: coerce(name, value) for name, value in changes.items()}
        with self._tx():
            for name, value in values.items():
                old = getattr(task, name)
                if old == value:
                    continue
                setattr(task, name, value)
                stored = encode(value) if name == "evidence" else _column(value)
                self._db.execute(f"UPDATE taskbook_tasks SET {name} = ? WHERE book_id = ? AND key = ?",
                                 (stored, book_id, key))
                self._audit(book_id, at, who, "task", key, name, old, value)
        return task

    def update_milestone(self, book_id: str, key: str, changes: Mapping[str, Any], who: str,
                         at: datetime | None = None) -> Milestone:
        at = at or datetime.now().astimezone()
        milestone = next((m for m in self.load_book(book_id).milestones if m.key == key), None)
        if milestone is None:
            raise KeyError(key)
        values = {name: coerce(name, value) for name, value in changes.items()}
        with self._tx():
            for name, value in values.items():
                old = getattr(milestone, name)
                if name not in ("due", "done") or old == value:
                    continue
                setattr(milestone, name, value)
                self._db.execute(f"UPDATE taskbook_milestones SET {name} = ? WHERE book_id = ? AND key = ?",
                                 (_column(value), book_id, key))
                self._audit(book_id, at, who, "milestone", key, name, old, value)
        return milestone

    # -- history -------------------------------------------------------------
    def audit(self, book_id: str, since: datetime | None = None,
              until: datetime | None = None) -> list[AuditRow]:
        """Audit rows with since <= at < until, oldest first."""
        sql, args = "SELECT * FROM taskbook_audit WHERE book_id = ?", [book_id]
        if since is not None:
            sql, args = sql + " AND at >= ?", args + [to_utc_text(since)]
        if until is not None:
            sql, args = sql + " AND at < ?", args + [to_utc_text(until)]
        rows = self._db.execute(sql + " ORDER BY at, id", args).fetchall()
        return [AuditRow(r["id"], r["book_id"], from_utc_text(r["at"]), r["who"], r["target"], r["key"],
                         r["field"], decode(r["field"], r["old"]), decode(r["field"], r["new"]))
                for r in rows]

    def book_as_of(self, book_id: str, at: datetime) -> TaskBook:
        """The book as it stood at ``at``: today's state with later edits undone."""
        book = self.load_book(book_id)
        milestones = {m.key: m for m in book.milestones}
        for row in reversed(self.audit(book_id, since=at)):
            if row.target == "task":
                try:
                    setattr(book.task(row.key), row.field, row.old)
                except KeyError:        # the task left the book on a re-import
                    pass
            elif row.target == "milestone" and row.key in milestones:
                setattr(milestones[row.key], row.field, row.old)
        return book


def _column(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return getattr(value, "value", value)   # StrEnum -> its text


class _Transaction:
    """BEGIN IMMEDIATE .. COMMIT, or ROLLBACK on an exception."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __enter__(self) -> None:
        self._db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type, *_: object) -> None:
        self._db.execute("ROLLBACK" if exc_type else "COMMIT")
