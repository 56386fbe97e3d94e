"""A tour on the real window: layouts, focus, caption band, attract card, desk controls,
interruption by a real top alarm; and the caption's CJK glyphs on screen under X."""

from __future__ import annotations

import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QImage, QTextLayout

from console.gui.tour_setup import attach_demo_features
from console.model import Entity, Reading, StreamSpec
from console.tours.player import TourState
from tests.gui_helpers import running_console

ROOT = Path(__file__).resolve().parents[1]


@contextmanager
def touring(qtbot, tmp_path, rate, **options):
    with running_console(qtbot, tmp_path, demo=True, tour="default", **options) as (rt, window, ctx):
        features = attach_demo_features(window, rt, pin="2468" if options.get("kiosk") else None, rate=rate)
        try:
            yield rt, window, features
        finally:
            features.stop()


def test_the_default_tour_plays_every_step_and_loops(qtbot, tmp_path):
    with touring(qtbot, tmp_path, rate=60) as (rt, window, f):
        player, driver = f.driver.player, f.driver
        steps = player.tour.steps
        # (step index, layout on the wall, caption on the band); step 0 is on already
        shown = [(player.index, window.wall.layout_model.name, driver.band.main_label.text())]
        cards = []  # what the wall showed when the attract card came, and after how many steps

        def seen(p, what):
            if what == "step":
                shown.append((p.index, window.wall.layout_model.name, driver.band.main_label.text()))
                assert not driver.attract.isVisible() and driver.band.isVisible()
            elif what == "attract":
                cards.append((len(shown), driver.attract.isVisible(), driver.band.isVisible()))

        player.subscribe(seen)
        qtbot.waitUntil(lambda: len(shown) > len(steps), timeout=30000)
        assert cards == [(len(steps), True, False)]
        assert player.passes == 1
        assert "寿光市" in driver.attract.city_label.text() and "演示" in driver.attract.demo_label.text()  # zh: this runtime has no --tour default of zh+en
        indices = [i for i, _, _ in shown]
        assert indices[: len(steps) + 1] == [*range(len(steps)), 0]
        by_id = {s.id: i for i, s in enumerate(steps)}
        for i, layout, caption in shown[: len(steps)]:
            assert caption == steps[i].caption_zh
        assert shown[by_id["flood.warning"]][1] == "flood-cameras"
        assert shown[by_id["flood.rainstorm"]][1] == "flood-overview"
        # the scenario events reached the flood simulator
        flood = next(s for s in rt.sources if s.name == "flood").simulator
        kinds = [e.type for e in flood.events]
        assert kinds.count("rainstorm") >= 1 and kinds.count("gauge_surge") >= 1
        assert any(e.params["gauge"] == "MH-07" for e in flood.events if e.type == "gauge_surge")


def test_focus_marks_a_tile_and_the_desk_controls_drive_the_player(qtbot, tmp_path):
    with touring(qtbot, tmp_path, rate=0.01) as (rt, window, f):
        player, controls = f.driver.player, f.controls
        assert controls is not None and window.findChild(type(controls), "tourControls") is controls
        storm = next(i for i, s in enumerate(player.tour.steps) if s.id == "flood.rainstorm")
        while player.index < storm:
            controls.skip_action.trigger()
        assert window.wall.layout_model.name == "flood-overview"
        focused = f.driver.focused_tile
        assert focused is not None and focused.kind == "chart" and "border" in focused.styleSheet()
        controls.pause_action.trigger()
        assert player.state == TourState.PAUSED and "暂停" in f.driver.band.mark_label.text()
        controls.play_action.trigger()
        controls.back_action.trigger()
        assert player.index == storm - 1
        controls.live_action.trigger()
        assert player.state == TourState.LIVE and not f.driver.band.isVisible()
        assert window.wall.layout_model is f.driver.live_layout


def test_a_real_top_alarm_interrupts_the_tour_and_shows_live(qtbot, tmp_path):
    with touring(qtbot, tmp_path, rate=0.01) as (rt, window, f):
        player, driver = f.driver.player, f.driver
        driver.player.skip()  # into the rainstorm: flood streams are now the tour's own
        qtbot.wait(200)
        assert player.state == TourState.PLAYING
        # a levee gauge no simulator feeds (a field unit) goes above its guarantee level for real
        gid = "LEVEE-01"
        sid = f"flood/gauge/{gid}/level"
        rt.hub.add_entities([Entity(gid, "gauge", "堤防1号站", 36.8, 118.8, {
            "site": "levee", "base_level": 1.0, "warning_level": 2.0, "guarantee_level": 2.5, "position": 0.0},
            (StreamSpec(sid, "水位", "m", 60.0),))])
        now = rt.clock.now()
        rt.hub.submit([Reading(sid, now + k * 60, 3.2) for k in range(4)])
        qtbot.waitUntil(lambda: player.state == TourState.INTERRUPTED, timeout=10000)
        assert player.interrupting.stream == sid and player.interrupting.severity == 4
        assert window.wall.layout_model is driver.live_layout
        assert driver.band.isVisible() and "中断" in driver.band.main_label.text()
        assert "堤防1号站" in driver.band.second_label.text()
        assert f.controls.play_action.isEnabled()


def _glyphs(text, font):
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine().setLineWidth(100000)
    layout.endLayout()
    return [g for run in layout.glyphRuns() for g in run.glyphIndexes()]


def test_no_caption_or_control_falls_to_an_empty_box(qtbot, tmp_path):
    """Lay the texts out as the band and the toolbar do: glyph 0 is an empty box."""
    assert _glyphs("\ue000", QFont()) == [0]  # the check can fail
    with touring(qtbot, tmp_path, rate=0.01) as (rt, window, f):
        band = f.driver.band
        texts = [(s.caption_zh, band.main_label.font()) for s in f.driver.player.tour.steps]
        texts += [(s.caption_en, band.second_label.font()) for s in f.driver.player.tour.steps]
        texts += [(a.text(), f.controls.font()) for a in f.controls.actions()]
        texts += [(w.text(), w.font()) for w in (f.driver.attract.city_label, f.driver.attract.demo_label)]
        for text, font in texts:
            glyphs = _glyphs(text, font)
            assert glyphs and 0 not in glyphs, f"an empty box in {text!r}"


@pytest.mark.skipif(not os.environ.get("DISPLAY"), reason="needs X (run the suite under xvfb-run)")
def test_caption_band_renders_cjk_in_a_screenshot_under_x(tmp_path):
    png = tmp_path / "tour.png"
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", PYTHONPATH=str(ROOT))
    out = subprocess.run(
        [sys.executable, "-m", "console.app.cli", "--demo", "--tour", "default", "--cache", str(tmp_path / "cache"),
         "--screenshot", str(png), "--in-step", "1", "--size", "1280x720"],
        env=env, capture_output=True, text=True, timeout=400, cwd=ROOT,  # the tour waits for the back-fill
    )
    assert out.returncode == 0, out.stderr[-2000:]
    img = QImage(str(png))
    assert img.width() == 1280
    # the band's top edge: a full-width line in the demo colour, in the lower third
    border = [y for y in range(img.height() * 2 // 3, img.height())
              if all(img.pixelColor(x, y).name() == "#b58cff" for x in range(0, img.width(), 97))]
    assert border, "no caption band"
    top = border[-1] + 1
    bottom = min(top + 150, img.height())
    # the caption's light strokes in the band: many, and in the left part where the Chinese line starts
    light = sum(1 for y in range(top, bottom, 2) for x in range(0, img.width() // 2, 2) if img.pixelColor(x, y).lightness() > 160)
    assert light > 400, f"caption band nearly empty ({light} light pixels)"
