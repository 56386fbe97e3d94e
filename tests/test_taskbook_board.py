"""Weighted completion, reweighting, milestones and overdue tasks."""

from __future__ import annotations

from datetime import date

import pytest

from plugins.taskboard.board import (
    community_completions, counts_by_area, counts_by_status, done_share, due_between,
    milestone_states, overdue_tasks, prescribed_completion, progress_share, summarise,
)
from plugins.taskboard.importer import import_file
from plugins.taskboard.model import Category, Status
from tests.taskbook_helpers import SEEDS


@pytest.fixture()
def book():
    return import_file(SEEDS / "yucheng.txt").book   # 7 prescribed, 5 local


def _set(book, key, **fields):
    task = book.task(key)
    for name, value in fields.items():
        setattr(task, name, value)
    return task


def test_equal_weights_by_default(book):
    assert prescribed_completion(book).done == 0
    for n in range(1, 6):
        _set(book, f"2.1.{n}", status=Status.DONE)
    c = prescribed_completion(book)
    assert c.tasks == 7
    assert c.done == pytest.approx(5 / 7)           # 71.4 %
    assert c.meets_floor and not c.meets_target
    _set(book, "2.1.6", status=Status.IN_PROGRESS, progress=50)
    assert prescribed_completion(book).progress == pytest.approx(5.5 / 7)
    assert prescribed_completion(book).done == pytest.approx(5 / 7)   # partial work does not score


def test_reweighting_moves_the_verdict(book):
    for n in range(1, 6):
        _set(book, f"2.1.{n}", status=Status.DONE)
    _set(book, "2.1.6", weight=2.0)
    _set(book, "2.1.7", weight=2.0)
    c = prescribed_completion(book)
    assert c.done == pytest.approx(5 / 9)           # 55.6 %: below the floor now
    assert not c.meets_floor
    _set(book, "2.1.6", status=Status.DONE)
    assert prescribed_completion(book).done == pytest.approx(7 / 9)   # 77.8 %: floor, not target
    _set(book, "2.1.1", weight=0.5)
    # 4.5 + 2 done out of 8.5
    assert prescribed_completion(book).done == pytest.approx(6.5 / 8.5)
    _set(book, "2.1.7", status=Status.DONE)
    assert prescribed_completion(book).done == pytest.approx(1.0)


def test_exactly_seventy_percent_meets_the_floor(book):
    # weights sum to 10 and the done ones to 7: the boundary itself passes
    for n, w in zip(range(1, 8), (2, 2, 2, 1, 1, 1, 1)):
        _set(book, f"2.1.{n}", weight=float(w))
    for n in (1, 2, 3, 4):
        _set(book, f"2.1.{n}", status=Status.DONE)
    c = prescribed_completion(book)
    assert c.done == pytest.approx(0.7) and c.meets_floor and not c.meets_target


def test_parent_share_comes_from_its_children(book):
    parent = book.task("2.2.2")                    # 一是/二是/三是
    parent.children[0].status = Status.DONE
    assert done_share(parent) == pytest.approx(1 / 3)
    parent.children[0].weight = 2.0
    parent.children[1].progress = 40
    assert done_share(parent) == pytest.approx(2 / 4)
    assert progress_share(parent) == pytest.approx((2 + 0.4) / 4)
    parent.status = Status.DONE                     # an explicit DONE wins
    assert done_share(parent) == 1.0
    # local features never count towards the prescribed completion
    assert prescribed_completion(book).done == 0


def test_smart_community_bar(book):
    for key in ("2.1.6", "2.1.7"):                  # pretend two are a community's own
        _set(book, key, community="东湖社区")
    _set(book, "2.1.6", status=Status.DONE)
    communities = community_completions(book)
    assert set(communities) == {"东湖社区"}
    assert communities["东湖社区"].done == pytest.approx(0.5)
    assert not communities["东湖社区"].meets_target
    _set(book, "2.1.7", status=Status.DONE)
    assert community_completions(book)["东湖社区"].meets_target
    assert prescribed_completion(book).tasks == 5


def test_milestones_days_left(book):
    states = {m.key: m for m in milestone_states(book, date(2020, 11, 1))}
    assert states["midterm"].days_left == 29
    assert states["final"].days_left == 394
    assert states["kickoff"].days_left is None and not states["kickoff"].overdue
    late = {m.key: m for m in milestone_states(book, date(2020, 12, 1))}
    assert late["midterm"].days_left == -1 and late["midterm"].overdue


def test_overdue_and_due_soon(book):
    _set(book, "2.1.3", due=date(2021, 3, 1))
    _set(book, "2.2.1.i2", due=date(2021, 3, 10))
    _set(book, "2.1.4", due=date(2021, 3, 5), status=Status.DONE)
    _set(book, "2.2.4", due=date(2021, 3, 25))
    today = date(2021, 3, 20)
    assert [t.key for t in overdue_tasks(book, today)] == ["2.1.3", "2.2.1.i2"]
    assert [t.key for t in due_between(book, date(2021, 3, 22), date(2021, 3, 28))] == ["2.2.4"]
    summary = summarise(book, today)
    assert summary.overdue[0][:1] == ("2.1.3",) and summary.overdue[0][3] == 19


def test_counts(book):
    _set(book, "2.1.1", status=Status.DONE)
    _set(book, "2.1.2", status=Status.IN_PROGRESS, area="保障措施")
    by_status = counts_by_status(book)
    assert by_status[Status.DONE] == 1 and by_status[Status.IN_PROGRESS] == 1
    assert by_status[Status.NOT_STARTED] == 10
    by_area = counts_by_area(book)
    assert by_area["地方特色"] == 5 and by_area["保障措施"] == 1 and by_area["未定"] == 6
    assert len(book.top_tasks(Category.PRESCRIBED)) == 7
