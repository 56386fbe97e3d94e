"""The board tile on the wall: empty, a book's completion against 70/80, milestones,
overdue, communities; it redraws when the service says the book changed."""

from datetime import timedelta
from plugins.taskboard.views.task_signals import board_signals

import pytest

from plugins.taskboard.model import Status
from plugins.taskboard.task_store import TaskStore
from tests.taskboard_helpers import BOOK_ID, SPEC, TODAY, board_context, seed_cache
from plugins.taskboard.views.task_board_tile import TaskBoardTile


def make_tile(qtbot, ctx):
    tile = TaskBoardTile(ctx, SPEC)
    qtbot.addWidget(tile)
    tile.resize(1400, 900)
    tile.show()
    return tile


def test_an_empty_cache_says_how_to_import_a_book(qtbot, hub, store, tmp_path):
    with board_context(qtbot, hub, store, tmp_path / "cache.sqlite3") as (service, ctx):
        tile = make_tile(qtbot, ctx)
        assert tile.pages.currentWidget() is tile.empty_label
        assert "city-console tasks import FILE" in tile.empty_label.text()
        assert tile.state.summary is None
        tile.teardown()


@pytest.mark.parametrize("done, shown, verdict", [
    (4, "57.1%", "▲ 低于底线 70%"),         # 4/7: below the floor, said in text and shape
    (5, "71.4%", "距目标 8.6 点"),   # 5/7: over the floor, 8.6 points short of the target
    (6, "85.7%", "✓ 达到目标 80%"),          # 6/7: target met
])
def test_completion_is_shown_against_the_floor_and_the_target(qtbot, hub, store, tmp_path, done, shown, verdict):
    cache = tmp_path / "cache.sqlite3"
    seed_cache(cache, done)
    with board_context(qtbot, hub, store, cache) as (service, ctx):
        tile = make_tile(qtbot, ctx)
        assert tile.pages.currentWidget() is tile.board
        assert tile.percent_label.text() == shown
        assert verdict in tile.verdict_label.text()
        assert tile.gauge.value == pytest.approx(done / 7)
        assert [share for share, _ in tile.gauge.marks] == [0.70, 0.80]
        assert "70%" in tile.gauge.marks[0][1] and "80%" in tile.gauge.marks[1][1]
        assert tile.status_count_labels[Status.DONE].text() == str(done)
        assert "7 项规定任务" in tile.progress_label.text()
        assert tile.community_gauges == {}   # no community tasks in this book, no community bar
        tile.teardown()


def test_milestones_overdue_and_communities(qtbot, hub, store, tmp_path):
    cache = tmp_path / "cache.sqlite3"
    keys = seed_cache(cache, 3)
    with TaskStore(cache) as db:
        db.update_milestone(BOOK_ID, "final", {"due": TODAY + timedelta(days=10)}, who="setup")
        db.update_milestone(BOOK_ID, "midterm", {"due": TODAY - timedelta(days=2)}, who="setup")
        db.update_task(BOOK_ID, keys[5], {"due": TODAY - timedelta(days=4), "status": "受阻"}, who="setup")
        db.update_task(BOOK_ID, keys[6], {"community": "圣城街道社区", "status": "已完成"}, who="setup")
    with board_context(qtbot, hub, store, cache) as (service, ctx):
        tile = make_tile(qtbot, ctx)
        assert "剩 10 天" in tile.milestone_labels["final"].text()
        assert "▲ 逾期 2 天" in tile.milestone_labels["midterm"].text()
        assert [label.toolTip().split()[0] for label in tile.overdue_labels] == [keys[5]]
        assert tile.overdue_labels[0].full_text.startswith("▲ 4 天")
        assert tile.status_count_labels[Status.BLOCKED].text() == "▲ 1"
        # the community's own tasks are scored against the 80 % bar, not counted for the city
        assert tile.percent_label.text() == "50.0%"          # 3 of the city's 6
        gauge = tile.community_gauges["圣城街道社区"]
        assert gauge.marks == [(0.80, "80%")] and gauge.value == 1.0
        tile.teardown()


def test_the_tile_redraws_when_the_book_changes(qtbot, hub, store, tmp_path):
    cache = tmp_path / "cache.sqlite3"
    keys = seed_cache(cache, 5)
    with board_context(qtbot, hub, store, cache) as (service, ctx):
        tile = make_tile(qtbot, ctx)
        assert tile.percent_label.text() == "71.4%"
        with qtbot.waitSignal(board_signals(ctx).sig_board_changed, timeout=5000):
            board_signals(ctx).update_task(keys[5], {"status": "已完成"}, who="张工")
        assert tile.percent_label.text() == "85.7%"
        assert "✓" in tile.verdict_label.text()
        tile.teardown()
