"""The weekly report as PDF, through Qt's text layout (the only Qt part here).

PySide6 is imported inside the function so the task-book core stays Qt-free.
"""

from __future__ import annotations

import os
import re
import sys
import unicodedata
from pathlib import Path

# First one installed wins; Debian's fonts-noto-cjk provides the first two.
CJK_FAMILIES: tuple[str, ...] = (
    "Noto Sans CJK SC", "Noto Serif CJK SC", "Source Han Sans SC", "Microsoft YaHei",
    "SimSun", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei",
)


class NoCjkFontError(RuntimeError):
    """No Chinese font is installed; the PDF would show empty boxes."""


def _ensure_gui_app():
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        # From the CLI on a headless server there is no display to connect to.
        if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication([])
    return app


def cjk_family() -> str:
    """The CJK font family the PDF will use."""
    from PySide6.QtGui import QFontDatabase

    _ensure_gui_app()
    installed = set(QFontDatabase.families())
    for family in CJK_FAMILIES:
        if family in installed:
            return family
    raise NoCjkFontError("no CJK font found; install fonts-noto-cjk (Debian) or one of: "
                         + ", ".join(CJK_FAMILIES))


def export_pdf(html: str, path: Path | str, title: str = "") -> Path:
    """Lay out ``html`` on A4 and write it to ``path`` with the CJK font embedded."""
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument

    family = cjk_family()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(18, 18, 18, 18), QPageLayout.Unit.Millimeter)
    writer.setResolution(300)
    writer.setTitle(title)
    writer.setCreator("city-console")
    doc = QTextDocument()
    doc.setDefaultFont(QFont(family, 10))
    doc.setHtml(html)
    doc.print_(writer)
    del writer              # flushes and closes the file
    path.write_bytes(prefer_ideographs(path.read_bytes(), html))
    return path


_TOUNICODE_REF = re.compile(rb"/ToUnicode (\d+) 0 R")
_HEX = re.compile(rb"<([0-9A-Fa-f]+)>")


def _ideograph_for(code: int, used_text: str) -> int | None:
    ch = chr(code)
    if not 0x2E80 <= code <= 0x2FDF or ch in used_text:
        return None
    alt = unicodedata.normalize("NFKC", ch)
    return ord(alt) if len(alt) == 1 and ord(alt) <= 0xFFFF and alt != ch else None


def prefer_ideographs(pdf: bytes, used_text: str) -> bytes:
    """Point shared glyphs back at the ideographs the text used, not at radicals.

    Noto CJK draws 工 (U+5DE5) and the Kangxi radical ⼯ (U+2F2F) with one glyph,
    and Qt's ToUnicode map takes the lowest code point, so copied or searched
    text comes out as radicals (the same bug as wkhtmltopdf #4414). Codes are
    swapped in place with equal-length hex, so no PDF offset moves.
    """
    out = bytearray(pdf)
    for num in set(_TOUNICODE_REF.findall(pdf)):
        m = re.search(rb"(?<!\d)" + num + rb" 0 obj\s*<<.*?>>\s*stream\r?\n(.*?)endstream", pdf, re.S)
        if not m:
            continue
        lines, mode = [], None
        for line in m.group(1).split(b"\n"):
            if line.endswith((b"beginbfrange", b"beginbfchar")):
                mode = line.split()[-1]
            elif line in (b"endbfrange", b"endbfchar"):
                mode = None
            elif mode is not None:
                line = _swap_line(line, mode, used_text)
            lines.append(line)
        body = b"\n".join(lines)
        assert len(body) == len(m.group(1))
        out[m.start(1):m.end(1)] = body
    return bytes(out)


def _swap_line(line: bytes, mode: bytes, used_text: str) -> bytes:
    tokens = list(_HEX.finditer(line))
    sources = 1 if mode == b"beginbfchar" else 2
    # a range with one destination counts up from it: only a one-glyph range may change
    if mode == b"beginbfrange" and b"[" not in line and tokens[:2] and tokens[0].group(1) != tokens[1].group(1):
        return line
    buf = bytearray(line)
    for tok in tokens[sources:]:
        if len(tok.group(1)) != 4:
            continue
        alt = _ideograph_for(int(tok.group(1), 16), used_text)
        if alt is not None:
            buf[tok.start(1):tok.end(1)] = b"%04X" % alt
    return bytes(buf)
