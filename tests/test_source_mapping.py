"""The jmespath mapping: platform JSON to readings; bad items counted, never shown as values."""

import math
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from console.sources.json_mapping import JsonMapping, to_epoch

NOW = 1_750_000_000.0

GAUGES = {
    "items": "data.stations[]", "id": "code", "time": "observedAt", "values": {"level": "waterLevel", "flow": "flow"},
    "name": "stationName", "lat": "loc.lat", "lon": "loc.lon", "stream": "flood/gauge/{id}/{value}", "kind": "gauge",
    "units": {"level": "m"}, "expected_interval_s": 300,
}


def test_a_platform_document_becomes_readings_and_entities():
    doc = {"data": {"stations": [
        {"code": "MH-03", "observedAt": "2025-06-15T10:00:00Z", "waterLevel": 1.25, "flow": "12.5",
         "stationName": "弥河三号", "loc": {"lat": 36.88, "lon": 118.74}},
        {"code": 17, "observedAt": 1749981600000, "waterLevel": 0.5, "flow": 3},
    ]}}
    r = JsonMapping(GAUGES, source="city").apply(doc, NOW)
    assert not r.bad
    assert sorted(r.readings) == sorted([
        ("flood/gauge/MH-03/level", 1749981600.0, 1.25, 0), ("flood/gauge/MH-03/flow", 1749981600.0, 12.5, 0),
        ("flood/gauge/17/level", 1749981600.0, 0.5, 0), ("flood/gauge/17/flow", 1749981600.0, 3.0, 0),
    ])
    mh = next(e for e in r.entities if e.id == "MH-03")
    assert (mh.name, mh.kind, mh.lat, mh.lon) == ("弥河三号", "gauge", 36.88, 118.74)
    assert [(s.id, s.unit, s.expected_interval_s) for s in mh.streams] == [
        ("flood/gauge/MH-03/level", "m", 300), ("flood/gauge/MH-03/flow", "", 300)]
    assert next(e for e in r.entities if e.id == "17").has_position is False


def test_bad_values_give_no_reading_and_are_counted_by_reason():
    items = [
        {"code": "A", "observedAt": "2025-06-15T10:00:00Z", "waterLevel": "n/a", "flow": 1},
        {"code": "B", "observedAt": "2025-06-15T10:00:00Z", "waterLevel": True, "flow": None},
        {"code": "C", "observedAt": "2025-06-15T10:00:00Z", "waterLevel": "NaN", "flow": "1e400"},
        {"code": "D", "observedAt": "yesterday", "waterLevel": 1, "flow": 1},
        {"code": "E", "observedAt": 12, "waterLevel": 1, "flow": 1},  # 1970: a clock never set
        {"observedAt": "2025-06-15T10:00:00Z", "waterLevel": 1, "flow": 1},
        {"code": {"x": 1}, "observedAt": "2025-06-15T10:00:00Z", "waterLevel": 1, "flow": 1},
        {"code": "F", "observedAt": "2025-06-15T10:00:00Z", "waterLevel": 2, "flow": 1, "loc": {"lat": 95, "lon": 1}},
    ]
    r = JsonMapping(GAUGES, source="city").apply({"data": {"stations": items}}, NOW)
    assert {(x.stream, x.value) for x in r.readings} == {
        ("flood/gauge/A/flow", 1.0), ("flood/gauge/F/level", 2.0), ("flood/gauge/F/flow", 1.0)}
    assert r.bad == {"value": 5, "time": 2, "id": 2, "position": 1}
    assert not any(x.value == 0 for x in r.readings)
    assert r.examples and len(r.examples) <= 3


def test_missing_items_is_reported_not_an_empty_success():
    r = JsonMapping(GAUGES).apply({"error": "maintenance"}, NOW)
    assert r.readings == [] and r.bad == {"items": 1}


def test_times_local_iso_seconds_milliseconds_and_intervals():
    assert to_epoch("2025-06-15T10:00:00Z") == 1749981600.0
    assert to_epoch("2025-06-15 18:00:00", tz=__import__("zoneinfo").ZoneInfo("Asia/Shanghai")) == 1749981600.0
    assert to_epoch(1749981600000) == to_epoch("1749981600") == to_epoch(1749981600, "s") == 1749981600.0
    assert to_epoch("2025-06-15T09:00:00Z/2025-06-15T10:00:00Z") == 1749981600.0
    assert to_epoch(True) is None and to_epoch("soon") is None and to_epoch(None) is None


def test_plain_payload_and_receive_time():
    m = JsonMapping({"stream": "parking/{1}/free", "_extra_placeholders": ["1"]})
    r = m.apply(" 42 ", NOW, {"1": "P7"})
    assert r.readings == [("parking/P7/free", NOW, 42.0, 0)]
    assert m.apply("offline", NOW, {"1": "P7"}).bad == {"value": 1}


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
    | st.sampled_from(["1.5", "nan", "inf", "-0", "2025-06-15T10:00:00Z", "1e999", " 7 ", "0x10", "１２"]),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4),
    max_leaves=12,
)
items = st.lists(st.fixed_dictionaries(
    {}, optional={"code": json_values, "observedAt": json_values, "waterLevel": json_values, "flow": json_values,
                  "stationName": json_values, "loc": json_values}), max_size=6)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=st.one_of(json_values, st.builds(lambda xs: {"data": {"stations": xs}}, items)))
def test_any_json_never_crashes_and_every_value_is_real(doc):
    r = JsonMapping(GAUGES, source="city").apply(doc, NOW)
    for reading in r.readings:
        assert isinstance(reading.value, float) and math.isfinite(reading.value)
        assert 946684800 <= reading.ts <= NOW + 300  # the hub's 5 minutes of skew
    # every value slot is accounted for: a reading or a counted bad item
    if isinstance(doc, dict) and isinstance(doc.get("data"), dict):
        assert len(r.readings) + sum(r.bad.values()) >= r.items


@settings(max_examples=200, deadline=None)
@given(value=json_values)
def test_a_value_is_either_its_number_or_counted(value):
    r = JsonMapping({"id": "id", "value": "v", "stream": "s/{id}"}).apply([{"id": "x", "v": value}], NOW)
    if r.readings:
        (reading,) = r.readings
        assert not isinstance(value, bool) and float(str(value).strip()) == reading.value
    else:
        assert r.bad["value"] == 1


def test_mapping_is_fast_enough_for_big_documents():
    doc = {"data": {"stations": [{"code": f"G{i}", "observedAt": NOW - 20_000 + i, "waterLevel": i / 7, "flow": i}
                                 for i in range(20_000)]}}
    t0 = time.perf_counter()
    r = JsonMapping(GAUGES).apply(doc, NOW)
    assert len(r.readings) == 40_000
    assert time.perf_counter() - t0 < 5


# mappings whose expressions meet whatever a hostile platform sends: functions on the wrong type,
# projections over scalars, a time out of a nested object
HOSTILE_SPECS = [
    {"items": "data.*[]", "id": "join('-', [code, name])", "time": "max(times)", "value": "sum(levels)", "stream": "x/{id}"},
    {"items": "[]", "id": "keys(@)[0]", "time": "ts.value", "values": {"a": "to_number(a)", "b": "length(b)"},
     "stream": "y/{id}/{value}", "lat": "abs(lat)", "lon": "floor(lon)", "name": "upper(name)"},
    {"items": "sort_by(@, &k)", "id": "k", "value": "avg(v)", "stream": "z/{id}", "time": "starts_with(t, '2')"},
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=json_values, spec=st.sampled_from(HOSTILE_SPECS))
def test_any_json_under_any_mapping_never_raises(doc, spec):
    r = JsonMapping(spec, source="city").apply(doc, NOW)
    assert all(math.isfinite(x.value) for x in r.readings)


def test_a_document_nested_too_deep_is_counted_not_raised():
    doc: list = []
    for _ in range(100_000):
        doc = [doc]
    for spec in [GAUGES, *HOSTILE_SPECS]:
        r = JsonMapping(spec, source="city").apply({"data": {"stations": doc}}, NOW)
        assert r.readings == [] and sum(r.bad.values()) >= 1
