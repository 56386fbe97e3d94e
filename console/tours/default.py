"""The default tour of a city: the core's opening and closing steps around every plugin's
``tour_steps``, 5 to 8 minutes, looping. Also finds a tour by name or file.

Captions and event parameters may name the city and its main river: ``{city}``,
``{city_en}``, ``{river}``, ``{river_en}``, ``{river_id}`` (Shouguang: 弥河, Mi River, MH).
A step whose layout no loaded plugin provides is left out, and said so; so is a step for other
cities (``cities``: a plugin whose data ships for some only).
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from console.languages import Text
from console.city import City
from console.layouts.layout import Layout
from console.plugins.api import load_object
from console.plugins.api import PluginManifest, load_object
from console.tours.model import Tour, TourError, TourStep, load_tour, parse_step

log = logging.getLogger(__name__)

_DEFAULT_FILE = "default.json"


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def city_fields(city: City, plugins: Iterable[PluginManifest] = ()) -> dict[str, str]:
    """The words captions use: the city's, and each plugin's (manifest ``tour_fields``: the
    flood plugin's {river}, {river_en}, {river_id}); a failing plugin's are left out."""
    fields = {"city": city.name, "city_en": city.name_en, "city_id": city.id}
    for m in plugins:
        if m.tour_fields:
            try:
                fields.update({str(k): str(v) for k, v in load_object(m.tour_fields)(city).items()})
            except Exception:  # noqa: BLE001
                log.exception("tour fields of plugin %s failed", m.name)
    return fields


def fill(data: Any, fields: Mapping[str, str]) -> Any:
    """``data`` with every ``{field}`` in its strings replaced (unknown fields kept)."""
    if isinstance(data, str):
        return data.format_map(_Blank(fields)) if "{" in data else data
    if isinstance(data, list | tuple):
        return [fill(x, fields) for x in data]
    if isinstance(data, dict):
        return {k: fill(v, fields) for k, v in data.items()}
    return data


def resolve_layout(spec: str | tuple[str, ...] | dict[str, Any] | None, layouts: Mapping[str, Layout]) -> Layout | None:
    """The layout a step asks for, if one is loaded (None also when the step keeps the current one)."""
    if spec is None:
        return None
    if isinstance(spec, str):
        return layouts.get(spec)
    if isinstance(spec, dict):
        kinds = set(spec.get("with_tile", ()))
        return next((l for l in layouts.values() if any(t.kind in kinds for t in l.tiles)), None)
    return next((layouts[n] for n in spec if n in layouts), None)


def fit_duration(steps: list[TourStep], min_s: float, max_s: float, floor_s: float = 20.0) -> list[TourStep]:
    """Stretch or shrink the steps so one pass lasts between min_s and max_s: stretched in
    proportion; shrunk so that no step goes under ``floor_s`` (a caption must stay readable, and
    one already shorter keeps its length): the longer steps give the time, each its part above
    the floor in proportion (in proportion, all of them, when the floor cannot hold)."""
    from dataclasses import replace

    total = sum(s.duration_s for s in steps)
    if not steps or min_s <= total <= max_s:
        return steps
    # to a tenth of a second, rounded towards the inside of the range
    cut = math.ceil if total < min_s else math.floor
    if total > max_s:
        fixed = sum(min(s.duration_s, floor_s) for s in steps)
        above = total - fixed
        if above > 0 and fixed < max_s:
            g = (max_s - fixed) / above
            return [s if s.duration_s <= floor_s else replace(s, duration_s=max(floor_s, cut((floor_s + (s.duration_s - floor_s) * g) * 10) / 10))
                    for s in steps]
    factor = (min_s if total < min_s else max_s) / total
    return [replace(s, duration_s=cut(s.duration_s * factor * 10) / 10) for s in steps]


def default_tour(city: City, plugins: Iterable[PluginManifest], layouts: Mapping[str, Layout]) -> tuple[Tour, list[str]]:
    """The city's default tour, and notices about invalid steps (steps whose layout is not loaded are left out)."""
    template = json.loads((resources.files("resources") / "tours" / _DEFAULT_FILE).read_text(encoding="utf-8"))
    plugins = list(plugins)
    fields = city_fields(city, plugins)
    raw: list[tuple[str, Any]] = [(f"{_DEFAULT_FILE}: before[{i}]", s) for i, s in enumerate(template["before"])]
    for m in plugins:
        raw += [(f"plugin {m.name}: tour_steps[{i}]", s) for i, s in enumerate(m.tour_steps)]
    raw += [(f"{_DEFAULT_FILE}: after[{i}]", s) for i, s in enumerate(template["after"])]
    steps: list[TourStep] = []
    notices: list[str] = []
    for origin, data in raw:
        try:
            step = parse_step(fill(data, fields), origin)
        except TourError as exc:
            notices.append(Text("Tour", "导览步骤无效，已跳过：{error}").format(error=str(exc)))
            continue
        if step.cities and city.id not in step.cities:
            log.info("tour step %s left out: only for %s", step.id or origin, ", ".join(step.cities))
            continue
        if step.layout is not None and resolve_layout(step.layout, layouts) is None:
            # expected (no task board loaded, say): the tour is built from what there is
            log.info("tour step %s left out: no layout %r is loaded", step.id or origin, step.layout)
            continue
        steps.append(step)
    if not steps:
        raise TourError(f"{_DEFAULT_FILE}: no step of the default tour has a loaded layout")
    steps = fit_duration(steps, float(template.get("min_s", 300)), float(template.get("max_s", 480)))
    tour = Tour(
        name="default", steps=tuple(steps), title_zh=fill(template.get("title_zh", ""), fields),
        title_en=fill(template.get("title_en", ""), fields), loop=template.get("loop", True),
        attract_s=float(template.get("attract_s", 15)),
    )
    return tour, notices


def find_tour(name: str, city: City, plugins: Iterable[PluginManifest], layouts: Mapping[str, Layout]) -> tuple[Tour, list[str]]:
    """``default``, a tour shipped in resources/tours/ by name, or a tour file."""
    if name == "default":
        return default_tour(city, plugins, layouts)
    path = Path(name)
    if not path.suffix:
        shipped = resources.files("resources") / "tours"
        for ext in (".json", ".toml"):
            if (shipped / f"{name}{ext}").is_file():
                path = Path(str(shipped / f"{name}{ext}"))
                break
    if not path.is_file():
        raise TourError(f"{name}: no such tour (give 'default', a shipped tour's name, or a .json/.toml file)")
    tour = load_tour(path)
    notices = [
        Text("Tour", "导览步骤 {step} 的布局 {layout} 未加载：大屏保持原样").format(step=s.id or i, layout=repr(s.layout))
        for i, s in enumerate(tour.steps) if s.layout is not None and resolve_layout(s.layout, layouts) is None
    ]
    return tour, notices
