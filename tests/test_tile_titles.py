"""A title's {fields} never reach the screen as templates: with no entity yet (an empty or
corrupt cache, offline) the field is left out; once entities arrive it is filled."""

from console.gui.history_loader import HistoryLoader
from console.gui.hub_signals import HubSignals
from console.layouts.layout import TileSpec
from console.model import Entity, StreamSpec
from widgets.text_tile import TextTile
from widgets.tile import TileContext

TITLE = "{river} 水位 · {river_en} water levels (m)"


def test_a_title_without_its_entities_leaves_the_field_out_then_fills_it(qtbot, hub):
    ctx = TileContext(hub, HubSignals(hub), HistoryLoader(hub.store))
    options = {"select": {"kind": "gauge"}, "stream": "level", "text": ""}
    tile = TextTile(ctx, TileSpec("text", 0, 0, title=TITLE, options=options))
    qtbot.addWidget(tile)
    assert tile.title_label.text() == "水位 · water levels (m)"
    hub.add_entities([Entity("MH-01", "gauge", "弥河1号站", 36.8, 118.7, {"river": "弥河", "river_en": "Mi River"},
                             (StreamSpec("flood/gauge/MH-01/level", "水位", "m", 60.0),))])
    assert tile._title_text() == "弥河 水位 · Mi River water levels (m)"
    tile.teardown()
    ctx.history.shutdown()
