"""Persistence round trip and the audit trail, on real SQLite files."""

from __future__ import annotations

import sqlite3
from dataclasses import asdict
from datetime import date, datetime, timedelta

import pytest

from plugins.taskboard.board import prescribed_completion
from plugins.taskboard.importer import import_file
from console.city_time import city_time
from plugins.taskboard.model import Status
from plugins.taskboard.task_store import TaskStore
from tests.taskbook_helpers import SEEDS

T0 = datetime(2021, 3, 22, 9, 0, tzinfo=city_time().zone)


@pytest.fixture()
def store(tmp_path):
    with TaskStore(tmp_path / "cache.sqlite") as s:
        yield s


def test_round_trip_keeps_the_whole_tree(store):
    book = import_file(SEEDS / "shouguang.txt").book
    book.task("2.1.1").evidence = ["会议纪要.pdf"]
    store.save_book(book, who="importer", at=T0, source="shouguang.txt")
    loaded = store.load_book("寿光市")
    assert asdict(loaded) == asdict(book)
    assert store.book_ids() == ["寿光市"]


def test_coexists_with_other_tables_and_creates_its_own(tmp_path):
    path = tmp_path / "cache.sqlite"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE readings (stream TEXT, ts REAL, value REAL)")
    db.execute("INSERT INTO readings VALUES ('flood/gauge/MH-03/level', 0, 1.5)")
    db.commit()
    db.close()
    with TaskStore(path) as s:
        assert s.book_ids() == []
        assert s._db.execute("PRAGMA synchronous").fetchone()[0] == 2   # FULL
    db = sqlite3.connect(path)
    assert db.execute("SELECT COUNT(*) FROM readings").fetchone()[0] == 1
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"taskbook_tasks", "taskbook_audit", "readings"} <= tables


def test_every_change_is_audited_with_who_and_when(store, tmp_path):
    store.save_book(import_file(SEEDS / "yucheng.txt").book, who="importer", at=T0)
    store.update_task("禹城市", "2.1.3", {"status": "已完成", "progress": 100, "owner": "大数据中心"},
                      who="张伟", at=T0 + timedelta(hours=1))
    store.update_task("禹城市", "2.1.3", {"status": "已完成", "due": "2021-03-31"},
                      who="李娜", at=T0 + timedelta(hours=2))
    rows = store.audit("禹城市")
    assert [(r.who, r.target, r.key, r.field) for r in rows] == [
        ("importer", "book", None, "import"),
        ("张伟", "task", "2.1.3", "status"),
        ("张伟", "task", "2.1.3", "progress"),
        ("张伟", "task", "2.1.3", "owner"),
        ("李娜", "task", "2.1.3", "due"),          # status unchanged: no row
    ]
    assert rows[1].old is Status.NOT_STARTED and rows[1].new is Status.DONE
    assert rows[4].new == date(2021, 3, 31) and rows[4].old is None
    assert rows[1].at == T0 + timedelta(hours=1)
    # saved at once: a second connection sees it
    with TaskStore(tmp_path / "cache.sqlite") as other:
        task = other.load_book("禹城市").task("2.1.3")
        assert (task.status, task.progress, task.owner, task.due) == (
            Status.DONE, 100, "大数据中心", date(2021, 3, 31))


def test_bad_edit_changes_nothing(store):
    store.save_book(import_file(SEEDS / "yucheng.txt").book, who="importer", at=T0)
    with pytest.raises(ValueError, match="progress"):
        store.update_task("禹城市", "2.1.1", {"owner": "x", "progress": 140}, who="w")
    with pytest.raises(ValueError, match="title"):
        store.update_task("禹城市", "2.1.1", {"title": "x"}, who="w")
    with pytest.raises(KeyError):
        store.update_task("禹城市", "9.9", {"owner": "x"}, who="w")
    assert store.load_book("禹城市").task("2.1.1").owner == ""
    assert len(store.audit("禹城市")) == 1


def test_book_as_of_undoes_later_changes(store):
    store.save_book(import_file(SEEDS / "yucheng.txt").book, who="importer", at=T0)
    for n, day in ((1, 1), (2, 2), (3, 8)):
        store.update_task("禹城市", f"2.1.{n}", {"status": Status.DONE}, who="w", at=T0 + timedelta(days=day))
    store.update_task("禹城市", "2.1.4", {"weight": 3}, who="w", at=T0 + timedelta(days=9))
    store.update_milestone("禹城市", "kickoff", {"done": True, "due": "2021-03-23"}, who="w",
                           at=T0 + timedelta(days=1))
    before = store.book_as_of("禹城市", T0 + timedelta(days=7))
    assert prescribed_completion(before).done == pytest.approx(2 / 7)
    assert before.task("2.1.4").weight == 1.0
    assert next(m for m in before.milestones if m.key == "kickoff").done
    now = store.load_book("禹城市")
    assert prescribed_completion(now).done == pytest.approx(3 / 9)
    start = store.book_as_of("禹城市", T0)
    assert not next(m for m in start.milestones if m.key == "kickoff").done


def test_reimport_keeps_operator_edits(store):
    store.save_book(import_file(SEEDS / "weifang.txt").book, who="a", at=T0)
    store.update_task("潍坊市", "2.2.1.p2", {"owner": "市大数据局", "progress": 60}, who="a", at=T0)
    store.save_book(import_file(SEEDS / "weifang.txt").book, who="b", at=T0 + timedelta(days=1))
    task = store.load_book("潍坊市").task("2.2.1.p2")
    assert (task.owner, task.progress) == ("市大数据局", 60)
    assert [r.field for r in store.audit("潍坊市")] == ["import", "owner", "progress", "import"]
