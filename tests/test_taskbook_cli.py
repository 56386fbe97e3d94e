"""The ``tasks`` subcommands as the main CLI will call them, and the Qt-free core."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from plugins.taskboard.cli import add_subcommands, run
from console.city_time import city_time
from plugins.taskboard.task_store import TaskStore
from tests.taskbook_helpers import SEEDS

ROOT = Path(__file__).resolve().parents[1]


def _run(cache: Path, *argv: str) -> int:
    parser = argparse.ArgumentParser(prog="city-console")
    add_subcommands(parser.add_subparsers(dest="command"))
    args = parser.parse_args(list(argv))
    args.cache_path = cache
    return args.func(args)


def test_import_json_prints_tree_and_warnings(tmp_path, capsys):
    cache = tmp_path / "cache.sqlite"
    assert _run(cache, "tasks", "import", str(SEEDS / "shouguang.txt"), "--json", "--dry-run") == 0
    out = capsys.readouterr()
    tree = json.loads(out.out)
    sections = tree["book"]["sections"]
    assert [s["number"] for s in sections] == ["一、", "二、", "三、"]
    assert len(sections[1]["sections"][0]["tasks"]) == 7
    assert {w["kind"] for w in tree["warnings"]} == {"repaired", "trailer"}
    assert "shouguang.txt:157: trailer:" in out.err
    assert not cache.exists()                      # --dry-run stores nothing


def test_import_then_list_and_report(tmp_path, capsys):
    cache = tmp_path / "cache.sqlite"
    assert _run(cache, "tasks", "import", str(SEEDS / "yucheng.txt"), "--city", "禹城") == 0
    assert "禹城: 3 sections, 7 prescribed, 5 local-feature tasks, 7 sub-items; 1 warnings" in capsys.readouterr().out
    with TaskStore(cache) as store:
        store.update_task("禹城", "2.1.1", {"status": "已完成"}, who="张伟",
                          at=datetime(2021, 3, 23, 10, tzinfo=city_time().zone))
    assert _run(cache, "tasks", "list") == 0
    listing = capsys.readouterr().out
    assert listing.splitlines()[0].endswith("规定任务完成权重 14.3%")
    assert "2.1.1" in listing and "2.2.5.i2" in listing
    out = tmp_path / "w12.md"
    assert _run(cache, "tasks", "report", "--week", "2021-W12", "--format", "md", "-o", str(out)) == 0
    text = out.read_text(encoding="utf-8")
    assert "# 禹城新型智慧城市建设试点工作动态" in text and "（张伟，03-23 10:00）" in text
    html_out = tmp_path / "w12.html"
    assert _run(cache, "tasks", "report", "--week", "2021-W12", "--format", "html", "-o", str(html_out)) == 0
    assert "<h1>禹城新型智慧城市建设试点工作动态</h1>" in html_out.read_text(encoding="utf-8")


def test_errors_are_reported_with_exit_code(tmp_path, capsys):
    cache = tmp_path / "cache.sqlite"
    assert _run(cache, "tasks", "list") == 2
    assert "none imported yet" in capsys.readouterr().err
    assert _run(cache, "tasks", "import", str(SEEDS / "weifang.txt")) == 0
    assert _run(cache, "tasks", "report", "--week", "2021-12", "-o", str(tmp_path / "x.md")) == 2
    assert "2021-W12" in capsys.readouterr().err
    not_a_book = tmp_path / "note.txt"
    not_a_book.write_text("会议通知\n请准时参加。\n", encoding="utf-8")
    assert _run(cache, "tasks", "import", str(not_a_book)) == 1


def test_core_imports_without_qt():
    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('PySide6', 'shiboken6', 'PyQt5', 'PyQt6'):\n"
        "            raise ImportError('Qt is blocked: ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "import plugins.taskboard.model, plugins.taskboard.importer, plugins.taskboard.board\n"
        "import plugins.taskboard.task_store, plugins.taskboard.report, plugins.taskboard.cli\n"
        "import plugins.taskboard.pdf_export  # Qt only inside its functions\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')]\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          env={"PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
