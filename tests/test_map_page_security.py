"""The map page as an attacker would try it, in a real web engine under X (Xvfb, xcb) in a
subprocess: a script in the page cannot read local files, a layout's attribution with an
``onerror`` image stays words, an entity named ``<!--<script>`` / ``</script>`` does not
break the page's script, and the Content-Security-Policy comes with every cmap:// response
(a page served without the <meta> still refuses an inline script)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

SCRIPT = r"""
import json, sys, time
from pathlib import Path
from console.gui.app import _prepare_environment
_prepare_environment()
import widgets._map_scheme
from PySide6.QtWidgets import QApplication
app = QApplication([])
from console.city import load_city
from console.gui.history_loader import HistoryLoader
from console.gui.hub_signals import HubSignals
from console.hub.hub import Hub
from console.layouts.layout import TileSpec
from console.model import Entity
from console.store.store import Store
from layers.mbtiles import MBTiles
from widgets.map_tile import MapTile
from widgets.tile import TileContext

tmp = Path(sys.argv[1])
store = Store(tmp / "cache.sqlite3")
hub = Hub(store)
hub.add_entities([Entity("evil-1", "gauge", "<!--<script> </script><script>window.pwned=1</script>\u2028x", 36.88, 118.74)])
signals = HubSignals(hub, interval_ms=50)
history = HistoryLoader(store)
signals.start()
ctx = TileContext(hub, signals, history, city="shouguang")
MBTiles(tmp / "base.mbtiles", writable=True).close()
attribution = '<img src="cmap://app/x" onerror="window.pwned=2">© evil'
tile = MapTile(ctx, TileSpec("map", 0, 0, title="map", options={"tiles": {"mbtiles": str(tmp / "base.mbtiles"), "attribution": attribution}}))
tile.resize(900, 700)
tile.show()


def wait(cond, limit=60.0):
    end = time.monotonic() + limit
    while time.monotonic() < end:
        app.processEvents()
        got = cond()
        if got:
            return got
        time.sleep(0.02)
    raise SystemExit("timed out")


def js(page, script):
    box = {}
    page.runJavaScript(f"JSON.stringify({script})", 0, lambda r: box.setdefault("r", r))
    wait(lambda: "r" in box)
    return None if box["r"] in (None, "undefined") else json.loads(box["r"])


out = {}
wait(lambda: tile.loaded)
try:
    wait(lambda: js(tile.page, "window.ccReady === true"), 20)
    out["ready"] = True
except SystemExit:
    out["ready"] = False
js(tile.page, "(function(){window._f={};"
   "fetch('file:///etc/passwd').then(function(r){return r.text()}).then(function(t){window._f.fetch='read ' + t.length},"
   "function(e){window._f.fetch='refused'});"
   "try{var x=new XMLHttpRequest();x.open('GET','file:///etc/hostname');x.onload=function(){window._f.xhr='read'};"
   "x.onerror=function(){window._f.xhr='refused'};x.send()}catch(e){window._f.xhr='refused'}"
   "return true})()")
wait(lambda: len(js(tile.page, "window._f") or {}) == 2)
out["file"] = js(tile.page, "window._f")
out["attribution_text"] = js(tile.page, "document.querySelector('.leaflet-control-attribution').textContent")
out["attribution_imgs"] = js(tile.page, "document.querySelectorAll('.leaflet-control-attribution img').length")
out["pwned"] = js(tile.page, "window.pwned || 0")
out["markers"] = js(tile.page, "cc.stats().markers")

# the header, not the <meta>: a page of the handler's without the meta tag still refuses inline script
from PySide6.QtWebEngineCore import QWebEnginePage
bare = QWebEnginePage(tile.page.profile())
done = []
bare.loadFinished.connect(done.append)
bare.load(tile._handler.add_page("<!DOCTYPE html><html><body><script>window.inlineRan = 1</script>"
                                 "<div id='d'></div></body></html>"))
wait(lambda: done)
out["bare_inline_ran"] = js(bare, "window.inlineRan || 0")
del bare
print("RESULT " + json.dumps(out))
tile.teardown()
signals.stop()
history.shutdown()
store.close()
"""


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    if not os.environ.get("DISPLAY"):
        pytest.skip("needs an X display (run under xvfb-run)")
    tmp = tmp_path_factory.mktemp("mapsec")
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp)], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=180)
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")), None)
    assert line, f"exit {proc.returncode}\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}"
    return json.loads(line.removeprefix("RESULT "))


def test_a_page_script_cannot_read_local_files(result):
    assert result["file"] == {"fetch": "refused", "xhr": "refused"}


def test_an_attribution_with_an_onerror_image_is_shown_as_text(result):
    assert result["attribution_imgs"] == 0
    assert '<img src="cmap://app/x" onerror="window.pwned=2">© evil' in result["attribution_text"]
    assert result["pwned"] == 0


def test_an_entity_named_like_a_script_tag_leaves_the_page_working(result):
    assert result["ready"] is True and result["markers"] == 1


def test_the_policy_comes_with_every_response_not_only_the_meta_tag(result):
    assert result["bare_inline_ran"] == 0
