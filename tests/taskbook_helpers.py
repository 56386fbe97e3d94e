"""Shared helpers for the task-book tests (no Qt)."""

from __future__ import annotations

from pathlib import Path

from plugins.taskboard.model import Category, TaskBook

# the three real task books ship with the app (copies of shared/seeds/)
SEEDS = Path(__file__).resolve().parents[1] / "plugins" / "taskboard" / "taskbooks"


def shape(book: TaskBook) -> dict[str, int]:
    """The counts a reader of the book would make by hand."""
    below = [d for t in book.top_tasks() for d in t.walk() if d is not t]
    return {
        "sections": len(book.sections),
        "subsections": sum(len(s.sections) for s in book.sections),
        "prescribed": len(book.top_tasks(Category.PRESCRIBED)),
        "local": len(book.top_tasks(Category.LOCAL_FEATURE)),
        "numbered_sub": sum(1 for d in below if d.kind in ("paren", "circled")),
        "inline_sub": sum(1 for d in below if d.kind == "inline"),
    }
