"""The smart-community indicators (part 3 of the provincial standard) and their weights, as data,
and a community's completed weight against the 80 % line. Qt-free."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True)
class Indicator:
    id: str
    group: str
    name: str
    name_en: str
    weight: float


@dataclass(frozen=True)
class Standard:
    title: str
    bar: float  # the share of the prescribed weight a smart community reaches
    indicators: tuple[Indicator, ...]

    @property
    def total_weight(self) -> float:
        return sum(i.weight for i in self.indicators)


@dataclass(frozen=True)
class Progress:
    done_weight: float  # completed indicators' weight: what the province scores
    building_weight: float  # under way, not yet counted
    total_weight: float
    bar: float

    @property
    def share(self) -> float:
        return self.done_weight / self.total_weight if self.total_weight > 0 else 0.0

    @property
    def meets_bar(self) -> bool:
        return self.share >= self.bar - 1e-9

    @property
    def weight_to_bar(self) -> float:
        """Weight still to complete to reach the line (0 once reached)."""
        return max(0.0, self.bar * self.total_weight - self.done_weight)


def load_standard(text: str | None = None) -> Standard:
    """The shipped indicator table, or ``text`` in its format; a bad table says what is wrong."""
    raw = json.loads(text if text is not None else (resources.files("plugins.community") / "data" / "indicators.json").read_text("utf-8"))
    items = []
    for k, d in enumerate(raw.get("indicators", ())):
        missing = [f for f in ("id", "group", "name", "weight") if f not in d]
        if missing:
            raise ValueError(f"indicators[{k}]: missing {', '.join(missing)}")
        weight = float(d["weight"])
        if weight <= 0:
            raise ValueError(f"indicators[{k}] ({d['id']}): weight must be positive, got {d['weight']!r}")
        items.append(Indicator(str(d["id"]), str(d["group"]), str(d["name"]), str(d.get("name_en", "")), weight))
    ids = [i.id for i in items]
    if len(set(ids)) != len(ids):
        raise ValueError(f"indicators: duplicate ids {sorted({i for i in ids if ids.count(i) > 1})}")
    if not items:
        raise ValueError("indicators: the table is empty")
    bar = float(raw.get("bar", 0.8))
    if not 0 < bar <= 1:
        raise ValueError(f"bar: a share between 0 and 1, got {bar!r}")
    return Standard(str(raw.get("standard", "")), bar, tuple(items))


def progress(standard: Standard, done: tuple[str, ...] | list[str], building: tuple[str, ...] | list[str] = ()) -> Progress:
    """A community's completed weight; an indicator id the table does not know is an error, not a zero."""
    weights = {i.id: i.weight for i in standard.indicators}
    unknown = sorted(set(done) - set(weights)) + sorted(set(building) - set(weights))
    if unknown:
        raise ValueError(f"unknown indicator ids {unknown}: not in {standard.title or 'the indicator table'}")
    both = set(done) & set(building)
    if both:
        raise ValueError(f"indicators {sorted(both)} are both done and under way")
    return Progress(sum(weights[i] for i in set(done)), sum(weights[i] for i in set(building)),
                    standard.total_weight, standard.bar)
