"""Words of the weekly report, Chinese first (the province reads Chinese)."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "title": "{city}新型智慧城市建设试点工作动态",
        "period": "{year}年第{week}周（{start} 至 {end}）",
        "standard": "评价标准：{version}",
        "changes": "一、本周进展",
        "completion": "二、规定任务完成情况",
        "overdue": "三、逾期事项",
        "due_next": "四、下周到期事项",
        "milestones": "五、里程碑",
        "no_changes": "本周无变更。",
        "none": "无。",
        "measure": "指标", "this_week": "本周末", "last_week": "上周末", "delta": "变化",
        "done_weight": "完成权重", "progress_weight": "按进度加权",
        "floor": "底线 {pct}", "target": "目标 {pct}", "met": "已达到", "not_met": "未达到",
        "community": "智慧社区 {name}（{pct} 线）",
        "task": "任务", "due": "完成时限", "owner": "责任单位", "status": "状态",
        "days_late": "逾期天数", "milestone": "里程碑", "days_left": "剩余天数", "done": "已完成",
        "undated": "未定", "who_when": "（{who}，{when}）", "sep": "：", "yes": "是", "no": "否",
        "imported": "导入任务书（{tasks} 项）", "added": "新增 {items}", "removed": "移除 {items}",
        "pp": "{sign}{value:.1f} 个百分点",
    },
    "en": {
        "title": "{city} smart-city pilot: weekly progress report",
        "period": "{year} week {week} ({start} to {end})",
        "standard": "Scored against: {version}",
        "changes": "1. Changes this week",
        "completion": "2. Prescribed tasks",
        "overdue": "3. Overdue",
        "due_next": "4. Due next week",
        "milestones": "5. Milestones",
        "no_changes": "No changes this week.",
        "none": "None.",
        "measure": "Measure", "this_week": "End of week", "last_week": "A week before", "delta": "Change",
        "done_weight": "Completed weight", "progress_weight": "Progress-weighted",
        "floor": "floor {pct}", "target": "target {pct}", "met": "met", "not_met": "not met",
        "community": "Smart community {name} ({pct} bar)",
        "task": "Task", "due": "Due", "owner": "Owner", "status": "Status",
        "days_late": "Days late", "milestone": "Milestone", "days_left": "Days left", "done": "done",
        "undated": "not set", "who_when": " ({who}, {when})", "sep": ": ", "yes": "yes", "no": "no",
        "imported": "task book imported ({tasks} tasks)", "added": "added {items}",
        "removed": "removed {items}", "pp": "{sign}{value:.1f} points",
    },
}

FIELD_NAMES: dict[str, dict[str, str]] = {
    "zh": {"status": "状态", "progress": "进度", "owner": "责任单位", "contact": "联系人",
           "due": "完成时限", "weight": "权重", "area": "领域", "evidence": "佐证材料",
           "standard_version": "评价标准", "community": "所属社区", "done": "完成"},
    "en": {"status": "status", "progress": "progress", "owner": "owner", "contact": "contact",
           "due": "due", "weight": "weight", "area": "area", "evidence": "evidence",
           "standard_version": "standard", "community": "community", "done": "done"},
}

STATUS_EN = {"未开始": "not started", "进行中": "in progress", "已完成": "done", "受阻": "blocked"}


def label(lang: str, key: str, **values: object) -> str:
    table = LABELS.get(lang, LABELS["zh"])
    return table[key].format(**values)
