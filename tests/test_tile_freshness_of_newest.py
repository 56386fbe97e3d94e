"""``Tile.set_freshness_of_newest``: a tile over many entities (a ranking, a list of sites) is as
fresh as the newest of their streams; before any reading it says what the first stream's source
says; with no stream it shows nothing. Real Hub, Store and tile over a real cache file."""

from __future__ import annotations

import time

from console.freshness import Freshness
from console.layouts.layout import TileSpec
from console.model import Entity, Reading, StreamSpec
from tests.tile_context_helpers import live_tile_context
from widgets.tile import Tile


def _sites(n: int) -> list[Entity]:
    return [Entity(f"s{i}", "site", f"Site {i}", streams=(StreamSpec(f"t/s{i}/v", "v", expected_interval_s=60),))
            for i in range(n)]


def test_the_newest_stream_makes_the_tile_fresh_and_none_makes_it_offline(qtbot, tmp_path):
    sites = _sites(3)
    with live_tile_context(tmp_path, sites) as ctx:
        tile = Tile(ctx, TileSpec("tile", 0, 0))
        qtbot.addWidget(tile)
        now = time.time()
        streams = [e.streams[0].id for e in sites]
        assert tile.set_freshness_of_newest(streams, now)
        assert tile.status_label.property("freshness") == Freshness.OFFLINE.value  # no reading yet
        # one stream an hour old, one a few seconds old: the tile is fresh, aged by the newest
        ctx.hub.submit([Reading(streams[0], now - 3600, 1.0), Reading(streams[2], now - 5, 2.0)], source="t")
        assert tile.set_freshness_of_newest(streams, now)
        assert tile.status_label.property("freshness") == Freshness.FRESH.value
        assert abs(tile._freshness_age_s - 5) < 1e-6
        # only the old one counted: the tile is stale
        assert tile.set_freshness_of_newest(streams[:2], now)
        assert tile.status_label.property("freshness") != Freshness.FRESH.value
        assert abs(tile._freshness_age_s - 3600) < 1e-6


def test_no_stream_shows_nothing(qtbot, tmp_path):
    with live_tile_context(tmp_path, _sites(1)) as ctx:
        tile = Tile(ctx, TileSpec("tile", 0, 0))
        qtbot.addWidget(tile)
        before = tile.status_label.text()
        assert not tile.set_freshness_of_newest(iter(()), time.time())
        assert tile.status_label.text() == before
