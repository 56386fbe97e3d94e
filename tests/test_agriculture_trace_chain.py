"""The hash chain: canonical JSON, sealing, and verification that names the altered record and field."""

from __future__ import annotations

import copy
from functools import lru_cache

from hypothesis import given, settings
from hypothesis import strategies as st

from plugins.agriculture.trace_chain import GENESIS, canonical_json, seal_chain, sha256_hex, verify_chain
from tests.agri_health_helpers import agri_sim


@lru_cache(maxsize=1)
def chains() -> tuple[list[dict], ...]:
    """A certified batch (6 records) and a failed one (5 records) from the simulator."""
    book = agri_sim().book
    plans = book.plans(19857)
    passed = next(p for p in plans if not p.failed)
    failed = next(p for p in plans if p.failed)
    return book.records(passed), book.records(failed)


def test_canonical_json_is_sorted_compact_utf8():
    assert canonical_json({"b": 1, "a": "寿光", "c": [1.5, None]}) == '{"a":"寿光","b":1,"c":[1.5,null]}'.encode("utf-8")
    assert sha256_hex({"a": 1}) == "015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862"


def test_an_intact_chain_verifies_and_links_each_record_to_the_one_before():
    for chain in chains():
        v = verify_chain(chain)
        assert v.ok and v.records == len(chain) and v.field is None
        assert chain[0]["prev_hash"] == GENESIS
        assert all(b["prev_hash"] == a["hash"] for a, b in zip(chain, chain[1:]))
    types = [r["type"] for r in chains()[0]]
    assert types == ["planting", "inputs", "harvest", "sampling", "certificate", "sale"]
    assert [r["type"] for r in chains()[1]][-2:] == ["sampling", "disposal"]


def _altered(value):
    """A different value of a plausible kind."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, (int, float)):
        return value + 1
    if isinstance(value, str):
        return value + "x" if len(value) != 64 else ("0" if value[0] != "0" else "1") + value[1:]
    if isinstance(value, dict):
        return {**value, "extra": 0.001}
    return [value]


@settings(max_examples=150, deadline=None)
@given(which=st.integers(0, 1), index=st.integers(0, 10), key=st.integers(0, 1000), in_digests=st.booleans())
def test_any_single_altered_field_of_any_record_is_caught_and_named(which, index, key, in_digests):
    chain = copy.deepcopy(chains()[which])
    i = index % len(chain)
    rec = chain[i]
    if in_digests:
        name = sorted(rec["digests"])[key % len(rec["digests"])]
        rec["digests"][name] = _altered(rec["digests"][name])
        expected = f"digests.{name}"
    else:
        name = sorted(rec)[key % len(rec)]
        if name == "digests":
            return  # the digests as a whole: covered entry by entry above
        rec[name] = _altered(rec[name])
        expected = name
    v = verify_chain(chain)
    assert not v.ok
    assert (v.index, v.field) == (i, expected), v.describe()


def test_a_removed_or_added_field_is_named():
    chain = copy.deepcopy(chains()[0])
    del chain[2]["weight_kg"]
    assert (verify_chain(chain).index, verify_chain(chain).field) == (2, "weight_kg")
    chain = copy.deepcopy(chains()[0])
    chain[4]["note"] = "补录 added later"
    assert (verify_chain(chain).index, verify_chain(chain).field) == (4, "note")


def test_a_resealed_record_still_breaks_the_link_to_the_next():
    chain = copy.deepcopy(chains()[0])
    forged = seal_chain([{k: v for k, v in r.items()} for r in chain[:4]])  # same content, sealed anew
    forged[3] = seal_chain([dict({k: v for k, v in chain[3].items() if k not in ("digests", "prev_hash", "hash")}, result="fail")])[0]
    chain[3] = forged[3]
    v = verify_chain(chain)
    assert not v.ok and v.index == 3 and v.field == "prev_hash"


def test_a_dropped_record_breaks_the_chain_at_the_next():
    chain = copy.deepcopy(chains()[0])
    del chain[2]
    v = verify_chain(chain)
    assert (v.ok, v.index, v.field) == (False, 2, "prev_hash")
