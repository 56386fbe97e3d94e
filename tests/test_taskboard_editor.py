"""The operator's task table: an edit reaches the cache at once with an audit row
naming the operator, the wall's board follows, a bad value is refused and named."""

from PySide6.QtCore import Qt
from plugins.taskboard.views.task_signals import board_signals
from PySide6.QtWidgets import QSpinBox

from plugins.taskboard.model import Status
from plugins.taskboard.task_store import TaskStore
from tests.taskboard_helpers import BOOK_ID, SPEC, board_context, seed_cache
from plugins.taskboard.views.task_board_tile import TaskBoardTile
from plugins.taskboard.views.task_editor import FIELDS, TaskEditor


def open_editor(qtbot, ctx):
    editor = TaskEditor(ctx)
    qtbot.addWidget(editor)
    editor.show()
    return editor


def cell(editor, key, field):
    """The proxy index of a task's field, as the operator sees it in the table."""
    row = next(i for i, (task, _, _) in enumerate(editor.model.rows) if task.key == key)
    return editor.proxy.mapFromSource(editor.model.index(row, FIELDS.index(field)))


def test_an_edit_is_saved_at_once_audited_and_the_board_follows(qtbot, hub, store, tmp_path):
    cache = tmp_path / "cache.sqlite3"
    keys = seed_cache(cache, 5)
    with board_context(qtbot, hub, store, cache, user="王调度") as (service, ctx):
        tile = TaskBoardTile(ctx, SPEC)
        qtbot.addWidget(tile)
        editor = open_editor(qtbot, ctx)
        assert tile.percent_label.text() == "71.4%"
        with qtbot.waitSignal(board_signals(ctx).sig_board_changed, timeout=5000):
            assert editor.proxy.setData(cell(editor, keys[5], "status"), Status.DONE.value)
        qtbot.waitUntil(lambda: tile.percent_label.text() == "85.7%", timeout=5000)
        assert cell(editor, keys[5], "status").data() == "已完成"
        with TaskStore(cache) as fresh:                      # what a restart would read
            assert fresh.load_book(BOOK_ID).task(keys[5]).status is Status.DONE
            rows = [r for r in fresh.audit(BOOK_ID) if r.key == keys[5]]
        assert [(r.who, r.field, r.old, r.new) for r in rows] == [("王调度", "status", Status.NOT_STARTED, Status.DONE)]
        tile.teardown()


def test_progress_typed_into_the_table_cell_reaches_the_cache(qtbot, hub, store, tmp_path):
    cache = tmp_path / "cache.sqlite3"
    keys = seed_cache(cache, 0)
    with board_context(qtbot, hub, store, cache, user="李工") as (service, ctx):
        editor = open_editor(qtbot, ctx)
        index = cell(editor, keys[2], "progress")
        editor.table.setCurrentIndex(index)
        editor.table.edit(index)
        spin = editor.table.viewport().findChild(QSpinBox)
        assert spin is not None and spin.maximum() == 100
        spin.setValue(55)
        with qtbot.waitSignal(board_signals(ctx).sig_board_changed, timeout=5000):
            qtbot.keyClick(spin, Qt.Key.Key_Return)
        with TaskStore(cache) as fresh:
            assert fresh.load_book(BOOK_ID).task(keys[2]).progress == 55
            assert fresh.audit(BOOK_ID)[-1].who == "李工"
        assert board_signals(ctx).state.summary.completion.progress > 0


def test_a_bad_date_is_refused_named_and_the_cell_goes_back(qtbot, hub, store, tmp_path):
    cache = tmp_path / "cache.sqlite3"
    keys = seed_cache(cache, 0)
    with board_context(qtbot, hub, store, cache) as (service, ctx):
        editor = open_editor(qtbot, ctx)
        with qtbot.waitSignal(board_signals(ctx).sig_edit_failed, timeout=5000):
            editor.proxy.setData(cell(editor, keys[0], "due"), "2021-13-40")
        assert "未保存" in editor.message_label.text() and "due" in editor.message_label.text()
        assert cell(editor, keys[0], "due").data() == ""
        with TaskStore(cache) as fresh:
            assert fresh.load_book(BOOK_ID).task(keys[0]).due is None
            assert not [r for r in fresh.audit(BOOK_ID) if r.key == keys[0]]


def test_the_table_filters_by_status_and_text(qtbot, hub, store, tmp_path):
    cache = tmp_path / "cache.sqlite3"
    seed_cache(cache, 5)
    with board_context(qtbot, hub, store, cache) as (service, ctx):
        editor = open_editor(qtbot, ctx)
        total = editor.proxy.rowCount()
        assert total == len(editor.model.rows) > 20          # every task, sub-items included
        editor.status_combo.setCurrentText(Status.DONE.value)
        assert editor.proxy.rowCount() == 5
        editor.status_combo.setCurrentIndex(0)
        editor.filter_edit.setText("数字水利")
        shown = [editor.proxy.index(r, FIELDS.index("title")).data() for r in range(editor.proxy.rowCount())]
        assert shown and all("数字水利" in t for t in shown)


def test_a_read_only_console_offers_no_editing(qtbot, hub, store, tmp_path):
    cache = tmp_path / "cache.sqlite3"
    keys = seed_cache(cache, 0)
    with board_context(qtbot, hub, store, cache, read_only=True) as (service, ctx):
        editor = open_editor(qtbot, ctx)
        index = cell(editor, keys[0], "status")
        assert not index.flags() & Qt.ItemFlag.ItemIsEditable
        assert "只读" in editor.message_label.text()
