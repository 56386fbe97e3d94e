"""A figure's Chinese counter word and a plugin's own names for its entities and streams are
shown in the interface's language (through the shipped catalog); proper names stay as given."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from console.figures import format_value
from console.gui.i18n import install_translators
from widgets.translation import name_shown, shown


def _in(lang, fn):
    app = QApplication.instance()
    translators = install_translators(app, lang)
    try:
        return fn()
    finally:
        for t in translators:
            app.removeTranslator(t)


def test_counter_words_and_plugin_names_in_each_language(qapp):
    queue = format_value(264.0, decimals=0, unit="人")
    revenue = format_value(7299.0, decimals=0, unit="元")
    assert str(queue) == "264 人" and format_value(3.5, decimals=1, unit="MW") == "3.5 MW"
    assert _in("en", lambda: (shown(queue), shown(revenue))) == ("264 people", "¥7299")
    assert _in("zh", lambda: shown(queue)) == "264 人"
    assert _in("zh+en", lambda: shown(queue)) == "264 人 people"
    assert _in("en", lambda: [name_shown(n) for n in ("冷库", "今日全市负荷", "弥河1号站")]) == \
        ["Cold stores", "City load today", "弥河1号站"]
    assert _in("zh", lambda: name_shown("冷库")) == "冷库"


def test_the_plugins_map_labels_in_each_language(qapp, tmp_path):
    """A layer builder's label (a Text) reaches the map in the interface's language, the car park's
    and the stop's names as the data gives them."""
    import time

    from console.city import load_city
    from console.hub.hub import Hub
    from console.model import Reading
    from console.store.store import Store
    from plugins.parking.layers import carpark_occupancy
    from plugins.parking.simulator import ParkingSimulator
    from widgets.map_tile import _layered_shown

    store = Store(tmp_path / "c.sqlite3", retention_days=None)
    hub = Hub(store)
    park = next(e for e in ParkingSimulator(load_city("shouguang")).entities() if e.kind == "carpark")
    hub.add_entities([park])
    hub.submit([Reading(f"parking/carpark/{park.id}/free", time.time(), 12.0)])
    label = carpark_occupancy(hub)[park.id]["label"]
    assert str(label) == f"{park.name} 空位 12/{park.attrs['capacity']}"
    try:
        en = _in("en", lambda: _layered_shown(hub, (carpark_occupancy,))[park.id].label)
        zh = _in("zh", lambda: _layered_shown(hub, (carpark_occupancy,))[park.id].label)
    finally:
        store.close()
    assert en == f"{park.name} 12/{park.attrs['capacity']} free" and zh == str(label)
