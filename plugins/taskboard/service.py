"""The board service a console runs (the manifest's ``taskboard.board``): the city's book from
the cache, and in the demo the city's seed task book, imported once. Qt-free."""

from __future__ import annotations

from datetime import date
from importlib import resources
from pathlib import Path

from console.city_time import city_time
from plugins.taskboard.board_service import BoardService


def seed_book(city_id: str) -> Path | None:
    """The seed task book shipped for a city (the demo imports it), if there is one."""
    path = resources.files("plugins.taskboard") / "taskbooks" / f"{city_id}.txt"
    return Path(str(path)) if path.is_file() else None


def board_service(runtime) -> BoardService:
    """Built once by the runtime; closed by it (``close``) when the console stops."""
    def today() -> date:  # the console clock's date in the city's time (console.city_time): the board's today
        return city_time().date(runtime.clock.now())

    service = BoardService(runtime.store.path, runtime.city.name, today)  # the cache in use
    service.start(seed_book(runtime.city.id) if runtime.options.demo else None, runtime.options.seed)
    return service
