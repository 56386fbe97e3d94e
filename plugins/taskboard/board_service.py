"""The task board as a live service: loads the city's book from the cache, summarises
it and tells listeners; every SQLite call runs on one worker thread of its own.

Qt-free. The runtime owns one; the GUI listens through a thin Qt bridge
(``plugins.taskboard.views.task_signals``) that re-emits on the GUI thread. Listeners are
called on the worker thread and must not touch widgets.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Callable, Mapping

from console.languages import Text
from plugins.taskboard.board import BoardSummary, summarise
from plugins.taskboard.model import TaskBook
from plugins.taskboard.task_store import TaskStore

log = logging.getLogger(__name__)

DEMO_WHO = "演示数据 demo"   # the audit's "who" for everything the demo made up
NO_BOOK_MESSAGE = Text("TaskBoard", "尚未导入任务书：运行 city-console tasks import FILE 导入")


@dataclass(frozen=True)
class BoardState:
    """One consistent snapshot for views. ``book`` is freshly loaded and never mutated."""

    revision: int
    book_id: str | None = None
    book: TaskBook | None = None
    summary: BoardSummary | None = None
    message: str = ""
    demo: bool = False


Listener = Callable[[BoardState], None]


class BoardService:
    """Owns the cache's task tables for the console; one worker thread, one TaskStore."""

    def __init__(self, cache_path: Path | str, city_name: str, today: Callable[[], date]) -> None:
        self.cache_path = Path(cache_path)
        self.city_name = city_name
        self._today = today
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="taskboard")
        self._store: TaskStore | None = None   # made and used on the worker thread only
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()
        self._revision = 0
        self._closed = False
        self.state = BoardState(0, message="")

    def today(self) -> date:
        """The board's today (the console's clock, Beijing date)."""
        return self._today()

    # -- listening -----------------------------------------------------------
    def add_listener(self, listener: Listener) -> None:
        with self._lock:
            self._listeners.append(listener)

    def remove_listener(self, listener: Listener) -> None:
        with self._lock:
            if listener in self._listeners:
                self._listeners.remove(listener)

    # -- requests (each returns a Future; results and errors come back there) --
    def start(self, seed_file: Path | None = None, demo_seed: int = 1) -> Future:
        """Load the book; with ``seed_file`` (demo), import it first if the cache has none."""
        return self._submit(self._start, seed_file, demo_seed)

    def refresh(self) -> Future:
        """Reload and re-summarise (a new day, or a change made by another process)."""
        return self._submit(self._reload)

    def update_task(self, key: str, changes: Mapping[str, Any], who: str,
                    at: datetime | None = None) -> Future:
        """Save an operator's edit at once, with its audit rows; listeners hear the new state."""
        return self._submit(self._update, key, dict(changes), who, at)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        with self._lock:
            self._listeners.clear()
        self._pool.submit(self._close_store)   # sqlite3 objects close on their own thread
        self._pool.shutdown(wait=True)

    # -- the worker thread ---------------------------------------------------
    def _submit(self, fn: Callable, *args: Any) -> Future:
        if self._closed:
            future: Future = Future()
            future.set_exception(RuntimeError("the task board service is closed"))
            return future
        return self._pool.submit(self._guarded, fn, *args)

    def _guarded(self, fn: Callable, *args: Any) -> Any:
        try:
            return fn(*args)
        except Exception:
            log.exception("task board: %s failed", fn.__name__)
            raise

    def _db(self) -> TaskStore:
        if self._store is None:
            self._store = TaskStore(self.cache_path)
        return self._store

    def _close_store(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def _start(self, seed_file: Path | None, demo_seed: int) -> BoardState:
        store = self._db()
        if seed_file is not None and not store.book_ids():
            from plugins.taskboard.demo_progress import import_demo_book

            import_demo_book(store, seed_file, self._today(), seed=demo_seed, who=DEMO_WHO)
        return self._reload()

    def _update(self, key: str, changes: dict[str, Any], who: str, at: datetime | None) -> BoardState:
        book_id = self.state.book_id
        if book_id is None:
            raise KeyError("no task book loaded")
        self._db().update_task(book_id, key, changes, who, at)
        return self._reload()

    def _reload(self) -> BoardState:
        store = self._db()
        book_id = pick_book(store.book_ids(), self.city_name)
        if book_id is None:
            state = BoardState(self._next_revision(), message=NO_BOOK_MESSAGE)
        else:
            book = store.load_book(book_id)
            demo = any(row.who == DEMO_WHO for row in store.audit(book_id))
            state = BoardState(self._next_revision(), book_id, book, summarise(book, self._today()), demo=demo)
        self.state = state
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(state)
            except Exception:
                log.exception("task board listener failed")
        return state

    def _next_revision(self) -> int:
        self._revision += 1
        return self._revision


def pick_book(book_ids: list[str], city_name: str) -> str | None:
    """The city's own book when the cache holds several; the only one otherwise."""
    if not book_ids:
        return None
    if city_name in book_ids:
        return city_name
    return next((b for b in book_ids if b.startswith(city_name) or city_name.startswith(b)), book_ids[0])
