"""Facts a task book states in prose: city, standard, milestone dates, its end."""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Callable

from plugins.taskboard.model import Milestone, TaskBook

_CITY = re.compile(r"^(.{1,12}?(?:市|县|区|旗))(?:新型)?智慧城市")
_PART = re.compile(r"新型智慧城市建设指标\s*第\s*(\d)\s*部分\s*：\s*([^》《]{1,12}指标)")
_PILOT_YEAR = re.compile(r"(20\d\d)\s*年\s*(?:创建|山东省|度)?[^。]{0,20}试点")
_MONTH_EVENT = r"(20\d\d)\s*年\s*(\d{1,2})\s*月\s*(?:底|末)?\s*(?:前|以前)?[^。；，]{0,8}?"
_MIDTERM = re.compile(_MONTH_EVENT + "中期(?:考核|评估)")
_FINAL = re.compile(_MONTH_EVENT + "终期(?:验收|考核)")
_KICKOFF = re.compile(r"启动(?:动员)?会")

# The template's closing formula; anything after it is not the book.
_CLOSING = re.compile(r"本任务书.{0,20}依据")
_URL = re.compile(r"(?:https?://|www\.|@|\.(?:com|cn|net)\b|\d{3,4}-?\d{7,8})", re.I)
_SENTENCE_PUNCT = re.compile(r"[。；！？，：]")

PILOT_2019 = "山东省新型智慧城市试点指标（2019年9月试点版）"
DB37_T_3890 = "DB37/T 3890-2020"


def city_from_title(title: str) -> str | None:
    m = _CITY.match(title)
    return m.group(1) if m else None


def standard_parts(text: str) -> list[str]:
    """Parts of the indicator standard the book names, e.g. "第2部分：县级指标"."""
    seen: list[str] = []
    for m in _PART.finditer(text):
        part = f"第{m.group(1)}部分：{m.group(2)}"
        if part not in seen:
            seen.append(part)
    return seen


def default_standard_version(preamble: str) -> str:
    # 2019 pilots wrote their books before DB37/T 3890-2020 existed and are
    # scored under the September-2019 pilot version (DOMAIN.md).
    m = _PILOT_YEAR.search(preamble)
    if m and int(m.group(1)) <= 2019:
        return PILOT_2019
    return DB37_T_3890


def _month_end(year: int, month: int) -> date | None:
    if not 1 <= month <= 12:
        return None
    return date(year, month, calendar.monthrange(year, month)[1])


def find_milestones(book: TaskBook, text: str) -> list[Milestone]:
    """Kick-off, mid-term review and final acceptance, with dates the text gives."""
    def first_task(pattern: re.Pattern[str]) -> str | None:
        for task in book.top_tasks():
            if pattern.search(task.text):
                return task.key
        return None

    out = [Milestone("kickoff", "启动动员会", None, False, first_task(_KICKOFF))]
    for key, name, pattern in (("midterm", "中期考核", _MIDTERM), ("final", "终期验收", _FINAL)):
        m = pattern.search(text)
        due = _month_end(int(m.group(1)), int(m.group(2))) if m else None
        out.append(Milestone(key, name, due, False, first_task(re.compile(name))))
    return out


def is_trailer_line(line: str) -> bool:
    """A line of the kind ads and footers are made of: short, no sentence."""
    if _URL.search(line):
        return True
    return len(line) <= 30 and not _SENTENCE_PUNCT.search(line)


def find_end(lines: list[str], is_structural: Callable[[str], bool]) -> int:
    """Index one past the book's last line; what follows is trailing boilerplate.

    The closing formula ends the book when present; otherwise a trailing run of
    short unpunctuated lines (product lists, URLs) is cut, stopping at the first
    numbered or sentence-like line so a short last heading is kept.
    """
    first_marker = next((i for i, line in enumerate(lines) if line and is_structural(line)), len(lines))
    # the last closing formula after the numbering starts: a preamble may quote it
    for i in range(len(lines) - 1, first_marker, -1):
        if _CLOSING.search(lines[i]):
            return i + 1
    end = len(lines)
    while end > 0:
        line = lines[end - 1]
        if line and (is_structural(line) or not is_trailer_line(line)):
            break
        end -= 1
    return end
