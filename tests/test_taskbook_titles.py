"""Task titles in the seeds' style: joined across page breaks, cut at the end of a clause
(never at a comma inside brackets or after a clause that only leads in), never merged
with a Markdown heading; the task's text keeps everything."""

from __future__ import annotations

from plugins.taskboard.importer import import_text
from plugins.taskboard._titles import title_of

HEAD = """\
寿河市新型智慧城市建设试点工作任务书

一、总体目标

寿河市人民政府对新型智慧城市试点建设负总责。

二、主要任务

（一）规定任务

"""

PAGE_BREAKS = HEAD + """\
1.全面对照新公布的地方标准《新型智慧城市建设指标第 2 部分:县级指标》《新型智慧城市建设指标第 3 部分:智慧社区指标》,制定本市试点建设工作推进方案,分解细化工作任务书。

2.试点终期验收时,依据省级地方标准,本市新型智慧城市规定建设任务完成权重不低于 70%,力争达到 80%以上。

3.在探索创新智慧城市投融资机制方

面，坚持政府引导和市场主导结合的原则，以政府投资为引导，允许社会资本进入智慧城市建设领域，构建多元化投资主体及直接融资与间接融资相互交融的投融资机制。

（二）地方特色

1.新型智慧城市应用场景

（1）国土空间规划“一张图”实施监督

信息系统建设

以第三次全国国土调查成果为数据基础，依托国土空间基础信息平台，整合国土空间规划编制所需的各类空间关联数据。

（2）建设面向农业园区的

智慧用能示范项目

选取 5 个农业园区 150 个大棚试点电气化大棚智慧用能项目。

（3）互联网医院建设

目前，全市已有 3 家医院开通互联网诊疗服务。

三、组织实施

本任务书作为试点中期评估和考核验收工作的依据。
"""


def tasks(text):
    return {t.key: t for t in import_text(text).book.all_tasks()}


def test_a_heading_broken_by_a_page_break_is_joined():
    t = tasks(PAGE_BREAKS)
    assert t["2.2.1.p1"].title == "国土空间规划“一张图”实施监督信息系统建设"
    assert t["2.2.1.p2"].title == "建设面向农业园区的智慧用能示范项目"
    assert t["2.2.1.p1"].text.endswith("整合国土空间规划编制所需的各类空间关联数据。")
    # a short body that opens with "目前，" is the body, not the heading's tail
    assert t["2.2.1.p3"].title == "互联网医院建设"
    assert t["2.2.1.p3"].text == "互联网医院建设\n目前，全市已有3家医院开通互联网诊疗服务。"


def test_a_sentence_broken_inside_a_word_by_a_page_break_is_joined():
    task = tasks(PAGE_BREAKS)["2.1.3"]
    assert task.title == "在探索创新智慧城市投融资机制方面，坚持政府引导和市场主导结合的原则"
    assert task.text.startswith("在探索创新智慧城市投融资机制方面，坚持") and "\n" not in task.text


def test_a_title_is_never_cut_inside_a_book_title_or_after_a_lead_in():
    t = tasks(PAGE_BREAKS)
    assert t["2.1.1"].title == "全面对照新公布的地方标准《新型智慧城市建设指标第2部分：县级指标》《新型智慧城市建设指标第3部分：智慧社区指标》"
    assert t["2.1.2"].title == "试点终期验收时，依据省级地方标准，本市新型智慧城市规定建设任务完成权重不低于70%"
    assert t["2.1.2"].text == "试点终期验收时，依据省级地方标准，本市新型智慧城市规定建设任务完成权重不低于70%，力争达到80%以上。"


def test_title_rules_one_by_one():
    # a short sentence is its own title; a colon names the task
    assert title_of("召开一次启动动员会。", False) == "召开一次启动动员会"
    assert title_of("智慧医疗：完善“互联网+健康寿光”医疗大数据平台，整合四大数据库。", False) == "智慧医疗"
    # a colon inside a book title is no name: "《指标第3部分：智慧社区指标》"
    assert title_of("参照《新型智慧城市建设指标第3部分：智慧社区指标》，完成权重达到80%以上。", False) == \
        "参照《新型智慧城市建设指标第3部分：智慧社区指标》，完成权重达到80%以上"
    # whole clauses up to the length a row shows; a later "依托……" clause is a clause of its own
    assert title_of("建设智慧禹城运营中心，依托统一的技术标准推进新型智慧城市建设，逐渐将智慧禹城运营中心打造成为新型智慧城市大脑。", False) == \
        "建设智慧禹城运营中心，依托统一的技术标准推进新型智慧城市建设"
    # a comma inside quotes is not a clause boundary
    long_quote = "推行“前台综合受理，后台分类审批，综合窗口出件”的一窗受理模式，变跑多次为跑一次，进一步倒逼政府部门实现事项标准化。"
    assert title_of(long_quote, False) == "推行“前台综合受理，后台分类审批，综合窗口出件”的一窗受理模式，变跑多次为跑一次"
    # one clause longer than any row is cut with an ellipsis, never silently
    assert title_of("建" * 100 + "。", False) == "建" * 80 + "…"


MARKDOWN = HEAD.replace("（一）规定任务", "### （一）规定任务") + """\
1.在探索创新智慧城市投融资机制方面，坚持政府引导和市场主导结合的原则
## 平安城市项目
计划在平安城市项目引入社会资金参与智慧城市建设。

#### （二）地方特色

### 1. 互联网医院

建设内容

基于区域人口健康信息平台建设互联网医院平台。

2. **智慧停车**

提供智能停车诱导服务。

三、组织实施

本任务书作为试点中期评估和考核验收工作的依据。
"""


def test_a_markdown_heading_is_never_merged_with_the_text_around_it():
    t = tasks(MARKDOWN)
    first = t["2.1.1"]
    assert first.title == "在探索创新智慧城市投融资机制方面，坚持政府引导和市场主导结合的原则"
    assert first.text.split("\n") == [
        "在探索创新智慧城市投融资机制方面，坚持政府引导和市场主导结合的原则",
        "平安城市项目", "计划在平安城市项目引入社会资金参与智慧城市建设。",
    ]
    hospital = t["2.2.1"]
    assert hospital.title == "互联网医院"  # "建设内容" below a Markdown heading is not its tail
    assert hospital.text.split("\n")[0] == "互联网医院" and "建设内容" in hospital.text
    assert t["2.2.2"].title == "智慧停车"
