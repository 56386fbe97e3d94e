"""The weekly progress report (工作动态每周报送), in Markdown or HTML."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from console.city_time import city_time
from plugins.taskboard._report_labels import FIELD_NAMES, STATUS_EN, label
from plugins.taskboard.board import (
    Completion, community_completions, due_between, prescribed_completion, summarise,
)
from plugins.taskboard.model import Status, TaskBook
from plugins.taskboard.task_store import AuditRow, TaskStore

_WEEK = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.I)

Row = tuple[str, ...]


def parse_week(text: str) -> tuple[int, int]:
    """"2021-W12" -> (2021, 12); ValueError for anything else."""
    m = _WEEK.match(text.strip())
    if not m:
        raise ValueError(f"week {text!r}: expected ISO form like 2021-W12")
    year, week = int(m.group(1)), int(m.group(2))
    date.fromisocalendar(year, week, 1)          # raises for week 53 of a 52-week year
    return year, week


@dataclass(frozen=True)
class WeeklyReport:
    lang: str
    title: str
    period: str
    standard: str
    start: date                  # Monday
    end: date                    # Sunday
    changes: tuple[str, ...]
    change_keys: tuple[str, ...]
    now: Completion
    before: Completion
    completion_rows: tuple[Row, ...]
    verdicts: tuple[str, ...]
    overdue_rows: tuple[Row, ...]
    overdue_keys: tuple[str, ...]
    due_next_rows: tuple[Row, ...]
    due_next_keys: tuple[str, ...]
    milestone_rows: tuple[Row, ...]


def _pct(x: float) -> str:
    return f"{x * 100:.1f}%"


def _status(lang: str, status: Status) -> str:
    return STATUS_EN[status.value] if lang == "en" else status.value


def _value(lang: str, field: str, value: Any) -> str:
    if field == "done":
        return label(lang, "yes" if value else "no")
    if value is None or value == "":
        return label(lang, "undated") if field == "due" else "—"
    if field == "progress":
        return f"{value}%"
    if field == "status":
        return _status(lang, Status(value))
    return value.isoformat() if isinstance(value, date) else str(value)


def _describe(lang: str, row: AuditRow, book: TaskBook) -> str:
    when = city_time().format(row.at.timestamp(), "%m-%d %H:%M")
    who = label(lang, "who_when", who=row.who, when=when)
    if row.target == "book":
        return label(lang, "imported", tasks=(row.new or {}).get("tasks", "?")) + who
    if row.target == "milestone":
        name = next((m.name for m in book.milestones if m.key == row.key), row.key)
        subject = name
    else:
        try:
            subject = f"【{row.key}】{book.task(row.key).title}"
        except KeyError:
            subject = f"【{row.key}】"
    field = FIELD_NAMES.get(lang, FIELD_NAMES["zh"]).get(row.field, row.field)
    if row.field == "evidence":
        old, new = list(row.old or []), list(row.new or [])
        parts = [label(lang, "added", items="、".join(x for x in new if x not in old))] if set(new) - set(old) else []
        if set(old) - set(new):
            parts.append(label(lang, "removed", items="、".join(x for x in old if x not in new)))
        detail = "；".join(parts)
    else:
        detail = f"{_value(lang, row.field, row.old)} → {_value(lang, row.field, row.new)}"
    return f"{subject}{label(lang, 'sep')}{field} {detail}{who}"


def build_weekly_report(store: TaskStore, book_id: str, week: str, lang: str = "zh", today: date | None = None) -> WeeklyReport:
    """Everything the week's report says, computed from the store's audit history.

    Days overdue and days left are the board's own figures (``board.summarise``) as of the
    week's Sunday, or as of ``today`` (the city's date) for a week not over yet: the report
    never says 19 days overdue where the board says 15."""
    year, number = parse_week(week)
    monday = date.fromisocalendar(year, number, 1)
    sunday = monday + timedelta(days=6)
    start = datetime.combine(monday, time(), city_time().zone)  # weeks are the city's
    end = start + timedelta(days=7)
    book = store.book_as_of(book_id, end)
    before_book = store.book_as_of(book_id, start)
    now, before = prescribed_completion(book), prescribed_completion(before_book)

    rows = [r for r in store.audit(book_id, since=start, until=end)]
    changes = tuple(_describe(lang, r, book) for r in rows)

    def delta(a: float, b: float) -> str:
        diff = (a - b) * 100
        return label(lang, "pp", sign="+" if diff >= 0 else "−", value=abs(diff))

    completion_rows = (
        (label(lang, "done_weight"), _pct(now.done), _pct(before.done), delta(now.done, before.done)),
        (label(lang, "progress_weight"), _pct(now.progress), _pct(before.progress),
         delta(now.progress, before.progress)),
    )
    met = lambda ok: label(lang, "met" if ok else "not_met")  # noqa: E731
    verdicts = [f"{label(lang, 'floor', pct=_pct(now.floor))}：{met(now.meets_floor)}；"
                f"{label(lang, 'target', pct=_pct(now.target))}：{met(now.meets_target)}"]
    for name, c in community_completions(book).items():
        verdicts.append(f"{label(lang, 'community', name=name, pct=_pct(c.target))}："
                        f"{_pct(c.done)}，{met(c.meets_target)}")

    next_monday = sunday + timedelta(days=1)
    as_of = min(sunday, today or city_time().date(datetime.now().timestamp()))
    board = summarise(book, as_of)
    late = {t.key: t for t in book.all_tasks()}
    due_next = due_between(book, next_monday, next_monday + timedelta(days=6))
    milestone_rows = tuple(
        (m.name, m.due.isoformat() if m.due else label(lang, "undated"),
         label(lang, "done") if m.done else ("—" if m.days_left is None else str(m.days_left)))
        for m in board.milestones)
    return WeeklyReport(
        lang=lang,
        title=label(lang, "title", city=book.city),
        period=label(lang, "period", year=year, week=number, start=monday.isoformat(), end=sunday.isoformat()),
        standard=label(lang, "standard", version=book.standard_version),
        start=monday, end=sunday, changes=changes,
        change_keys=tuple(r.key or "" for r in rows),
        now=now, before=before, completion_rows=completion_rows, verdicts=tuple(verdicts),
        overdue_rows=tuple((f"【{key}】{title}", due.isoformat(), str(days), late[key].owner or "—")
                           for key, title, due, days in board.overdue),
        overdue_keys=tuple(key for key, *_ in board.overdue),
        due_next_rows=tuple((f"【{t.key}】{t.title}", t.due.isoformat(), t.owner or "—",
                             _status(lang, t.status)) for t in due_next),
        due_next_keys=tuple(t.key for t in due_next),
        milestone_rows=milestone_rows,
    )


def _headers(lang: str) -> dict[str, Row]:
    L = lambda k: label(lang, k)  # noqa: E731
    return {
        "completion": (L("measure"), L("this_week"), L("last_week"), L("delta")),
        "overdue": (L("task"), L("due"), L("days_late"), L("owner")),
        "due_next": (L("task"), L("due"), L("owner"), L("status")),
        "milestones": (L("milestone"), L("due"), L("days_left")),
    }


def _tables(report: WeeklyReport) -> list[tuple[str, Row, tuple[Row, ...]]]:
    h = _headers(report.lang)
    return [("overdue", h["overdue"], report.overdue_rows),
            ("due_next", h["due_next"], report.due_next_rows),
            ("milestones", h["milestones"], report.milestone_rows)]


def render_markdown(report: WeeklyReport) -> str:
    def table(header: Row, rows: tuple[Row, ...]) -> list[str]:
        esc = lambda s: s.replace("|", "\\|")  # noqa: E731
        out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        return out + ["| " + " | ".join(esc(c) for c in row) + " |" for row in rows]

    lang = report.lang
    lines = [f"# {report.title}", "", f"**{report.period}**", "", report.standard, "",
             f"## {label(lang, 'changes')}", ""]
    lines += [f"- {c}" for c in report.changes] or [label(lang, "no_changes")]
    lines += ["", f"## {label(lang, 'completion')}", ""]
    lines += table(_headers(lang)["completion"], report.completion_rows)
    lines += [""] + [f"- {v}" for v in report.verdicts]
    for key, header, rows in _tables(report):
        lines += ["", f"## {label(lang, key)}", ""]
        lines += table(header, rows) if rows else [label(lang, "none")]
    return "\n".join(lines) + "\n"


_CSS = """body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", sans-serif; }
h1 { font-size: 18pt; } h2 { font-size: 14pt; margin-top: 14px; }
table { border-collapse: collapse; } td, th { border: 1px solid #888; padding: 3px 8px; }
th { background: #e8eef5; }"""


def render_html(report: WeeklyReport) -> str:
    e = html.escape
    lang = report.lang

    def table(header: Row, rows: tuple[Row, ...]) -> str:
        head = "".join(f"<th>{e(c)}</th>" for c in header)
        body = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in rows)
        return f'<table cellspacing="0"><tr>{head}</tr>{body}</table>'

    parts = [f'<!DOCTYPE html><html lang="{"zh-CN" if lang == "zh" else "en"}"><head>'
             f'<meta charset="utf-8"><title>{e(report.title)}</title><style>{_CSS}</style></head><body>',
             f"<h1>{e(report.title)}</h1><p><b>{e(report.period)}</b><br>{e(report.standard)}</p>",
             f"<h2>{e(label(lang, 'changes'))}</h2>"]
    if report.changes:
        parts.append("<ul>" + "".join(f"<li>{e(c)}</li>" for c in report.changes) + "</ul>")
    else:
        parts.append(f"<p>{e(label(lang, 'no_changes'))}</p>")
    parts.append(f"<h2>{e(label(lang, 'completion'))}</h2>")
    parts.append(table(_headers(lang)["completion"], report.completion_rows))
    parts.append("<ul>" + "".join(f"<li>{e(v)}</li>" for v in report.verdicts) + "</ul>")
    for key, header, rows in _tables(report):
        parts.append(f"<h2>{e(label(lang, key))}</h2>")
        parts.append(table(header, rows) if rows else f"<p>{e(label(lang, 'none'))}</p>")
    parts.append("</body></html>")
    return "\n".join(parts)
