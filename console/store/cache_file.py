"""Opening the cache file safely: a broken file never stops the console.

``open_store`` checks the file before the store uses it. A corrupt or unreadable file
(truncated, a garbage header, a malformed page, a directory in its place) is moved
aside as ``NAME.corrupt-<time>`` and a fresh cache is started; a folder the console
cannot write gives a clear message and the console runs on a temporary cache (nothing
kept after it exits). Either way the caller gets a notice for the screen, and the log
has it. ``read_stats`` and ``read_quarantine`` serve the CLI read-only, with a message
instead of a traceback.

The full page check (``quick_check``, every page read: 0.14-0.3 s of a start at 51 MB) runs
only when the file may have been left broken: after a crash, a kill, a power cut, or when
anything touched it since. ``mark_clean`` (``Store.close``) stamps the closed file and its
WAL with an exact mtime and writes the stamps to ``NAME.clean``; ``open_store`` trusts the
file unchecked only while both stamps still match and deletes the marker before the store
opens it (a crash from then on leaves no marker). Any later write, by SQLite, a copy or a
scribbling test, sets the kernel's (coarse) time of that moment, not the exact stamp; on a
file system that rounds times no marker is written (every start checks every page).
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from console.languages import Text

log = logging.getLogger(__name__)

_HEADER = b"SQLite format 3\x00"
_FULL_CHECK_BELOW = 64 * 1024 * 1024  # quick_check reads every page: only on files this small
CLEAN_SUFFIX = ".clean"  # beside the cache: the stamps of its last clean close


class CacheFileError(ValueError):
    """The cache file cannot be read; the message names the file and what is wrong."""


def _marker(path: Path) -> Path:
    return path.with_name(path.name + CLEAN_SUFFIX)


def _stamps(path: Path) -> dict[str, list[int]]:
    """(inode, size, mtime in ns) of the file and of its WAL, where they exist."""
    out = {}
    for suffix in ("", "-wal"):
        try:
            st = os.stat(path.with_name(path.name + suffix))
        except OSError:
            continue
        out[suffix or "db"] = [st.st_ino, st.st_size, st.st_mtime_ns]
    return out


def mark_clean(path: Path) -> None:
    """Record that the cache was closed cleanly (every connection that writes it closed)."""
    try:
        now = time.time_ns()  # the fine clock: a later write gets the kernel's coarse time, never this
        for suffix in ("", "-wal"):
            f = path.with_name(path.name + suffix)
            if f.is_file():
                os.utime(f, ns=(now, now))
        stamps = _stamps(path)
        if any(v[2] != now for v in stamps.values()):  # a file system rounding times: cannot tell a later write
            return
        _marker(path).write_text(json.dumps(stamps), encoding="utf-8")
    except OSError as exc:  # then the next start checks every page, as after a crash
        log.warning("%s: clean-close marker not written (%s)", path, exc)


def closed_cleanly(path: Path) -> bool:
    """The file is as ``mark_clean`` left it: nothing opened it for writing since."""
    try:
        stamps = json.loads(_marker(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    now = _stamps(path)
    return bool(now) and stamps == {k: list(v) for k, v in now.items()}


def forget_clean(path: Path) -> None:
    try:
        _marker(path).unlink()
    except FileNotFoundError:
        pass
    except OSError as exc:  # a marker left behind would vouch for a file about to change
        log.warning("%s: clean-close marker not removed (%s)", path, exc)


def problem_of(path: Path, *, trust_clean_close: bool = False) -> str | None:
    """What is wrong with an existing cache file, or None if it looks usable.

    ``trust_clean_close``: skip the full page check when the file is as a clean close left it."""
    if not path.exists():
        return None
    if path.is_dir():
        return Text("Cache", "缓存文件的位置上是一个文件夹")
    try:
        with open(path, "rb") as f:
            head = f.read(100)
    except OSError as exc:
        return Text("Cache", "无法读取（{error}）").format(error=str(exc.strerror or exc))
    if not head:
        return None  # an empty file is an empty database
    if len(head) < 100 or not head.startswith(_HEADER):
        return Text("Cache", "不是 SQLite 文件（文件头错误）")
    trusted = trust_clean_close and closed_cleanly(path)  # before a connection touches its -shm
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        try:
            conn.execute("SELECT name FROM sqlite_master").fetchall()
            if path.stat().st_size < _FULL_CHECK_BELOW and not trusted:
                (result,) = conn.execute("PRAGMA quick_check(1)").fetchone()
                if result != "ok":
                    return Text("Cache", "已损坏（{error}）").format(error=str(result))
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return Text("Cache", "已损坏（{error}）").format(error=str(exc))
    return None


def move_aside(path: Path) -> Path:
    """Rename a broken cache (and its -wal/-shm) to ``NAME.corrupt-<time>``; returns the new name."""
    stamp = time.strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    path.rename(target)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.rename(target.with_name(target.name + suffix))
    return target


def _writable(folder: Path) -> str | None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return Text("Cache", "无法创建 {folder}（{error}）").format(folder=str(folder), error=str(exc.strerror or exc))
    try:  # a real write: access() says yes to root on a read-only mount
        fd, probe = tempfile.mkstemp(prefix=".write-probe-", dir=folder)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        return Text("Cache", "{folder} 只读（{error}）").format(folder=str(folder), error=str(exc.strerror or exc))
    return None


def open_store(path: Path, make: Callable[[Path], Any]) -> tuple[Any, list[str]]:
    """``make(path)`` on a usable cache file; returns the store and the notices for the screen."""
    notices: list[str] = []
    why = _writable(path.parent)
    if why is None and path.is_file() and not os.access(path, os.W_OK):
        why = Text("Cache", "{path} 只读").format(path=str(path))
    if why is not None:
        return _temporary(path, make, why, notices)
    problem = problem_of(path, trust_clean_close=True)
    forget_clean(path)  # from here the store writes it: a crash must leave no marker behind
    if problem is None:
        try:
            return make(path), notices
        except sqlite3.OperationalError as exc:  # locked, read-only, cannot open: not the file's fault
            return _temporary(path, make, Text("Cache", "{path} 无法写入（{error}）").format(path=str(path), error=str(exc)), notices)
        except sqlite3.DatabaseError as exc:  # found only when the store read it
            problem = Text("Cache", "已损坏（{error}）").format(error=str(exc))
        except OSError as exc:
            return _temporary(path, make, Text("Cache", "{path} 无法打开（{error}）").format(path=str(path), error=str(exc.strerror or exc)), notices)
    try:
        aside = move_aside(path)
    except OSError as exc:
        return _temporary(path, make, Text("Cache", "{path} {problem}，且无法移开（{error}）").format(path=str(path), problem=problem, error=str(exc.strerror or exc)), notices)
    msg = Text("Cache", "缓存文件 {path} 损坏（{problem}）：已移至 {aside}，已新建缓存").format(path=str(path), problem=problem, aside=aside.name)
    log.error("%s", msg)
    notices.append(msg)
    return make(path), notices


def _temporary(path: Path, make: Callable[[Path], Any], why: str, notices: list[str]) -> tuple[Any, list[str]]:
    base = Path("/dev/shm") if Path("/dev/shm").is_dir() and os.access("/dev/shm", os.W_OK) else None
    folder = Path(tempfile.mkdtemp(prefix="city-console-cache-", dir=base))
    msg = Text("Cache", "缓存不可写：{why}。正在使用内存中的临时缓存（{folder}），控制台退出后不保留任何数据").format(
        why=why, folder=str(folder))
    log.error("%s", msg)
    notices.append(msg)
    return make(folder / path.name), notices


# -- read-only, for the CLI --------------------------------------------------------
def _read_only(path: Path) -> sqlite3.Connection:
    if not path.exists():
        raise CacheFileError(f"{path}: no cache here")
    problem = problem_of(path)
    if problem is not None:
        raise CacheFileError(f"{path}: {problem}; the console moves it aside at its next start")
    try:
        return sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error as exc:
        raise CacheFileError(f"{path}: cannot be opened ({exc})") from None


def read_stats(path: Path) -> dict[str, Any]:
    """What ``city-console cache stats`` prints: streams, readings, first and last, size."""
    from console.store.store import READINGS_SPAN_SQL
    from console.store.writer import iso_time

    conn = _read_only(path)
    try:
        q = lambda sql: conn.execute(sql).fetchone()  # noqa: E731
        tables = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "readings" not in tables:
            raise CacheFileError(f"{path}: an SQLite file, but not a city-console cache (no readings table)")
        (streams,) = q("SELECT count(DISTINCT stream) FROM readings")
        (readings,) = q("SELECT count(*) FROM readings")
        # no timestamp index (schema 3): first and last along the (stream, ts) key
        first, last = q(READINGS_SPAN_SQL) if "streams" in tables else q("SELECT min(ts), max(ts) FROM readings")
        entities = q("SELECT count(*) FROM entities")[0] if "entities" in tables else 0
        alarms = q("SELECT count(*) FROM alarms WHERE state != 'closed'")[0] if "alarms" in tables else 0
    except sqlite3.Error as exc:
        raise CacheFileError(f"{path}: cannot be read ({exc})") from None
    finally:
        conn.close()
    size = sum(p.stat().st_size for p in path.parent.glob(path.name + "*") if p.is_file() and ".corrupt-" not in p.name
               and not p.name.endswith(CLEAN_SUFFIX))
    return {
        "path": str(path), "streams": streams, "readings": readings, "first_ts": first, "last_ts": last,
        "first": iso_time(first), "last": iso_time(last), "file_size_bytes": size,
        "entities": entities, "alarms_active": alarms,
    }


def read_quarantine(path: Path, limit: int = 100) -> list[dict[str, Any]]:
    """The newest bad messages the sources kept (``city-console sources quarantine``)."""
    from console.store.writer import iso_time

    conn = _read_only(path)
    try:
        rows = conn.execute(
            "SELECT ts, source, topic, head, size, reason FROM quarantine ORDER BY id DESC LIMIT ?", (limit,)
        ).fetchall()
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return []
        raise CacheFileError(f"{path}: cannot be read ({exc})") from None
    except sqlite3.Error as exc:
        raise CacheFileError(f"{path}: cannot be read ({exc})") from None
    finally:
        conn.close()
    return [
        {"time": iso_time(ts), "source": src, "topic": topic, "size": size, "reason": reason,
         "head": bytes(head or b"").decode("utf-8", "replace")}
        for ts, src, topic, head, size, reason in rows
    ]
