"""The audit trail as CSV: who did what, when, and how it ended. Qt-free.

Read straight from the cache file (read-only), so an export works while the
console runs. UTF-8 with a byte-order mark: Excel on a Chinese Windows desk then
opens the names and messages correctly. A cell that begins with = + - @ (or a tab or
carriage return) is written with a leading apostrophe: names and targets come from
operators and platforms, and Excel would run them as formulas.
"""

from __future__ import annotations

import csv
import json
import re
import sqlite3
import time
from datetime import datetime
from pathlib import Path

from console.city_time import city_time

COLUMNS = ("time", "user", "event", "target", "outcome", "detail", "console")  # console: a centre archive's other consoles
_RELATIVE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([mhd])\s*$")
_UNIT_S = {"m": 60, "h": 3600, "d": 86400}


def parse_since(text: str, now: float | None = None) -> float:
    """``24h``, ``7d``, ``30m`` ago, or an ISO date/time (local time unless it names a zone)."""
    now = time.time() if now is None else now
    m = _RELATIVE.match(text)
    if m:
        return now - float(m.group(1)) * _UNIT_S[m.group(2)]
    try:
        return datetime.fromisoformat(text.strip()).timestamp()
    except ValueError:
        raise ValueError(f"--since must be like 24h, 7d, 2026-06-01 or 2026-06-01T08:00, not {text!r}") from None


def audit_rows(db_path: Path | str, since: float | None = None) -> list[tuple]:
    """(ts, user, action, target, outcome, detail, console), oldest first; console is empty for
    this cache's own rows and names the console of a row the centre's archive took in."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        have = {row[1] for row in conn.execute("PRAGMA table_info(audit)")}
        if not have:
            return []
        outcome = "outcome" if "outcome" in have else "NULL"  # a file from before outcomes were kept
        origin = "origin" if "origin" in have else "NULL"  # a file from before the centre's archive
        sql = f"SELECT ts, user, action, target, {outcome}, detail, {origin} FROM audit"
        params: tuple = ()
        if since is not None:
            sql += " WHERE ts >= ?"
            params = (since,)
        return conn.execute(sql + " ORDER BY ts, id", params).fetchall()
    finally:
        conn.close()


def export_csv(db_path: Path | str, out: Path | str, since: float | None = None) -> int:
    """Write the audit trail to ``out``; returns the number of rows written."""
    rows = audit_rows(db_path, since)
    with open(out, "w", newline="", encoding="utf-8-sig") as f:
        w = csv.writer(f)
        w.writerow(COLUMNS)
        for ts, user, action, target, outcome, detail, origin in rows:
            stamp = city_time().local(ts).isoformat(timespec="seconds")
            w.writerow([_cell(c) for c in (stamp, user, action, target, outcome or "", _plain(detail), origin or "")])
    return len(rows)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    """A cell a spreadsheet shows as text: one starting like a formula gets a leading
    apostrophe (OWASP's advice against CSV injection), so ``=HYPERLINK(...)`` stays words."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _plain(detail: str | None) -> str:
    """A detail stored as JSON, written as ``key=value; ...`` for a spreadsheet."""
    if not detail:
        return ""
    try:
        data = json.loads(detail)
    except ValueError:
        return detail
    if isinstance(data, dict):
        return "; ".join(f"{k}={v}" for k, v in data.items())
    return str(data)
