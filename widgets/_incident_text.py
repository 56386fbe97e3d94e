"""How the incident tiles name levels, states, actions and SLA clocks (translated where shown)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from console.languages import QT_TRANSLATE_NOOP
from widgets import theme

translate = QCoreApplication.translate

LEVEL_TEXT = {  # console.incidents.model.SEVERITY_LEVELS, as the operator reads them
    1: QT_TRANSLATE_NOOP("Incident", "特别重大 (I)"), 2: QT_TRANSLATE_NOOP("Incident", "重大 (II)"),
    3: QT_TRANSLATE_NOOP("Incident", "较大 (III)"), 4: QT_TRANSLATE_NOOP("Incident", "一般 (IV)"),
}
STATE_TEXT = {
    "open": QT_TRANSLATE_NOOP("Incident", "待派遣"), "dispatched": QT_TRANSLATE_NOOP("Incident", "已派遣"),
    "on_scene": QT_TRANSLATE_NOOP("Incident", "已到场"), "closed": QT_TRANSLATE_NOOP("Incident", "已结案"),
}
ACTION_TEXT = {
    "open": QT_TRANSLATE_NOOP("Incident", "开启"), "assign": QT_TRANSLATE_NOOP("Incident", "派遣队伍"),
    "arrive": QT_TRANSLATE_NOOP("Incident", "队伍到场"), "release": QT_TRANSLATE_NOOP("Incident", "队伍撤离"),
    "step_done": QT_TRANSLATE_NOOP("Incident", "完成步骤"), "note": QT_TRANSLATE_NOOP("Incident", "记录"),
    "severity": QT_TRANSLATE_NOOP("Incident", "调整级别"), "join_alarm": QT_TRANSLATE_NOOP("Incident", "关联报警"),
    "close": QT_TRANSLATE_NOOP("Incident", "结案"),
}
TIMER_TEXT = {"dispatch": QT_TRANSLATE_NOOP("Incident", "派遣"), "on_scene": QT_TRANSLATE_NOOP("Incident", "到场")}


def level(severity: int) -> tuple[str, str]:
    """The level's cell text (shape and name) and its colour."""
    mark, colour = theme.INCIDENT_STYLE.get(severity, theme.INCIDENT_STYLE[4])
    return f"{mark} {translate('Incident', LEVEL_TEXT.get(severity, str(severity)))}", colour


def state(name: str) -> str:
    return translate("Incident", STATE_TEXT.get(name, name))


def action(name: str) -> str:
    return translate("Incident", ACTION_TEXT.get(name, name))


def timer(what: str, plan) -> str:
    """What a timer waits for: dispatch, on scene, or the plan's step by its title."""
    if what in TIMER_TEXT:
        return translate("Incident", TIMER_TEXT[what])
    step = plan.step(what) if plan is not None else None
    return step.title if step is not None else what


def duration(seconds: float) -> str:
    """``mm:ss`` under an hour, ``h:mm:ss`` over."""
    s = int(abs(seconds))
    h, m, sec = s // 3600, s % 3600 // 60, s % 60
    return f"{h}:{m:02d}:{sec:02d}" if h else f"{m:02d}:{sec:02d}"


def clock(left: tuple[str, float] | None, plan) -> tuple[str, bool]:
    """An SLA clock's text and whether it is over (console.incidents.plans.sla_clock)."""
    if left is None:
        return "—", False
    what, seconds = left
    if seconds < 0:
        return translate("Incident", "⏰ 超时 {over} · {what}").format(over=duration(seconds), what=timer(what, plan)), True
    return translate("Incident", "剩 {left} · {what}").format(left=duration(seconds), what=timer(what, plan)), False
