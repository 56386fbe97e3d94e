"""The PDF report carries real Chinese text (checked with pdftotext)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from plugins.taskboard.pdf_export import export_pdf, prefer_ideographs
from plugins.taskboard.report import build_weekly_report, render_html
from tests.test_taskbook_report import BOOK, store  # noqa: F401  (the scripted week)

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="needs pdftotext (Debian poppler-utils)")


def test_pdf_has_extractable_cjk_text(qapp, store, tmp_path):  # noqa: F811
    report = build_weekly_report(store, BOOK, "2021-W12")
    pdf = export_pdf(render_html(report), tmp_path / "w12.pdf", title=report.title)
    assert pdf.read_bytes().startswith(b"%PDF")
    run = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                         capture_output=True, text=True)
    assert run.stderr == ""                 # the in-place CMap fix kept the file sound
    text = run.stdout
    # exact code points: Qt alone yields the radical ⼯ (U+2F2F) for 工
    assert "禹城市新型智慧城市建设试点工作动态" in text
    assert not any(0x2E80 <= ord(ch) <= 0x2FDF for ch in text)
    assert "本周进展" in text and "逾期事项" in text
    assert "57.1%" in text
    fonts = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
    cjk = [line for line in fonts.splitlines() if "CJK" in line]
    assert cjk and all(" yes " in line for line in cjk)       # embedded


def test_shared_glyphs_map_back_to_ideographs():
    # glyph 0x2F2F (a source code) must stay; destinations 工/⼀ swap; a counting
    # range and a radical the text really used stay as they are
    cmap = (b"1 0 obj\n<< /Length 0 >>\nstream\n2 beginbfrange\n"
            b"<2F2F> <2F2F> [<2F2F> <0041>]\n<0005> <0007> <2F00>\nendbfrange\n"
            b"2 beginbfchar\n<0009> <2F00>\n<000A> <2F08>\nendbfchar\nendstream\n"
            b"endobj\n2 0 obj\n<< /ToUnicode 1 0 R >>\nendobj\n")
    fixed = prefer_ideographs(cmap, used_text="工一⼈")
    assert len(fixed) == len(cmap)
    assert b"<2F2F> <2F2F> [<5DE5> <0041>]" in fixed
    assert b"<0005> <0007> <2F00>" in fixed
    assert b"<0009> <4E00>" in fixed and b"<000A> <2F08>" in fixed
