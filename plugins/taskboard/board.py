"""What the board shows: weighted completion, milestones, overdue tasks."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Callable, Iterable

from plugins.taskboard.model import AREAS, Category, Status, Task, TaskBook

FLOOR = 0.70          # prescribed completed weight below this fails acceptance
TARGET = 0.80         # what the book asks the city to aim for
COMMUNITY_BAR = 0.80  # a community at or above this counts as a smart community
UNASSIGNED_AREA = "未定"


def done_share(task: Task) -> float:
    """1 for a done task; a parent not marked done counts its done children."""
    if task.is_done:
        return 1.0
    if task.children:
        return weighted_mean(task.children, done_share)
    return 0.0


def progress_share(task: Task) -> float:
    """Like done_share but with partial progress, for the expected outcome."""
    if task.is_done:
        return 1.0
    if task.children:
        return weighted_mean(task.children, progress_share)
    return min(max(task.progress, 0), 100) / 100.0


def weighted_mean(tasks: Iterable[Task], share: Callable[[Task], float]) -> float:
    # Weights are relative among siblings: all 1.0 by default, i.e. equal shares.
    pairs = [(max(t.weight, 0.0), share(t)) for t in tasks]
    total = sum(w for w, _ in pairs)
    return sum(w * s for w, s in pairs) / total if total > 0 else 0.0


@dataclass(frozen=True)
class Completion:
    done: float           # completed weight: what the province scores
    progress: float       # with partial progress: where the city is heading
    tasks: int
    floor: float = FLOOR
    target: float = TARGET

    @property
    def meets_floor(self) -> bool:
        return self.done >= self.floor - 1e-9

    @property
    def meets_target(self) -> bool:
        return self.done >= self.target - 1e-9


def prescribed_tasks(book: TaskBook, community: str = "") -> list[Task]:
    return [t for t in book.top_tasks(Category.PRESCRIBED) if t.community == community]


def prescribed_completion(book: TaskBook) -> Completion:
    """The city's prescribed tasks (those not tagged with a community)."""
    tasks = prescribed_tasks(book)
    return Completion(weighted_mean(tasks, done_share), weighted_mean(tasks, progress_share), len(tasks))


def community_completions(book: TaskBook) -> dict[str, Completion]:
    """Each smart community's prescribed tasks against the 80 % bar."""
    names = sorted({t.community for t in book.top_tasks(Category.PRESCRIBED) if t.community})
    out = {}
    for name in names:
        tasks = prescribed_tasks(book, name)
        out[name] = Completion(weighted_mean(tasks, done_share), weighted_mean(tasks, progress_share),
                               len(tasks), floor=COMMUNITY_BAR, target=COMMUNITY_BAR)
    return out


@dataclass(frozen=True)
class MilestoneState:
    key: str
    name: str
    due: date | None
    done: bool
    days_left: int | None     # negative once past due

    @property
    def overdue(self) -> bool:
        return not self.done and self.days_left is not None and self.days_left < 0


def milestone_states(book: TaskBook, today: date) -> list[MilestoneState]:
    return [MilestoneState(m.key, m.name, m.due, m.done,
                           (m.due - today).days if m.due else None) for m in book.milestones]


def overdue_tasks(book: TaskBook, today: date) -> list[Task]:
    """Tasks at any level past their due date and not done, oldest first."""
    late = [t for t in book.all_tasks() if t.due and t.due < today and not t.is_done]
    return sorted(late, key=lambda t: (t.due, t.key))


def due_between(book: TaskBook, start: date, end: date) -> list[Task]:
    """Open tasks due in [start, end], soonest first."""
    due = [t for t in book.all_tasks() if t.due and start <= t.due <= end and not t.is_done]
    return sorted(due, key=lambda t: (t.due, t.key))


def counts_by_status(book: TaskBook) -> dict[Status, int]:
    counts = Counter(t.status for t in book.top_tasks() if t.category)
    return {s: counts.get(s, 0) for s in Status}


def counts_by_area(book: TaskBook) -> dict[str, int]:
    counts = Counter(t.area or UNASSIGNED_AREA for t in book.top_tasks() if t.category)
    keys = list(AREAS) + sorted(k for k in counts if k not in AREAS)
    return {k: counts.get(k, 0) for k in keys}


@dataclass(frozen=True)
class BoardSummary:
    """An immutable snapshot for a view: compute off the GUI thread, show on it."""
    as_of: date
    city: str
    standard_version: str
    completion: Completion
    communities: dict[str, Completion]
    milestones: tuple[MilestoneState, ...]
    overdue: tuple[tuple[str, str, date, int], ...]   # key, title, due, days late
    by_status: dict[Status, int]
    by_area: dict[str, int]


def summarise(book: TaskBook, today: date) -> BoardSummary:
    return BoardSummary(
        as_of=today, city=book.city, standard_version=book.standard_version,
        completion=prescribed_completion(book),
        communities=community_completions(book),
        milestones=tuple(milestone_states(book, today)),
        overdue=tuple((t.key, t.title, t.due, (today - t.due).days) for t in overdue_tasks(book, today)),
        by_status=counts_by_status(book), by_area=counts_by_area(book),
    )
