"""The latest temperature of each station, large."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout

from widgets.tile import Tile


class WeatherNowTile(Tile):
    kind = "weather_now"
    options_schema = {"type": "object", "properties": {"streams": {"type": "array", "items": {"type": "string"}}}}
    example_options = {"streams": ["weather/station/*/temp_c"]}

    def __init__(self, ctx, spec) -> None:
        super().__init__(ctx, spec)
        box = QVBoxLayout(self.body)
        self.value_label = QLabel("—")
        box.addWidget(self.value_label)
        self._subscribed: list[str] = []
        self._refresh()

    def _refresh(self) -> None:
        streams = self.streams()
        if streams != self._subscribed:
            self._subscribed = streams
            self.subscribe(streams)
        parts = []
        for sid in streams:
            r = self.ctx.hub.latest(sid)
            if r is not None:
                parts.append(f"{sid.split('/')[2]} {r.value:.1f} °C")
        self.value_label.setText(" · ".join(parts) or "—")

    def on_readings(self, readings) -> None:
        self._refresh()

    def on_second(self, now: float) -> None:
        self._refresh()
