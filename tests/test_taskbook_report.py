"""The weekly report for a scripted week of changes with explicit timestamps."""

from __future__ import annotations

from datetime import datetime
from html.parser import HTMLParser

import pytest

from plugins.taskboard.importer import import_file
from console.city_time import city_time
from plugins.taskboard.report import build_weekly_report, parse_week, render_html, render_markdown
from plugins.taskboard.task_store import TaskStore
from tests.taskbook_helpers import SEEDS

BOOK = "禹城市"


def at(month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(2021, month, day, hour, minute, tzinfo=city_time().zone)


@pytest.fixture()
def store(tmp_path):
    """2021-W12 is Monday 22 March .. Sunday 28 March (Beijing time)."""
    with TaskStore(tmp_path / "cache.sqlite") as s:
        s.save_book(import_file(SEEDS / "yucheng.txt").book, who="导入", at=at(3, 1))
        edit = lambda key, who, when, **changes: s.update_task(BOOK, key, changes, who=who, at=when)  # noqa: E731
        # before the week: three prescribed tasks done, due dates set
        for n in (1, 2, 3):
            edit(f"2.1.{n}", "王强", at(3, 10), status="已完成")
        edit("2.1.4", "王强", at(3, 15), due="2021-03-20", owner="市大数据中心")
        edit("2.1.5", "王强", at(3, 15), due="2021-03-31")
        edit("2.2.1.i1", "王强", at(3, 15), due="2021-03-26")
        edit("2.1.7", "王强", at(3, 21, 23, 59), owner="市政府办公室")       # one minute before the week
        # the week
        edit("2.1.4", "张伟", at(3, 22, 0, 0), status="已完成")               # its first minute
        edit("2.1.6", "李娜", at(3, 23, 14, 30), status="进行中", progress=50)
        edit("2.1.3", "张伟", at(3, 24), evidence=["启动动员会纪要.pdf"])
        s.update_milestone(BOOK, "kickoff", {"done": True, "due": "2021-03-24"}, who="张伟", at=at(3, 26))
        # after the week: must not show as done in W12
        edit("2.1.5", "李娜", at(3, 29, 8), status="已完成")
        yield s


def test_parse_week():
    assert parse_week("2021-W12") == (2021, 12)
    assert parse_week("2020w53") == (2020, 53)
    for bad in ("2021-12", "2021-W54", "2021-W53"):
        with pytest.raises(ValueError):
            parse_week(bad)


def test_the_numbers_of_the_week(store):
    report = build_weekly_report(store, BOOK, "2021-W12")
    assert report.change_keys == ("2.1.4", "2.1.6", "2.1.6", "2.1.3", "kickoff", "kickoff")
    assert report.before.done == pytest.approx(3 / 7)
    assert report.now.done == pytest.approx(4 / 7)
    assert report.now.progress == pytest.approx(4.5 / 7)
    assert report.overdue_keys == ("2.2.1.i1",)        # 2.1.4 was late but is done
    assert report.due_next_keys == ("2.1.5",)          # done only on the 29th


def test_markdown_in_chinese(store):
    md = render_markdown(build_weekly_report(store, BOOK, "2021-W12"))
    assert md.startswith("# 禹城市新型智慧城市建设试点工作动态\n")
    assert "**2021年第12周（2021-03-22 至 2021-03-28）**" in md
    assert ("- 【2.1.4】及时报送工作经验和工作动态，明确工作责任人和工作联系人：状态 未开始 → 已完成"
            "（张伟，03-22 00:00）") in md
    assert "：进度 0% → 50%（李娜，03-23 14:30）" in md
    assert "：佐证材料 新增 启动动员会纪要.pdf（张伟，03-24 09:00）" in md
    assert "- 启动动员会：完成 否 → 是（张伟，03-26 09:00）" in md
    assert "| 完成权重 | 57.1% | 42.9% | +14.3 个百分点 |" in md
    assert "- 底线 70.0%：未达到；目标 80.0%：未达到" in md
    assert "| 【2.2.1.i1】建设智慧禹城运营中心，依托统一的技术标准推进新型智慧城市建设 | 2021-03-26 | 2 | — |" in md
    assert "| 【2.1.5】组织开展试点建设阶段性检查（自查） | 2021-03-31 | — | 未开始 |" in md
    assert "| 中期考核 | 2020-11-30 | -118 |" in md
    assert "| 启动动员会 | 2021-03-24 | 已完成 |" in md
    assert "市政府办公室" not in md                     # 23:59 the Sunday before


def test_empty_week_and_english(store):
    report = build_weekly_report(store, BOOK, "2021-W05", lang="en")
    md = render_markdown(report)
    assert "No changes this week." in md
    assert "| Completed weight | 0.0% | 0.0% | +0.0 points |" in md


def test_html_is_well_formed_and_escaped(store):
    store.update_task(BOOK, "2.1.7", {"evidence": ["<script>x</script>"]}, who="a&b", at=at(3, 25))
    page = render_html(build_weekly_report(store, BOOK, "2021-W12"))
    assert "<script>" not in page and "&lt;script&gt;" in page and "a&amp;b" in page
    assert '<meta charset="utf-8">' in page

    class Tags(HTMLParser):
        def __init__(self):
            super().__init__()
            self.stack, self.cells = [], []

        def handle_starttag(self, tag, attrs):
            if tag not in ("meta", "br"):
                self.stack.append(tag)

        def handle_endtag(self, tag):
            assert self.stack.pop() == tag

        def handle_data(self, data):
            if self.stack and self.stack[-1] == "td":
                self.cells.append(data)

    tags = Tags()
    tags.feed(page)
    assert tags.stack == []
    assert "57.1%" in tags.cells and "42.9%" in tags.cells
