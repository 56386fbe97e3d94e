"""How a figure is written: one function for every tile, the status bar, a report and the map.

A value is written with its stream's decimals (``StreamSpec.decimals``: 0 for counts, so a
queue reads "264 人", never "264.00 人"); a value beside its limit gets the precision that
tells the two apart ("3.012 m > 3.005 m", never "3.01 m > 3.01 m"). Qt-free.
"""

from __future__ import annotations

import math
import re

from console.languages import Text

DEFAULT_DECIMALS = 2
_MORE_DIGITS = 4  # past this many extra digits two numbers are as good as equal on a wall
_FIXED = re.compile(r"^(?P<head>.*?)\.(?P<p>\d+)(?P<kind>[f%])$")


def decimals_of(spec, fallback: int = DEFAULT_DECIMALS) -> int:
    """The decimals a stream's values are shown with (its spec's, else ``fallback``)."""
    d = getattr(spec, "decimals", None)
    return fallback if d is None else int(d)


def format_number(value: float | None, decimals: int = DEFAULT_DECIMALS) -> str:
    """``value`` with ``decimals`` places; a whole-number figure (decimals 0) is an integer; no value: ``—``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if decimals <= 0:
        return str(int(round(value)))
    return f"{value:.{decimals}f}"


UNIT_CONTEXT = "Unit"  # "{n} 人": a number with a Chinese counter word, translated whole (English may drop it)


def format_value(value: float | None, spec=None, *, decimals: int | None = None, unit: str | None = None) -> str:
    """A stream's value as every view shows it: its decimals and its unit (``4.32 m``, ``264 人``)."""
    d = decimals_of(spec) if decimals is None else decimals
    u = (getattr(spec, "unit", "") or "") if unit is None else unit
    text = format_number(value, d)
    if text == "—":
        return text
    if any("\u3400" <= c <= "\u9fff" for c in u):  # a Chinese counter word: "264 人" is "264 people" in English
        return Text(UNIT_CONTEXT, "{n} " + u).format(n=text)
    return f"{text} {u}".strip()


def format_count(n: float) -> str:
    """A count: always an integer."""
    return str(int(round(n)))


class DistinctFigure(float):
    """A number that, written with a fixed precision, takes as many more digits as it needs
    to differ from its partner (a value and the limit it crossed)."""

    partner: float | None = None

    def __format__(self, spec: str) -> str:
        m = _FIXED.match(spec)
        plain = float(self)
        if m is None or self.partner is None or plain == self.partner:
            return format(plain, spec)
        head, p, kind = m["head"], int(m["p"]), m["kind"]
        for extra in range(_MORE_DIGITS + 1):
            mine = format(plain, f"{head}.{p + extra}{kind}")
            if mine != format(self.partner, f"{head}.{p + extra}{kind}"):
                return mine
        return mine


def distinct_pair(value: float, limit: float) -> tuple[DistinctFigure, DistinctFigure]:
    """``value`` and ``limit`` for a message template: each written so the two never read equal."""
    v, lim = DistinctFigure(value), DistinctFigure(limit)
    v.partner, lim.partner = float(limit), float(value)
    return v, lim


def distinct_texts(value: float, limit: float, decimals: int = DEFAULT_DECIMALS) -> tuple[str, str]:
    """``value`` and ``limit`` as text with ``decimals`` places, or more where they would read equal."""
    v, lim = distinct_pair(value, limit)
    spec = f".{max(decimals, 0)}f"
    return format(v, spec), format(lim, spec)
