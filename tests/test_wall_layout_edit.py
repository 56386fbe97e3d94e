"""Layout editing as pure operations: every edit validated, undoable, and a save loads back equal."""

import pytest

from console.layouts.layout import Layout, TileSpec, load_layout
from console.wall.layout_edit import EditError, LayoutEdit


def _layout() -> Layout:
    return Layout("base", 2, 3, (TileSpec("kpi", 0, 0, options={"metric": "max"}), TileSpec("chart", 1, 0, 1, 3)), "Base")


def test_edit_ops_save_and_load_back_equal(tmp_path):
    ed = LayoutEdit(_layout())
    i = ed.add("alarms", 0, 1, title="报警 Alarms")
    ed.resize(i, 1, 2)
    ed.move(0, 0, 0)
    ed.set_options(0, {"metric": "above", "select": {"kind": "gauge"}, "severity": 3})
    ed.set_title(0, "超警戒 Above warning")
    ed.remove(1)
    path = ed.save_as(tmp_path / "layouts", "河道 night-wall", "Night wall")
    assert path.name == "河道-night-wall.json" and path.exists()
    assert not path.with_suffix(".json.tmp").exists()
    loaded = load_layout(path)
    assert loaded.to_dict() == ed.layout.to_dict()
    assert [t.kind for t in loaded.tiles] == ["kpi", "alarms"]
    assert loaded.tiles[1] == TileSpec("alarms", 0, 1, 1, 2, "报警 Alarms")
    assert loaded.tiles[0].options["severity"] == 3 and loaded.name == "河道 night-wall"


@pytest.mark.parametrize(
    "op, message",
    [
        (lambda ed: ed.add("kpi", 1, 1), "overlaps tiles[1]"),
        (lambda ed: ed.move(0, 1, 2), "tiles[1]: overlaps tiles[0] at row 1, column 2"),
        (lambda ed: ed.resize(0, 1, 4), "tiles[0].colspan"),
        (lambda ed: ed.move(0, 2, 0), "tiles[0].rowspan"),
        (lambda ed: ed.remove(5), "tiles[5]: no such tile"),
        (lambda ed: ed.set_grid(1, 3), "tiles[1].rowspan"),
        (lambda ed: ed.resize(0, 0, 1), "tiles[0].rowspan"),
    ],
)
def test_a_refused_edit_names_the_tile_and_changes_nothing(op, message):
    ed = LayoutEdit(_layout())
    before = ed.layout
    with pytest.raises(EditError, match=message.replace("[", r"\[").replace("]", r"\]")):
        op(ed)
    assert ed.layout == before and not ed.can_undo


def test_undo_and_redo_walk_the_edits():
    ed = LayoutEdit(_layout())
    first = ed.layout
    ed.move(0, 0, 2)
    moved = ed.layout
    ed.remove(1)
    assert len(ed.layout.tiles) == 1
    assert ed.undo() and ed.layout == moved
    assert ed.undo() and ed.layout == first
    assert not ed.undo()
    assert ed.redo() and ed.layout == moved
    ed.add("kpi", 0, 0)  # a new edit drops the redo branch
    assert not ed.can_redo


def test_free_cell_and_tile_at():
    ed = LayoutEdit(_layout())
    assert ed.tile_at(1, 2) == 1 and ed.tile_at(0, 1) is None
    assert ed.free_cell() == (0, 1)
    ed.set_grid(3, 3)
    ed.add("kpi", 0, 1, 1, 2)
    assert ed.free_cell() == (2, 0)
