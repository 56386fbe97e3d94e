"""A task board wired the way the console wires it, for the view tests: a real cache
file, the board service on its worker thread, its Qt bridge, and a TileContext."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date
from pathlib import Path

from console.gui.history_loader import HistoryLoader
from console.gui.hub_signals import HubSignals
from plugins.taskboard.views.task_signals import SERVICE, TaskBoardSignals
from console.layouts.layout import TileSpec
from plugins.taskboard.board_service import BoardService
from plugins.taskboard.importer import import_file
from plugins.taskboard.model import Category
from plugins.taskboard.task_store import TaskStore
from widgets.tile import TileContext

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "plugins" / "taskboard" / "taskbooks" / "shouguang.txt"
BOOK_ID = "寿光市"
TODAY = date(2021, 3, 22)   # a Monday, in the pilot's term
SPEC = TileSpec("taskboard", 0, 0, title="任务看板")


def seed_cache(path: Path, done: int) -> list[str]:
    """Import the Shouguang book and mark its first ``done`` prescribed tasks done; their keys."""
    book = import_file(SEED).book
    keys = [t.key for t in book.top_tasks(Category.PRESCRIBED)]
    with TaskStore(path) as store:
        store.save_book(book, who="setup")
        for key in keys[:done]:
            store.update_task(BOOK_ID, key, {"status": "已完成"}, who="setup")
    return keys


@contextmanager
def board_context(qtbot, hub, store, cache: Path, user: str = "operator", read_only: bool = False):
    """(service, ctx) with the first state already delivered on the GUI thread."""
    service = BoardService(cache, "寿光市", lambda: TODAY)
    bridge = TaskBoardSignals(service)
    service.qt_signals = bridge  # the one Qt face tiles find through board_signals(ctx)
    history = HistoryLoader(store)
    ctx = TileContext(hub, HubSignals(hub), history, services={SERVICE: service}, user=user, read_only=read_only)
    try:
        with qtbot.waitSignal(bridge.sig_board_changed, timeout=5000):
            service.start()
        yield service, ctx
    finally:
        bridge.close()
        service.close()
        history.shutdown()
