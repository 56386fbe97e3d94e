from console.plugins.api import EntityKind, PluginManifest

PLUGIN = PluginManifest(
    name="weather",
    title="气象站 Weather stations (third party)",
    order=500,
    entity_kinds=(EntityKind("weather_station", "气象站 Weather station", shape="square"),),
    source_kinds={"weather_csv": "cc_weather.csv_source:KIND"},
    tile_kinds={"weather_now": "cc_weather.views.now_tile:WeatherNowTile"},
    layouts=("cc_weather:layouts/weather.json",),
)
