"""DEMO DATA: made-up progress on a seed task book, so the demo board looks lived in.

Nothing here is real: owners, contacts, dates and statuses are drawn from a seeded
generator, relative to the demo's today, and every change is written through the
audit trail under ``who`` (the board service passes its DEMO_WHO), so the board,
the editor and the weekly report can all tell demo data apart. Same book, same
today, same seed: same plan.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from plugins.taskboard.importer import import_file
from console.city_time import city_time
from plugins.taskboard.model import Category, Status, Task, TaskBook
from plugins.taskboard.task_store import TaskStore

# About three quarters of the prescribed weight done: between the floor and the target.
DONE_SHARE = 0.75
OWNERS = ("市大数据局", "市政府办公室", "市发展改革局", "市工业和信息化局", "市住房城乡建设局",
          "市水利局", "市自然资源和规划局", "市农业农村局", "市民政局", "市财政局")
CONTACTS = ("王磊", "李娜", "张伟", "刘洋", "陈静", "杨帆", "赵敏", "孙浩")
HISTORY_DAYS = 42     # edits are spread over the last six weeks, for the weekly report


@dataclass(frozen=True)
class DemoEdit:
    target: str                   # "task" | "milestone"
    key: str
    changes: dict[str, Any]
    at: datetime


@dataclass
class DemoPlan:
    imported_at: datetime
    edits: list[DemoEdit] = field(default_factory=list)


def _area(task: Task) -> str:
    text = task.title + task.text
    if "智慧社区" in text:
        return "数字惠民"
    if "数字经济" in task.title:
        return "数字经济"
    return "保障措施"


def _rolled_up(children: list[dict[str, Any]], people: dict[str, Any]) -> dict[str, Any]:
    """A parent's status and progress from its sub-items' planned ones."""
    statuses = [c.get("status", Status.NOT_STARTED) for c in children]
    progress = round(sum(c.get("progress", 0) for c in children) / len(children))
    if all(s is Status.DONE for s in statuses):
        return {"status": Status.DONE, "progress": 100, **people}
    if all(s is Status.NOT_STARTED for s in statuses):
        return {"progress": 0, **people}
    return {"status": Status.IN_PROGRESS, "progress": progress, **people}


def demo_plan(book: TaskBook, today: date, seed: int = 1) -> DemoPlan:
    """The made-up edits for ``book`` as of ``today``; deterministic."""
    rng = random.Random(f"{seed}:{book.book_id}")
    noon = datetime.combine(today, time(10, 0), city_time().zone)
    plan = DemoPlan(imported_at=noon - timedelta(days=HISTORY_DAYS + 7))

    def at() -> datetime:
        return noon - timedelta(days=rng.randint(0, HISTORY_DAYS), minutes=rng.randint(0, 420))

    def people() -> dict[str, Any]:
        return {"owner": rng.choice(OWNERS), "contact": f"{rng.choice(CONTACTS)}（分机 {rng.randint(8001, 8099)}）"}

    def done(task: Task) -> dict[str, Any]:
        return {"status": Status.DONE, "progress": 100, "due": today - timedelta(days=rng.randint(20, 200)),
                "evidence": ["演示数据：验收材料已归档"], **people()}

    def open_(task: Task, late: bool) -> dict[str, Any]:
        days = -rng.randint(3, 25) if late else rng.randint(7, 110)
        status = Status.BLOCKED if late and rng.random() < 0.5 else Status.IN_PROGRESS
        return {"status": status, "progress": rng.randrange(20, 90, 5), "due": today + timedelta(days=days),
                **people()}

    prescribed = [t for t in book.top_tasks(Category.PRESCRIBED) if not t.community]
    n_done = round(len(prescribed) * DONE_SHARE - 0.01)   # 7 -> 5, 8 -> 6: at or just below 75 %
    order = list(range(len(prescribed)))
    rng.shuffle(order)
    done_idx = set(order[:n_done])
    late_idx = set(order[n_done:n_done + 1])             # one prescribed task overdue
    for i, task in enumerate(prescribed):
        changes = done(task) if i in done_idx else open_(task, i in late_idx)
        plan.edits.append(DemoEdit("task", task.key, {"area": _area(task), **changes}, at()))

    for task in book.top_tasks(Category.LOCAL_FEATURE):
        planned: dict[str, dict[str, Any]] = {}
        for leaf in (d for d in task.walk() if not d.children):
            roll = rng.random()
            if roll < 0.45:
                planned[leaf.key] = done(leaf)
            elif roll < 0.52:
                planned[leaf.key] = open_(leaf, late=True)
            elif roll < 0.85:
                planned[leaf.key] = open_(leaf, late=False)
            else:   # not started yet
                planned[leaf.key] = {**people(), "due": today + timedelta(days=rng.randint(30, 150)), "progress": 0}
        for parent in reversed([d for d in task.walk() if d.children]):   # sub-items before their parent
            planned[parent.key] = _rolled_up([planned[c.key] for c in parent.children], people())
        for key, changes in planned.items():
            plan.edits.append(DemoEdit("task", key, changes, at()))

    shifts = {"kickoff": (-rng.randint(380, 420), True), "midterm": (-rng.randint(40, 80), True),
              "final": (rng.randint(90, 150), False)}
    for m in book.milestones:
        if m.key in shifts:
            days, is_done = shifts[m.key]
            # the dates are set up with the board, right after the import
            plan.edits.append(DemoEdit("milestone", m.key, {"due": today + timedelta(days=days), "done": is_done},
                                       plan.imported_at + timedelta(hours=1)))
    plan.edits.sort(key=lambda e: e.at)
    return plan


def import_demo_book(store: TaskStore, seed_file: Path, today: date, seed: int, who: str) -> str | None:
    """Import ``seed_file`` and write the demo plan through the audit; the book id, or None."""
    if not Path(seed_file).is_file():
        return None
    book = import_file(seed_file).book
    if not book.top_tasks():
        return None
    plan = demo_plan(book, today, seed)
    store.save_book(book, who=who, at=plan.imported_at, source=f"demo:{Path(seed_file).name}")
    for edit in plan.edits:
        if edit.target == "task":
            store.update_task(book.book_id, edit.key, edit.changes, who, edit.at)
        else:
            store.update_milestone(book.book_id, edit.key, edit.changes, who, edit.at)
    return book.book_id
