"""The three real task books import to the structure a reader sees."""

from __future__ import annotations

from datetime import date

import pytest

from plugins.taskboard.importer import import_file
from plugins.taskboard.model import Category
from tests.taskbook_helpers import SEEDS, shape

# Counted by reading the files: sections 一、二、三; （一）规定任务 and （二）地方特色;
# items 1..N under each; (n)/① sub-items; 一是…二是… inline lists.
EXPECTED = {
    # 地方特色 1: 一是/二是; 2: 一是..三是; 5: 一是 + 二是 after a page break
    "yucheng": dict(sections=3, subsections=2, prescribed=7, local=5, numbered_sub=0, inline_sub=7),
    # 地方特色 1 has （1）（2）（3）, mixed half/full-width brackets
    "weifang": dict(sections=3, subsections=2, prescribed=8, local=6, numbered_sub=3, inline_sub=0),
    # 1 has （1）..（12）; 2 has ①②③ and a "4 " that lost its circle;
    # inline: （2）3, （4）4, （7）5, （10）2, （11）3
    "shouguang": dict(sections=3, subsections=2, prescribed=7, local=5, numbered_sub=16, inline_sub=17),
}
TRAILER_START = {"yucheng": 53, "weifang": 69, "shouguang": 157}


@pytest.fixture(scope="module", params=sorted(EXPECTED))
def seed(request):
    return request.param, import_file(SEEDS / f"{request.param}.txt")


def test_structure_counts(seed):
    name, result = seed
    assert shape(result.book) == EXPECTED[name]


def test_advertisement_is_reported_not_imported(seed):
    name, result = seed
    book = result.book
    everything = [t.text for t in book.all_tasks()] + [s.text for s in book.all_sections()]
    assert not any("机器人" in text or "chuangze" in text for text in everything)
    trailers = [w for w in result.warnings if w.kind == "trailer"]
    assert len(trailers) == 1 and trailers[0].line == TRAILER_START[name]
    assert book.section("3").text.endswith("本任务书作为试点中期评估和考核验收工作的依据。")


def test_nothing_else_unplaced(seed):
    name, result = seed
    kinds = sorted(w.kind for w in result.warnings)
    assert kinds == (["repaired", "trailer"] if name == "shouguang" else ["trailer"])


def test_book_facts(seed):
    name, result = seed
    book = result.book
    assert book.city == {"yucheng": "禹城市", "weifang": "潍坊市", "shouguang": "寿光市"}[name]
    assert "2019年9月试点版" in book.standard_version
    assert all(t.standard_version == book.standard_version for t in book.all_tasks())
    assert "第3部分：智慧社区指标" in book.standard_parts
    due = {m.key: m.due for m in book.milestones}
    assert due == {"kickoff": None, "midterm": date(2020, 11, 30), "final": date(2021, 11, 30)}
    kickoff = next(m for m in book.milestones if m.key == "kickoff")
    assert "启动动员会" in book.task(kickoff.task_key).text
    assert {t.area for t in book.top_tasks(Category.LOCAL_FEATURE)} == {"地方特色"}


def test_yucheng_page_breaks_are_joined():
    book = import_file(SEEDS / "yucheng.txt").book
    assert "明确工作责任人和工作联系人" in book.task("2.1.4").text
    # "建\n\n设" split by a page break inside the first inline item
    first = book.task("2.2.5.i1")
    assert first.text.startswith("充分挖掘新型智慧城市建设中的内在“造血能力”")
    assert book.task("2.2.5.i2").title.startswith("依托即将建成的禹城市中央创新区")
    assert book.task("2.2.1").title == "创建新型智慧城市品牌"


def test_weifang_sub_items_and_wrapped_paragraphs():
    book = import_file(SEEDS / "weifang.txt").book
    item = book.task("2.2.1")
    assert [c.number for c in item.children] == ["（1）", "（2）", "（3）"]
    assert "融合相关部门现有业务信息系统" in book.task("2.2.1.p1").text
    assert "《潍坊市市级信息工程项目管理办法》《潍坊市政务信息资源共享管理办法》" in book.task("2.2.1.p3").text
    assert "探索智慧城市移动便民APP商业运营" in book.task("2.2.3").text


def test_shouguang_nesting():
    result = import_file(SEEDS / "shouguang.txt")
    book = result.book
    scenes = book.task("2.2.1")
    assert scenes.title == "新型智慧城市应用场景"
    assert [c.title for c in scenes.children][:2] == ["社会治理服务信息平台升级改造", "数字水利建设"]
    assert [c.number for c in book.task("2.2.2").children] == ["①", "②", "③", "④"]
    assert book.task("2.2.2.c4").title == "智慧用能"
    repaired = next(w for w in result.warnings if w.kind == "repaired")
    assert repaired.line == 135
    emergency = book.task("2.2.1.p7")
    assert [c.number for c in emergency.children] == ["一是", "二是", "三是", "四是", "五是"]
    # the paragraph after the list belongs to （7）, not to 五是
    assert "项目建成后" not in emergency.children[-1].text
    assert "预约诊疗" in book.task("2.2.1.p5").text
    # hard-wrapped lines with no blank between them
    assert "转换到2000国家大地坐标系" in book.task("2.2.1.p4.i2").text
    assert book.task("2.2.4").text.endswith("其中90%计划引入社会资金投资。")


def test_gbk_and_crlf_copies_import_the_same(tmp_path):
    text = (SEEDS / "yucheng.txt").read_text(encoding="utf-8")
    copy = tmp_path / "yucheng-gbk.txt"
    copy.write_bytes(text.replace("\n", "\r\n").encode("gb18030"))
    assert shape(import_file(copy).book) == EXPECTED["yucheng"]
