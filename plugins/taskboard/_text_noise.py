"""Cleaning the noise real copies of task books carry.

Copies come from PDFs, Word and Markdown conversions: page breaks leave spaces
inside words, punctuation and brackets switch between full and half width, and
Markdown headings or bold wrap lines whose level has nothing to do with the
numbering.
"""

from __future__ import annotations

import re

_CJK = (
    "\u3400-\u4dbf\u4e00-\u9fff"   # ideographs
    "\u3000-\u303f"                 # CJK punctuation: 、。〔〕《》
    "\uff00-\uffef"                 # full-width forms: （），：；
    "\u2018-\u201f\u2014\u2026"     # “”‘’ — …
    "\u2460-\u2473"                 # ①..⑳
)
_CJK_RE = re.compile(f"[{_CJK}]")

_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*")
_MD_QUOTE = re.compile(r"^\s*(?:>\s*)+")
_MD_BULLET = re.compile(r"^\s*[-*+]\s+")
_MD_EMPHASIS = re.compile(r"\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])")
_MD_TRAILING_HASHES = re.compile(r"\s+#+\s*$")
# Converters escape a leading "1." as "1\." so Markdown does not make a list.
_MD_ESCAPE = re.compile(r"\\([.()（）\-*#_\[\]])")

# Half-width punctuation that means the full-width one when it touches Chinese.
_TO_FULL = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？"}
_HALF_PUNCT = re.compile(r"[,;:!?]")
_SPACE_RUN = re.compile(r"[ \t\u00a0\u3000]+")


def is_cjk(ch: str) -> bool:
    return bool(ch) and bool(_CJK_RE.match(ch))


_MD_HEADING_LINE = re.compile(r"^\s{0,3}#{1,6}(?![#A-Za-z0-9])")  # "## 一、" or "##一、", not "#hashtag"
_MD_BOLD_LINE = re.compile(r"^\s*(?:\S{1,6}\s*)?(\*\*|__)[^*_]+\1\s*$")  # "**智慧水务**", "1. **智慧水务**"


def is_markdown_heading(line: str) -> bool:
    """A raw line a Markdown copy marks as a heading (``## …``, or a line that is all bold):
    complete as it stands, so neither joined to the text before it nor to the text after."""
    return bool(_MD_HEADING_LINE.match(line) or _MD_BOLD_LINE.match(line))


def strip_markdown(line: str) -> str:
    """Drop heading hashes, quotes, bullets, emphasis and escapes."""
    line = _MD_QUOTE.sub("", line)
    line = _MD_HEADING.sub("", line)
    line = _MD_TRAILING_HASHES.sub("", line)
    line = _MD_EMPHASIS.sub("", line)
    line = _MD_BULLET.sub("", line)
    return _MD_ESCAPE.sub(r"\1", line)


def normalise_width(line: str) -> str:
    """Full-width letters and digits to ASCII, all brackets to full width."""
    out = []
    for ch in line:
        code = ord(ch)
        if 0xFF10 <= code <= 0xFF19 or 0xFF21 <= code <= 0xFF3A or 0xFF41 <= code <= 0xFF5A:
            ch = chr(code - 0xFEE0)
        elif ch == "．":
            ch = "."
        elif ch == "(":
            ch = "（"
        elif ch == ")":
            ch = "）"
        out.append(ch)
    line = "".join(out)

    def _full(m: re.Match[str]) -> str:
        before = line[m.start() - 1] if m.start() else ""
        after = line[m.end()] if m.end() < len(line) else ""
        # "1,000" and "http://" stay as they are
        if is_cjk(before) or is_cjk(after) or (before and not after.strip()):
            if not (before.isdigit() and after.isdigit()):
                return _TO_FULL[m.group()]
        return m.group()

    return _HALF_PUNCT.sub(_full, line)


def collapse_spaces(text: str) -> str:
    """Remove spaces next to Chinese (page-break and PDF spacing), keep others."""
    def _join(m: re.Match[str]) -> str:
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end()] if m.end() < len(text) else ""
        if not before or not after or is_cjk(before) or is_cjk(after):
            return ""
        return " "

    return _SPACE_RUN.sub(_join, text)


def clean_line(line: str) -> str:
    """One raw line to comparable text, keeping spaces for marker detection."""
    return normalise_width(strip_markdown(line.rstrip("\r\n"))).strip()
