"""Numbering markers of Chinese official documents, and inline 一是…二是… lists."""

from __future__ import annotations

import re
from dataclasses import dataclass

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN = "一二三四五六七八九十"


def cn_to_int(text: str) -> int:
    """Chinese numeral up to 99 ("十二", "二十三") to int."""
    if "十" not in text:
        return _CN_DIGITS[text]
    tens, _, units = text.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)


@dataclass(frozen=True)
class Marker:
    kind: str        # section | subsection | item | paren | circled | bare
    n: int
    label: str       # as printed, normalised
    rest: str        # the text after the marker


# Lines are width-normalised first, so brackets are full width and "．" is ".".
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("section", re.compile(rf"^([{_CN}]{{1,3}})\s*[、.]\s*(.*)$")),
    ("subsection", re.compile(rf"^（\s*([{_CN}]{{1,3}})\s*）\s*[、.]?\s*(.*)$")),
    # "3.019亿元" is a wrapped number, not item 3: no digit may follow the dot
    ("item", re.compile(r"^(\d{1,2})\s*[.、](?!\d)\s*(.*)$")),
    ("paren", re.compile(r"^（\s*(\d{1,2})\s*）\s*[、.]?\s*(.*)$")),
    ("circled", re.compile(r"^([\u2460-\u2473])\s*[、.]?\s*(.*)$")),
    ("paren", re.compile(r"^([\u2474-\u2487])\s*(.*)$")),    # ⑴ ⑵
    ("item", re.compile(r"^([\u2488-\u249b])\s*(.*)$")),     # ⒈ ⒉
    # "4 智慧用能": a circled ④ lost in conversion; only trusted in sequence
    ("bare", re.compile(r"^(\d{1,2})\s+(?=[\u4e00-\u9fff])(.*)$")),
)


def _number(kind: str, raw: str) -> int:
    if raw.isascii() and raw.isdigit():   # "①".isdigit() is True
        return int(raw)
    code = ord(raw[0])
    if 0x2460 <= code <= 0x2473:
        return code - 0x2460 + 1
    if 0x2474 <= code <= 0x2487:
        return code - 0x2474 + 1
    if 0x2488 <= code <= 0x249B:
        return code - 0x2488 + 1
    return cn_to_int(raw)


def _label(kind: str, n: int) -> str:
    cn = "一二三四五六七八九十"
    cn_n = cn[n - 1] if n <= 10 else str(n)
    return {
        "section": f"{cn_n}、", "subsection": f"（{cn_n}）", "item": f"{n}.",
        "paren": f"（{n}）", "circled": chr(0x2460 + n - 1) if n <= 20 else f"({n})",
        "bare": f"{n}",
    }[kind]


def match_marker(line: str) -> Marker | None:
    """The numbering marker a cleaned line starts with, if any."""
    for kind, pattern in _PATTERNS:
        m = pattern.match(line)
        if m:
            n = _number(kind, m.group(1))
            if n == 0:
                return None
            return Marker(kind, n, _label(kind, n), m.group(2).strip())
    return None


def relabel(marker: Marker, kind: str) -> Marker:
    return Marker(kind, marker.n, _label(kind, marker.n), marker.rest)


# 一是 counts only after a clause boundary: "之一是" is not a list.
_INLINE = re.compile(rf"(?:^|(?<=[。；，：！？、\n”）\s]))([{_CN}]{{1,3}})是")


@dataclass(frozen=True)
class InlineItem:
    n: int
    label: str
    text: str


def split_inline(text: str) -> tuple[str, list[InlineItem], str]:
    """Split "lead 一是A。二是B。tail" into lead, items and the paragraph tail.

    A list needs at least 一是 and 二是 in order. The last item ends at the end of
    its paragraph; what follows belongs to the parent again.
    """
    hits = [(m.start(), m.end(), cn_to_int(m.group(1))) for m in _INLINE.finditer(text)]
    run: list[tuple[int, int, int]] = []
    for start, end, n in hits:
        if n == len(run) + 1:
            run.append((start, end, n))
    if len(run) < 2:
        return text, [], ""
    items = []
    for i, (start, end, n) in enumerate(run):
        stop = run[i + 1][0] if i + 1 < len(run) else text.find("\n", end)
        stop = len(text) if stop < 0 else stop
        label = f"{_CN[n - 1]}是" if n <= 10 else f"{n}是"
        items.append(InlineItem(n, label, text[end:stop].strip()))
    last_end = text.find("\n", run[-1][1])
    tail = "" if last_end < 0 else text[last_end:].strip()
    return text[: run[0][0]].rstrip(), items, tail
