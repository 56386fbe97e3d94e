"""Every hand-written file goes through one loader: any fault is "FILE: key.path: what is wrong"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from console.layouts.layout import LayoutError, load_layout
from console.tours.model import TourError, load_tour
from console.wall.wall_config import WallConfigError, load_wall_config

LAYOUT = {"name": "x", "grid": {"rows": 2, "columns": 2},
          "tiles": [{"kind": "text", "row": 0, "col": 0}, {"kind": "text", "row": 1, "col": 1}]}
TOUR = Path(__file__).parent.parent / "resources" / "tours" / "default.json"


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


@pytest.mark.parametrize("loader, error", [(load_layout, LayoutError), (load_tour, TourError),
                                           (load_wall_config, WallConfigError)])
@pytest.mark.parametrize("suffix", ["json", "toml"])
def test_nesting_too_deep_is_a_message_not_a_crash(tmp_path, loader, error, suffix):
    text = ("[" * 100_000 + "]" * 100_000) if suffix == "json" else "a = " + "[" * 100_000 + "]" * 100_000
    p = write(tmp_path, f"deep.{suffix}", text)
    with pytest.raises(error, match=rf"^{p}: .*(nested too deep|invalid TOML)"):
        loader(p)


def test_moderate_nesting_is_named_with_its_key_path(tmp_path):
    deep: dict = {}
    for _ in range(100):
        deep = {"k": deep}
    p = write(tmp_path, "l.json", json.dumps({**LAYOUT, "extra": deep}))
    with pytest.raises(LayoutError, match=rf"^{p}: extra\.k\.k.*nested too deep"):
        load_layout(p)


def test_a_row_of_1_0_is_not_an_integer(tmp_path):
    bad = json.loads(json.dumps(LAYOUT))
    bad["tiles"][1]["row"] = 1.0
    p = write(tmp_path, "l.json", json.dumps(bad))
    with pytest.raises(LayoutError, match=rf"^{p}: tiles\[1\]\.row: 1\.0 is not of type 'integer'"):
        load_layout(p)


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_json_nan_and_infinity_are_refused(tmp_path, constant):
    tour = json.loads(TOUR.read_text(encoding="utf-8"))
    text = json.dumps(tour).replace('"duration_s": ', f'"duration_s": {constant}, "x": ', 1)
    p = write(tmp_path, "t.json", text)
    with pytest.raises(TourError, match=rf"^{p}: {constant} is not a number a file may hold"):
        load_tour(p)


def test_toml_nan_is_refused_with_its_key(tmp_path):
    p = write(tmp_path, "w.toml", 'x = 1\n[[screens]]\nid = "a"\nweight = nan\n')
    with pytest.raises(WallConfigError, match=rf"^{p}: screens\[0\]\.weight: nan is not a number"):
        load_wall_config(p)
