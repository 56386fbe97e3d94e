"""The demo's task board: the city's seed book imported once, with made-up progress
that is deterministic, marked as demo data, and lands between the floor and the target;
the whole console opens the board layout and the editor on Ctrl+T."""

from datetime import date
from pathlib import Path

import pytest

from plugins.taskboard.board import FLOOR, TARGET, summarise
from plugins.taskboard.board_service import DEMO_WHO, NO_BOOK_MESSAGE, BoardService
from plugins.taskboard.demo_progress import demo_plan, import_demo_book
from plugins.taskboard.importer import import_file
from plugins.taskboard.task_store import TaskStore
from tests.gui_helpers import running_console, tiles_of

SEEDS = Path(__file__).resolve().parents[1] / "plugins" / "taskboard" / "taskbooks"
TODAY = date(2021, 3, 22)


@pytest.mark.parametrize("city", ["shouguang", "weifang", "yucheng"])
def test_demo_progress_is_deterministic_and_between_floor_and_target(tmp_path, city):
    book = import_file(SEEDS / f"{city}.txt").book
    assert demo_plan(book, TODAY, seed=3) == demo_plan(book, TODAY, seed=3)
    with TaskStore(tmp_path / "c.sqlite3") as store:
        book_id = import_demo_book(store, SEEDS / f"{city}.txt", TODAY, seed=1, who=DEMO_WHO)
        summary = summarise(store.load_book(book_id), TODAY)
        assert {r.who for r in store.audit(book_id)} == {DEMO_WHO}
    assert FLOOR <= summary.completion.done < TARGET
    assert 1 <= len(summary.overdue) <= 8
    assert [m.days_left > 0 for m in summary.milestones] == [False, False, True]


def test_the_service_seeds_only_an_empty_cache(tmp_path):
    cache = tmp_path / "c.sqlite3"
    service = BoardService(cache, "寿光市", lambda: TODAY)
    try:
        first = service.start(SEEDS / "shouguang.txt").result(timeout=10)
        assert first.demo and first.book_id == "寿光市"
        service.update_task("2.1.1", {"owner": "市大数据局"}, who="王调度").result(timeout=10)
        again = service.start(SEEDS / "shouguang.txt").result(timeout=10)   # a restart of the demo
        assert again.book.task("2.1.1").owner == "市大数据局"               # the operator's edit stays
    finally:
        service.close()
    with TaskStore(cache) as store:
        assert [r.field for r in store.audit("寿光市") if r.target == "book"] == ["import"]


def test_the_demo_console_shows_the_board_and_opens_the_editor(qtbot, tmp_path):
    with running_console(qtbot, tmp_path, demo=True, layout_file=Path("taskboard")) as (rt, window, ctx):
        assert window.wall.layout_model.name == "taskboard"
        tile = tiles_of(window, "taskboard")[0]
        qtbot.waitUntil(lambda: tile.state is not None and tile.state.summary is not None, timeout=10000)
        assert tile.state.demo and "演示数据" in tile.status_label.text()
        assert 70.0 <= float(tile.percent_label.text().rstrip("%")) < 80.0
        window.desk_actions["任务书"].trigger()  # the plugin's desk action
        editor = window.task_editor
        assert editor is not None and editor.isVisible() and editor.model.rows
        assert "演示数据" in editor.message_label.text()
        assert window.desk_actions["任务书"].shortcut().toString() == "Ctrl+T"


def test_a_city_without_a_seed_book_says_how_to_import_one(qtbot, tmp_path):
    with running_console(qtbot, tmp_path, demo=True, city="juxian", layout_file=Path("taskboard")) as (rt, window, ctx):
        tile = tiles_of(window, "taskboard")[0]
        qtbot.waitUntil(lambda: tile.state is not None and tile.state.revision > 0, timeout=10000)
        assert tile.empty_label.text() == NO_BOOK_MESSAGE
        assert tile.pages.currentWidget() is tile.empty_label
