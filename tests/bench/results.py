"""The one result every bench emits, so a run can be checked by a program, not only read.

    {"name", "figures": {...}, "baseline": {...}, "targets": {KEY: ["<=" or ">=", value]}, "met": bool}

A figure measured over several runs is ``{"min", "median", "runs"}`` (``spread``); a
target on such a figure is checked against its median. ``met`` is computed here from
the figures and targets, never written by hand, and run_all.py checks it again.
A bench that cannot run here says so: ``{"name", "skipped": reason}``.
"""

from __future__ import annotations

import json
import math
import statistics
import sys
from collections.abc import Iterable, Sequence

OPS = ("<=", ">=")


def spread(values: Iterable[float], digits: int = 4) -> dict:
    """min and median of the runs, and how many there were."""
    vals = [float(v) for v in values]
    if not vals:
        raise ValueError("spread of no runs")
    return {"min": round(min(vals), digits), "median": round(statistics.median(vals), digits), "runs": len(vals)}


def value_of(figure) -> float:
    """The number a target is checked against: a spread's median, or the figure itself."""
    if isinstance(figure, dict):
        figure = figure["median"]
    if isinstance(figure, bool) or not isinstance(figure, (int, float)):
        raise ValueError(f"figure {figure!r} is not a number")
    return float(figure)


def check_targets(figures: dict, targets: dict) -> bool:
    """True if every target holds; a target naming no figure is an error, not a pass."""
    for key, target in targets.items():
        if key not in figures:
            raise ValueError(f"target {key!r} names no figure (figures: {sorted(figures)})")
        if not (isinstance(target, Sequence) and len(target) == 2 and target[0] in OPS):
            raise ValueError(f"target {key!r} must be ['<=' or '>=', value], not {target!r}")
        v, limit = value_of(figures[key]), float(target[1])
        if math.isnan(v) or not (v <= limit if target[0] == "<=" else v >= limit):
            return False
    return True


def result(name: str, figures: dict, baseline: dict, targets: dict, **extra) -> dict:
    out = {"name": name, "figures": figures, "baseline": baseline,
           "targets": {k: [op, v] for k, (op, v) in targets.items()}}
    out["met"] = check_targets(figures, out["targets"])
    out.update(extra)
    return out


def skipped(name: str, reason: str) -> dict:
    return {"name": name, "skipped": reason}


def emit(res: dict, lines: Iterable[str] = ()) -> None:
    """Print the human lines (what the README shows); with --json, the result as the last line."""
    for ln in lines:
        print(ln, flush=True)
    if "--json" in sys.argv[1:]:
        print(json.dumps(res, ensure_ascii=False), flush=True)
