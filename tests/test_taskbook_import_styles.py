"""Books in the styles the seeds do not show: Markdown, ①, 一是 inside ②."""

from __future__ import annotations

from datetime import date

from plugins.taskboard.importer import import_text
from plugins.taskboard.model import Category
from tests.taskbook_helpers import shape

# Markdown heading levels deliberately disagree with the numbering; full-width
# digits, half-width brackets, bold markers and an escaped "1\." are mixed in.
MARKDOWN_BOOK = """\
# 河海县新型智慧城市建设试点工作任务书

根据《关于公布2020年山东省新型智慧城市建设试点名单的通知》精神，河海县为2020年创建四星级新型智慧城市建设试点县。

## 一、总体目标

河海县人民政府对新型智慧城市试点建设负总责。

# 二、主要任务

### (一) 规定任务

**１．** 建立统筹推进机制，召开一次启动动员会。
**2.** 及时报送工作动态，明确工作责任人和工作 联系人。
3、组织开展阶段性检查（自查）。

#### （二）地方特色

1\\. **智慧水务**

① 建设排水管网监测系统：一是布设液位计200个；二是建设预警平台；三是接入城市大脑。
② 建设城市防汛指挥平台。主要包括：一是汛情一张图，二是预案管理，三是

应急调度。
③ 智 慧 路 灯 改 造
2. 智慧医疗
（1）互联网医院：2021年底前接入县人民医院。
(2) 电子健康卡

## 三、组织实施

1. 成立领导小组。

数字山东建设专项小组办公室负责业务指导，2021年6月底前开展中期考核，2022年6月底前开展终期验收工作。

本任务书作为试点中期评估和考核验收工作的依据。

---
扫码关注公众号，了解更多！
电话：0531-12345678
"""


def test_markdown_book_structure():
    result = import_text(MARKDOWN_BOOK)
    book = result.book
    assert shape(book) == dict(sections=3, subsections=2, prescribed=3, local=2,
                               numbered_sub=5, inline_sub=6)
    assert book.city == "河海县"
    assert book.title == "河海县新型智慧城市建设试点工作任务书"
    assert [t.title for t in book.top_tasks(Category.PRESCRIBED)] == [
        "建立统筹推进机制，召开一次启动动员会", "及时报送工作动态，明确工作责任人和工作联系人",
        "组织开展阶段性检查（自查）"]
    water = book.task("2.2.1")
    assert water.title == "智慧水务"
    assert [c.number for c in water.children] == ["①", "②", "③"]
    assert water.children[2].title == "智慧路灯改造"


def test_inline_list_nested_in_circled_item():
    book = import_text(MARKDOWN_BOOK).book
    second = book.task("2.2.1.c2")
    assert second.title == "建设城市防汛指挥平台"
    assert [(c.number, c.text) for c in second.children] == [
        ("一是", "汛情一张图"), ("二是", "预案管理"), ("三是", "应急调度")]
    first = book.task("2.2.1.c1")
    assert first.title == "建设排水管网监测系统"
    assert [c.text for c in first.children] == ["布设液位计200个", "建设预警平台", "接入城市大脑"]


def test_trailer_and_out_of_place_items_are_reported():
    result = import_text(MARKDOWN_BOOK)
    by_kind = {w.kind: w for w in result.warnings}
    assert set(by_kind) == {"trailer", "no-category"}
    assert by_kind["trailer"].line == MARKDOWN_BOOK.splitlines().index("---") + 1
    # kept in the tree, reported, never dropped
    assert by_kind["no-category"].line == MARKDOWN_BOOK.splitlines().index("1. 成立领导小组。") + 1
    assert book_task_titles(result.book, "3") == ["成立领导小组"]
    assert not any("公众号" in t.text for t in result.book.all_tasks())


def book_task_titles(book, section_key):
    return [t.title for t in book.section(section_key).tasks]


def test_dates_and_standard_from_a_2020_book():
    book = import_text(MARKDOWN_BOOK).book
    assert book.standard_version == "DB37/T 3890-2020"
    assert {m.key: m.due for m in book.milestones} == {
        "kickoff": None, "midterm": date(2021, 6, 30), "final": date(2022, 6, 30)}


# No closing formula: the trailing run of short unpunctuated lines is the ad.
NO_CLOSING = """\
桥城市新型智慧城市建设试点工作任务书
本任务书作为试点考核验收的依据，内容如下。
一、主要任务
（一）规定任务
1.召开一次启动动员会。
2.工作动态每周报送
（二）地方特色
1.智慧停车：建设停车场50处。
2.有一个编号
5.跳过了编号的事项。
3 这行不是编号

智能服务机器人
智能陪护机器人
了解更多登录官网
www.example.cn
"""


def test_trailing_ad_without_closing_formula():
    result = import_text(NO_CLOSING)
    book = result.book
    assert shape(book)["prescribed"] == 2 and shape(book)["local"] == 3
    trailer = next(w for w in result.warnings if w.kind == "trailer")
    assert trailer.line == 13 and "4 lines" in trailer.message
    # a jump in numbering is accepted but reported
    numbering = [w for w in result.warnings if w.kind == "numbering"]
    assert [w.line for w in numbering] == [10]
    # "3 " with no list waiting for a 3 stays text of the item before it
    assert book.task("1.2.5").text == "跳过了编号的事项。\n3这行不是编号"
    assert book.preamble == "本任务书作为试点考核验收的依据，内容如下。"


def test_items_before_any_section_are_kept_and_reported():
    result = import_text("某市任务书\n1.孤立事项。\n一、主要任务\n（一）规定任务\n1.事项。\n")
    assert [w.kind for w in result.warnings] == ["unplaced", "no-category"]
    assert result.book.sections[0].title == "未归类"
    assert result.book.sections[0].tasks[0].title == "孤立事项"
