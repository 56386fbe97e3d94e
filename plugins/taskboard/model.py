"""The task book as data: sections, tasks, milestones."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Iterator



class Category(StrEnum):
    PRESCRIBED = "规定任务"
    LOCAL_FEATURE = "地方特色"


class Status(StrEnum):
    NOT_STARTED = "未开始"
    IN_PROGRESS = "进行中"
    DONE = "已完成"
    BLOCKED = "受阻"


# First-level indicators of DB37/T 3890; the indicator weights are not public,
# so a task only records which one it counts towards.
AREAS: tuple[str, ...] = ("数字惠民", "数字政府", "数字经济", "基础设施", "保障措施", "地方特色")

# Marker kinds, outermost first; the rank decides nesting, not Markdown levels.
KIND_RANK: dict[str, int] = {
    "section": 1,      # 一、
    "subsection": 2,   # （一）
    "item": 3,         # 1.
    "paren": 4,        # （1）
    "circled": 5,      # ①
    "inline": 6,       # 一是……二是……
}

# Fields an operator may change; everything else comes from the book's text.
EDITABLE_FIELDS: tuple[str, ...] = (
    "area", "weight", "owner", "contact", "due", "status", "progress",
    "evidence", "standard_version", "community",
)


@dataclass
class Task:
    key: str                      # numbering path, e.g. "2.1.3.2"; stable per book
    kind: str                     # a key of KIND_RANK
    number: str                   # the label as printed: "1.", "（2）", "①", "一是"
    title: str
    text: str = ""
    category: Category | None = None
    section: str = ""             # key of the Section the task sits in
    area: str | None = None
    weight: float = 1.0           # relative to its siblings; equal by default
    owner: str = ""               # owner department (责任单位/责任人)
    contact: str = ""             # 联系人
    due: date | None = None
    status: Status = Status.NOT_STARTED
    progress: int = 0             # percent, 0..100
    evidence: list[str] = field(default_factory=list)
    standard_version: str = ""
    community: str = ""           # set for smart-community tasks (80 % bar)
    line: int = 0                 # 1-based line in the source text
    children: list[Task] = field(default_factory=list)

    def walk(self) -> Iterator[Task]:
        yield self
        for child in self.children:
            yield from child.walk()

    @property
    def is_done(self) -> bool:
        return self.status is Status.DONE


@dataclass
class Section:
    key: str
    kind: str                     # "section" or "subsection"
    number: str
    title: str
    text: str = ""
    line: int = 0
    category: Category | None = None
    sections: list[Section] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)

    def walk_sections(self) -> Iterator[Section]:
        yield self
        for sub in self.sections:
            yield from sub.walk_sections()


@dataclass
class Milestone:
    key: str                      # "kickoff", "midterm", "final"
    name: str
    due: date | None = None
    done: bool = False
    task_key: str | None = None   # the task that delivers it, when one does


@dataclass
class TaskBook:
    book_id: str
    city: str
    title: str = ""
    preamble: str = ""
    standard_version: str = ""
    standard_parts: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    milestones: list[Milestone] = field(default_factory=list)

    def all_sections(self) -> Iterator[Section]:
        for sec in self.sections:
            yield from sec.walk_sections()

    def top_tasks(self, category: Category | None = None) -> list[Task]:
        """Items directly under a section, optionally of one category."""
        return [t for s in self.all_sections() for t in s.tasks
                if category is None or t.category is category]

    def all_tasks(self) -> Iterator[Task]:
        for sec in self.all_sections():
            for task in sec.tasks:
                yield from task.walk()

    def task(self, key: str) -> Task:
        for task in self.all_tasks():
            if task.key == key:
                return task
        raise KeyError(key)

    def section(self, key: str) -> Section:
        for sec in self.all_sections():
            if sec.key == key:
                return sec
        raise KeyError(key)
