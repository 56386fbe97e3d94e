"""A transformer overload, raised by the real rule engine in a running console, takes the wall
with the energy plugin's content: what the wall shows, read from its dumped state."""

import pytest

import widgets._map_scheme  # noqa: F401  (before the QApplication: the takeover layout has a map)

from console.gui.state_dump import wall_state
from console.model import Reading
from console.wall.wall_config import parse_wall_config
from tests.gui_helpers import desk_console


# the takeover's map starts QtWebEngine, which probes for a GPU this headless machine lacks
@pytest.mark.qt_log_ignore("^QRhiGles2: Failed to create", "^Failed to create RHI", "^GBM is not supported")
def test_a_transformer_overload_takes_the_wall_with_its_load_curve_cameras_and_steps(qtbot, tmp_path):
    from console.city import load_city
    from plugins.energy.cameras import GridCameras
    from plugins.energy.simulator import EnergySimulator

    wall = parse_wall_config({
        "screens": [{"id": "main", "span": True, "fullscreen": False, "layout": "flood-overview"}],
        "takeover": {"min_severity": 3, "return_after_s": 60},
    })
    with desk_console(qtbot, tmp_path, wall) as (rt, window, desk):
        city = load_city("shouguang")
        ents = [*EnergySimulator(city, seed=1).entities(), *GridCameras(city, seed=1).entities()]
        rt.hub.add_entities(ents, persist=False)
        t = rt.hub.entities["T1000"]
        stream = t.streams[0].id
        rt.hub.register_source("test-terminals", [stream]).live = True
        now = rt.clock.now()
        rt.hub.submit([Reading(stream, now - 1800 + 600 * k, t.attrs["rated_kw"] * 1.25) for k in range(3)], source="test-terminals")
        assert rt.store.flush()
        (alarm,) = [a for a in rt.alarms.open_alarms() if a.rule == "energy.overload"]

        screen = desk.windows.windows["main"]
        qtbot.waitUntil(lambda: screen.layout_model is not None and screen.layout_model.name == "takeover:T1000", timeout=15000)

        def main_screen():
            return next(s for s in wall_state(window, rt)["screens"] if s["name"] == "main")

        qtbot.waitUntil(lambda: len(main_screen()["tiles"]) == 4)  # a new grid's tiles show on the next turn
        state = main_screen()
        tiles = {tile["kind"]: tile for tile in state["tiles"]}
        assert set(tiles) == {"chart", "map", "cameras", "text"}
        assert tiles["chart"]["title"] == f"{t.name} · 负荷曲线"
        assert tiles["cameras"]["title"].startswith(f"{t.name} · 配网现场摄像机")  # then its page
        cams = [c for c in rt.hub.entities.values() if c.kind == "camera"]
        assert cams and all(c.attrs["domain"] == "energy" for c in cams)
        chosen = screen.layout_model.tiles[2].options["select"]["ids"]
        assert tiles["cameras"]["cameras"] == [rt.hub.entities[c].name for c in chosen]  # nearest first, by name
        steps = " ".join(tiles["text"]["texts"])
        assert alarm.message in steps and rt.alarms.guidance(alarm)[0] in steps
        everything = " ".join([tile["title"] for tile in state["tiles"]] + [x for tile in state["tiles"] for x in tile["texts"]])
        assert "过程线" not in everything and "Hydrograph" not in everything and "河道" not in everything
