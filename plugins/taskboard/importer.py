"""Task book text -> TaskBook tree, structured by its numbering alone."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from plugins.taskboard._book_facts import (
    city_from_title, default_standard_version, find_end, find_milestones, standard_parts,
)
from plugins.taskboard._markers import Marker, match_marker, relabel, split_inline
from plugins.taskboard._text_noise import clean_line, collapse_spaces, is_markdown_heading
from plugins.taskboard._titles import title_of as _title_of
from plugins.taskboard.model import KIND_RANK, Category, Section, Task, TaskBook

_TERMINAL = re.compile(r"[。！？；：…][”’）」』]?$")
_CLAUSE_PUNCT = re.compile(r"[。；，：！？]")
_NUMBERED = ("item", "paren", "circled")
_KEY_PREFIX = {"section": "", "subsection": "", "item": "", "paren": "p", "circled": "c", "inline": "i"}


@dataclass(frozen=True)
class ImportWarning:
    line: int        # 1-based; 0 when it concerns the whole book
    kind: str        # trailer | unplaced | numbering | repaired | no-category
    message: str


@dataclass
class ImportResult:
    book: TaskBook
    warnings: list[ImportWarning]


@dataclass
class _Node:
    kind: str
    n: int
    label: str
    line: int
    paras: list[str]
    heading: bool
    children: list[_Node] = field(default_factory=list)
    marked_heading: bool = False  # its line was a Markdown heading (or bold): complete as it stands
    _broken: bool = False  # the last line was a Markdown heading: the next one starts afresh

    def add_text(self, text: str, marked_heading: bool = False) -> None:
        last = self.paras[-1] if self.paras else ""
        if marked_heading or self._broken:  # a Markdown heading is a line of its own, never joined
            self._broken = marked_heading
            self.paras.append(text)
            return
        if self.heading and len(self.paras) == 1 and not self.marked_heading and _continues_heading(last, text):
            self.paras[0] = last + text  # a heading broken by a page break: its tail comes back
            self.heading = _is_heading(self.paras[0])
            return
        # A heading or a finished sentence ends the paragraph; anything else is
        # a page break or a hard wrap in mid-sentence, so the line continues it.
        if not self.paras or (self.heading and len(self.paras) == 1) or _TERMINAL.search(last):
            self.paras.append(text)
        elif last and text and last[-1].isascii() and last[-1].isalnum() and text[0].isascii():
            self.paras[-1] = f"{last} {text}"
        else:
            self.paras[-1] = last + text


def _is_heading(text: str) -> bool:
    return 0 < len(text) <= 40 and not _CLAUSE_PUNCT.search(text.rstrip("：:"))


_OPEN_END = re.compile(r"[的和与及或、“《（]$")  # no phrase ends on these: the line was cut
_ANY_PUNCT = re.compile(r"[。；，：！？、…]")
_FRAGMENT_MAX = 12
# "方|面，坚持……": a line whose first clause is a word's tail; these two-character openers are not
_OPENERS = frozenset("目前 同时 其中 此外 另外 首先 其次 最后 因此 为此 然而 但是 总之 近年 今年 当前 随后 对此".split())


def _continues_heading(head: str, text: str) -> bool:
    """Whether ``text`` is the rest of the heading-like line ``head`` after a page break: the
    line stops where no phrase can stop (``的``, ``和``, ``《``), the next one starts with
    punctuation or with a word's tail (``方`` / ``面，坚持……``), or it is a short fragment with no
    punctuation (``国土空间规划“一张图”实施监督`` / ``信息系统建设``) that fits a heading with it."""
    if _OPEN_END.search(head) or _CLOSING_START.match(text):
        return True
    first = re.split(r"[，；。：]", text, maxsplit=1)
    if len(first) > 1 and 0 < len(first[0]) <= 2 and first[0] not in _OPENERS:
        return True
    return (len(text) <= _FRAGMENT_MAX and len(head) + len(text) <= 40
            and not _ANY_PUNCT.search(text) and not text.isascii())


_CLOSING_START = re.compile(r"^[，。；：、！？）》”』」…]")


class _Parser:
    def __init__(self) -> None:
        self.warnings: list[ImportWarning] = []
        self.root = _Node("root", 0, "", 0, [], False)
        self.stack: list[_Node] = [self.root]

    def warn(self, line: int, kind: str, message: str) -> None:
        self.warnings.append(ImportWarning(line, kind, message))

    def _resolve_bare(self, marker: Marker, lineno: int) -> Marker | None:
        # Trust "4 xxx" only where a list is waiting for its 4th member.
        for node in reversed(self.stack):
            if node.kind in _NUMBERED and node.n + 1 == marker.n:
                fixed = relabel(marker, node.kind)
                self.warn(lineno, "repaired", f"read “{marker.n} ” as {fixed.label} (number lost its mark)")
                return fixed
        return None

    def feed(self, lineno: int, text: str, marked_heading: bool = False) -> None:
        marker = match_marker(text)
        if marker is not None and marker.kind == "bare":
            marker = self._resolve_bare(marker, lineno)
        if marker is None:
            self.stack[-1].add_text(collapse_spaces(text), marked_heading)
            return
        rank = KIND_RANK[marker.kind]
        while len(self.stack) > 1 and KIND_RANK[self.stack[-1].kind] >= rank:
            self.stack.pop()
        parent = self.stack[-1]
        siblings = [c for c in parent.children if c.kind == marker.kind]
        expected = siblings[-1].n + 1 if siblings else 1
        if marker.n != expected:
            self.warn(lineno, "numbering", f"{marker.label} where {expected} was expected")
        rest = collapse_spaces(marker.rest)
        node = _Node(marker.kind, marker.n, marker.label, lineno, [rest] if rest else [], _is_heading(rest),
                     marked_heading=marked_heading)
        parent.children.append(node)
        self.stack.append(node)


def _category(title: str) -> Category | None:
    if "规定任务" in title:
        return Category.PRESCRIBED
    if "特色" in title:
        return Category.LOCAL_FEATURE
    return None


class _Builder:
    def __init__(self, warn) -> None:
        self.warn = warn
        self.keys: set[str] = set()

    def key(self, parent_key: str, kind: str, n: int) -> str:
        key = f"{parent_key}.{_KEY_PREFIX[kind]}{n}" if parent_key else f"{_KEY_PREFIX[kind]}{n}"
        base, i = key, 2
        while key in self.keys:          # duplicated numbers in a noisy copy
            key, i = f"{base}~{i}", i + 1
        self.keys.add(key)
        return key

    def section(self, node: _Node, parent_key: str, inherited: Category | None) -> Section:
        key = self.key(parent_key, node.kind, node.n)
        head = node.paras[0] if node.paras and node.heading else ""
        body = node.paras[1:] if head else node.paras
        sec = Section(key, node.kind, node.label, head or _title_of("\n".join(body), False),
                      "\n".join(body), node.line, _category(head) or inherited)
        for child in node.children:
            if child.kind in ("section", "subsection"):
                sec.sections.append(self.section(child, key, sec.category))
            else:
                sec.tasks.append(self.task(child, key, key, sec.category))
        return sec

    def task(self, node: _Node, parent_key: str, section_key: str, category: Category | None) -> Task:
        key = self.key(parent_key, node.kind, node.n)
        text = "\n".join(node.paras)
        head = node.paras[0] if node.paras else ""
        if category is None and node.kind == "item":
            self.warn(node.line, "no-category", f"{node.label}{head[:20]} sits outside 规定任务/地方特色")
        task = Task(key, node.kind, node.label, _title_of(head, node.heading), text,
                    category, section_key, line=node.line)
        task.children = self._inline(task, text) + [
            self.task(c, key, section_key, category) for c in node.children]
        return task

    def _inline(self, parent: Task, text: str) -> list[Task]:
        _lead, items, _tail = split_inline(text)
        out = []
        for item in items:
            key = self.key(parent.key, "inline", item.n)
            body = item.text.rstrip("；;。，")
            out.append(Task(key, "inline", item.label, _title_of(body, False), body,
                            parent.category, parent.section, line=parent.line))
        return out


def import_text(text: str, city: str | None = None) -> ImportResult:
    """Parse a task book; every line lands in the tree or in a warning."""
    raw = text.splitlines()
    cleaned = [clean_line(line) for line in raw]
    end = find_end(cleaned, lambda s: match_marker(s) is not None)
    warnings: list[ImportWarning] = []
    dropped = [i for i in range(end, len(cleaned)) if cleaned[i]]
    if dropped:
        first = cleaned[dropped[0]]
        warnings.append(ImportWarning(dropped[0] + 1, "trailer",
                        f"ignored {len(dropped)} lines after the end of the book "
                        f"(lines {dropped[0] + 1}-{dropped[-1] + 1}), starting “{first[:30]}”"))

    first_marker = next((i for i in range(end) if (m := match_marker(cleaned[i])) and m.kind != "bare"), end)
    intro = [collapse_spaces(cleaned[i]) for i in range(first_marker) if cleaned[i]]
    title = next((s for s in intro if "任务书" in s), intro[0] if intro else "")
    preamble = "\n".join(s for s in intro if s != title)

    parser = _Parser()
    for i in range(first_marker, end):
        if cleaned[i]:
            parser.feed(i + 1, cleaned[i], is_markdown_heading(raw[i]))
    warnings.extend(parser.warnings)

    city = city or city_from_title(title) or "未命名"
    book = TaskBook(book_id=city, city=city, title=title, preamble=preamble,
                    standard_version=default_standard_version(preamble),
                    standard_parts=standard_parts("\n".join(cleaned[:end])))
    builder = _Builder(lambda line, kind, msg: warnings.append(ImportWarning(line, kind, msg)))
    stray = [c for c in parser.root.children if c.kind not in ("section", "subsection")]
    if stray:
        warnings.append(ImportWarning(stray[0].line, "unplaced",
                        f"{len(stray)} numbered blocks before the first section; kept under “未归类”"))
        holder = _Node("section", 0, "", stray[0].line, ["未归类"], True, stray)
        book.sections.append(builder.section(holder, "", None))
    for node in parser.root.children:
        if node.kind in ("section", "subsection"):
            book.sections.append(builder.section(node, "", None))
    for task in book.all_tasks():
        task.standard_version = book.standard_version
        if task.category is Category.LOCAL_FEATURE:
            task.area = "地方特色"
    book.milestones = find_milestones(book, "\n".join(collapse_spaces(s) for s in cleaned[:end]))
    warnings.sort(key=lambda w: w.line)
    return ImportResult(book, warnings)


def import_file(path: Path | str, city: str | None = None) -> ImportResult:
    data = Path(path).read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):   # Windows copies arrive in GBK
        try:
            return import_text(data.decode(encoding), city)
        except UnicodeDecodeError:
            continue
    return import_text(data.decode("utf-8", errors="replace"), city)
