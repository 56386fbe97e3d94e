"""The store's bucketed history: min/max per bucket in SQL, checked against numpy on the same rows."""

from __future__ import annotations

import numpy as np
import pytest

from console.history_view import bucket_s, envelope_arrays, load_envelope
from console.model import Reading

T0 = 1_700_000_000.0


@pytest.fixture
def rows():
    rng = np.random.default_rng(7)
    ts = T0 + 60.0 * np.arange(5000) + rng.uniform(0, 30, 5000)
    ts = ts[(ts < T0 + 60 * 2000) | (ts > T0 + 60 * 2600)]  # ten hours of silence
    v = rng.normal(3.0, 1.0, len(ts))
    return ts, v


def _fill(store, ts, v):
    batch = [Reading("g/a/level", float(t), float(x)) for t, x in zip(ts, v)]
    batch += [Reading("g/a/level", float(ts[10]) + 1.0, None)]  # a reading without a value
    batch += [Reading("g/b/level", float(t), 100.0) for t in ts[::7]]  # another stream: never mixed in
    store.enqueue(batch)
    assert store.flush()


def test_buckets_are_numpys_min_and_max_of_the_same_rows(store, rows):
    ts, v = rows
    _fill(store, ts, v)
    since, until, b = T0 + 1234.5, T0 + 60 * 4500, 977.0
    got = store.history_buckets("g/a/level", since, until, b)
    inside = (ts >= since) & (ts <= until)
    t_in, v_in = ts[inside], v[inside]
    idx = np.floor((t_in - since) / b).astype(int)
    want = []
    for k in np.unique(idx):
        m = idx == k
        extra = 1 if since <= ts[10] + 1.0 <= until and np.floor((ts[10] + 1.0 - since) / b) == k else 0
        t_all = np.append(t_in[m], ts[10] + 1.0) if extra else t_in[m]
        want.append((int(k), t_all.min(), t_all.max(), v_in[m].min(), v_in[m].max(), int(m.sum()) + extra))
    assert [r[0] for r in got] == [w[0] for w in want]  # the same buckets, the silent ones absent
    np.testing.assert_allclose(np.array(got, dtype=float), np.array(want, dtype=float), rtol=0, atol=1e-9)


def test_a_year_of_minutes_comes_back_as_a_few_points_per_pixel(store):
    store.enqueue([Reading("y/s/v", T0 + 60.0 * i, float(i % 1440)) for i in range(0, 525_600, 7)])
    assert store.flush()
    env = load_envelope(store, "y/s/v", T0, T0 + 365 * 86400, pixels=1600)
    assert env.bucket_s == pytest.approx(365 * 86400 / 1600)
    assert len(env.t) <= 2 * 1600 and np.all(np.diff(env.t) >= 0)
    assert env.v.min() == 0.0 and env.v.max() >= 1430.0  # every bucket's extremes kept: the daily range


def test_a_bucket_of_one_reading_is_that_reading_and_an_empty_value_breaks_the_line():
    t, v = envelope_arrays([(0, 10.0, 10.0, 1.5, 1.5, 1), (1, 70.0, 110.0, 0.5, 2.5, 3), (2, 130.0, 130.0, None, None, 1)])
    assert t.tolist() == [10.0, 70.0, 110.0, 130.0]
    assert v[:3].tolist() == [1.5, 0.5, 2.5] and np.isnan(v[3])
    assert envelope_arrays([])[0].size == 0


def test_a_bucket_is_a_pixel_column_within_bounds():
    assert bucket_s(86400, 1920) == pytest.approx(45.0)
    assert bucket_s(6 * 3600, 120) == pytest.approx(21.6)  # a plot not laid out yet: 1000 buckets
    assert bucket_s(365 * 86400, 10_000) == pytest.approx(365 * 86400 / 4000)
    assert bucket_s(86400, 1920, interval_s=60) == 30.0  # a day of minutes: reading by reading


def test_a_day_of_minutes_comes_back_reading_by_reading(store):
    readings = [Reading("d/s/v", T0 + 60.0 * i + (i % 3), float((i * 37) % 11)) for i in range(1440)]
    store.enqueue(readings)
    assert store.flush()
    env = load_envelope(store, "d/s/v", T0, T0 + 86400, pixels=800, interval_s=60)
    assert env.t.tolist() == [r.ts for r in readings] and env.v.tolist() == [r.value for r in readings]
