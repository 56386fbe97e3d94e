"""A task's title from its first sentence: whole clauses only, never cut inside one.

Task books write long sentences; the board needs a short name. The title is the text
before a colon when that names the task (``智慧医疗：完善……``), else the first sentence,
shortened at a clause boundary: a comma outside brackets, quotes and book titles
(``《…指标第2部分：县级指标》`` is one piece), and never after a clause that only leads in
(``试点终期验收时，`` ``依据省级地方标准，`` ``在……方面，``): what follows it is what the
task is. The task's text keeps everything.
"""

from __future__ import annotations

import re

SOFT_MAX = 40  # a title this long fits a board row; whole clauses may take it past this
HARD_MAX = 80  # past this even a single clause is cut (with …) rather than fill the row

_PAIRS = {"《": "》", "“": "”", "（": "）", "「": "」", "『": "』", "【": "】", "‘": "’", "〔": "〕"}
_CLOSERS = set(_PAIRS.values())
# a clause that sets the time, the field or the basis of what follows, not the task itself
_LEADS_IN_END = re.compile(r"(时|之时|以后|之后|以前|之前|期间|之际|方面|领域|过程中|基础上|为契机|为目标|前提下)$")
_LEADS_IN_START = re.compile(r"^(在|按照|依照|依据|根据|围绕|参照|结合|依托|基于|为了|为|通过|随着)")


def split_outside(text: str, marks: str) -> list[str]:
    """``text`` split at each of ``marks`` that stands outside brackets and quotes (marks dropped)."""
    parts, depth, start = [], [], 0
    for i, ch in enumerate(text):
        if ch in _PAIRS:
            depth.append(_PAIRS[ch])
        elif depth and ch == depth[-1]:
            depth.pop()
        elif ch in _CLOSERS and ch in depth:  # a bracket closed out of order: unwind to it
            while depth and depth.pop() != ch:
                pass
        elif not depth and ch in marks:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def _leads_in(clause: str, opening: bool) -> bool:
    """Whether a clause only leads in. "依托……，" opens a sentence as a lead-in, but after a
    clause with the task in it, "依托统一的技术标准推进……" is a clause of its own."""
    return bool(_LEADS_IN_END.search(clause) or (opening and _LEADS_IN_START.match(clause)))


def title_of(head: str, heading: bool) -> str:
    """The title of a task (or section) whose first paragraph is ``head``."""
    if heading:
        return head.rstrip("：")
    sentence = split_outside(head, "。；！？")[0].rstrip("：")
    lead = split_outside(sentence, "：")
    if len(lead) > 1 and len(lead[0]) <= 20 and "，" not in lead[0]:
        return lead[0]  # "智慧医疗：完善……" names itself before the colon
    if len(sentence) <= SOFT_MAX:
        return sentence
    clauses = split_outside(sentence, "，")
    best, title = "", ""
    for i, clause in enumerate(clauses):
        title = f"{title}，{clause}" if i else clause
        if len(title) > SOFT_MAX and best:
            break
        if not _leads_in(clause, opening=not best):
            best = title
            if len(title) > SOFT_MAX:
                break
    title = best or title
    if len(title) <= HARD_MAX:
        return title
    return title[:HARD_MAX] + "…"
