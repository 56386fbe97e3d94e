import json

import pytest

from console.layouts.layout import LayoutError, load_layout, parse_layout, save_layout

GOOD = {
    "name": "t",
    "title": "Test",
    "grid": {"rows": 2, "columns": 3, "row_stretch": [1, 2]},
    "tiles": [
        {"kind": "kpi", "row": 0, "col": 0, "options": {"metric": "max"}},
        {"kind": "chart", "row": 0, "col": 1, "rowspan": 2, "colspan": 2, "title": "c"},
    ],
}


def test_a_good_layout_round_trips(tmp_path):
    layout = parse_layout(GOOD, "good")
    assert (layout.rows, layout.columns, len(layout.tiles)) == (2, 3, 2)
    assert layout.tiles[1].colspan == 2 and layout.row_stretch == (1, 2)
    save_layout(layout, tmp_path / "l.json")
    assert load_layout(tmp_path / "l.json").to_dict() == layout.to_dict()


def test_toml_layout(tmp_path):
    p = tmp_path / "l.toml"
    p.write_text(
        'name = "t"\n[grid]\nrows = 1\ncolumns = 2\n[[tiles]]\nkind = "kpi"\nrow = 0\ncol = 1\n[tiles.options]\nmetric = "max"\n',
        encoding="utf-8",
    )
    layout = load_layout(p)
    assert layout.tiles[0].options == {"metric": "max"} and layout.tiles[0].col == 1


@pytest.mark.parametrize(
    "mutate, key",
    [
        (lambda d: d["tiles"][1].__setitem__("rowspan", "2"), "tiles[1].rowspan"),
        (lambda d: d["tiles"][0].pop("kind"), "tiles[0]"),
        (lambda d: d["tiles"][0].__setitem__("colour", "red"), "tiles[0].colour"),
        (lambda d: d["grid"].__setitem__("rows", 0), "grid.rows"),
        (lambda d: d["tiles"][1].__setitem__("colspan", 3), "tiles[1].colspan"),
        (lambda d: d["tiles"][0].__setitem__("col", 1), "tiles[1]: overlaps tiles[0]"),
        (lambda d: d["grid"].__setitem__("row_stretch", [1]), "grid.row_stretch"),
    ],
)
def test_a_bad_layout_names_the_file_and_the_key(tmp_path, mutate, key):
    data = json.loads(json.dumps(GOOD))
    mutate(data)
    p = tmp_path / "bad.json"
    p.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(LayoutError) as err:
        load_layout(p)
    assert str(p) in str(err.value) and key in str(err.value)


def test_broken_json_names_the_line(tmp_path):
    p = tmp_path / "broken.json"
    p.write_text('{\n "name": "x",\n "grid": {"rows": 1,,}\n}', encoding="utf-8")
    with pytest.raises(LayoutError, match=r"broken\.json: line 3"):
        load_layout(p)


def test_missing_and_binary_files(tmp_path):
    with pytest.raises(LayoutError, match="cannot read"):
        load_layout(tmp_path / "nope.json")
    p = tmp_path / "bin.json"
    p.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(LayoutError, match="not UTF-8"):
        load_layout(p)


def test_shipped_layouts_are_valid():
    from importlib import resources

    from console.plugins.registry import PluginRegistry

    reg = PluginRegistry.discover()
    n = 0
    for m in reg.plugins.values():
        for ref in m.layouts:
            pkg, _, rel = ref.partition(":")
            parse_layout(json.loads((resources.files(pkg) / rel).read_text(encoding="utf-8")), ref)
            n += 1
    assert n >= 1
