"""Trace records in the cache: written on the store's writer thread, read back and verified;
the demo's tampered batch is caught and named."""

from __future__ import annotations

import json
import sqlite3

from plugins.agriculture import DEMO_TAMPERED_BATCH
from plugins.agriculture.trace_store import TraceService
from tests.agri_health_helpers import T_MORNING, agri_sim


def test_records_round_trip_through_the_cache_and_verify(store):
    svc = TraceService(store)
    records = agri_sim().book.records_between(T_MORNING - 3600, T_MORNING)
    svc.put(records)
    svc.put(records[:5])  # delivered twice: kept once
    assert svc.flush()
    assert svc.count() == len(records)
    batch = next(r["batch"] for r in records if r["type"] == "certificate")
    found = svc.lookup(batch)
    assert found.found and found.verification.ok and found.records[0]["type"] == "planting"
    assert svc.lookup("latest").batch == max((r for r in records if r["type"] == "certificate"), key=lambda r: r["ts"])["batch"]
    assert not svc.lookup("SG0000000000").found
    svc.close()


def test_a_record_altered_in_the_cache_file_is_named(store):
    svc = TraceService(store)
    chain = agri_sim().book.records(agri_sim().book.plans(19857)[0])
    svc.put(chain)
    svc.flush()
    # someone edits the cache file directly: the harvest weight of record 3
    conn = sqlite3.connect(store.path)
    row = conn.execute("SELECT record FROM agri_trace WHERE batch=? AND seq=3", (chain[0]["batch"],)).fetchone()
    rec = json.loads(row[0])
    rec["weight_kg"] += 500
    conn.execute("UPDATE agri_trace SET record=? WHERE batch=? AND seq=3", (json.dumps(rec), chain[0]["batch"]))
    conn.commit()
    conn.close()
    v = svc.lookup(chain[0]["batch"]).verification
    assert (v.ok, v.index, v.field) == (False, 2, "weight_kg")
    svc.close()


def test_the_demo_writes_history_and_the_one_tampered_batch(store):
    from plugins.agriculture.simulator import AgricultureSimulator

    svc = TraceService(store)
    sim = AgricultureSimulator(agri_sim().city, seed=1)
    sim.attach({"agriculture.trace": svc})
    sim.prepare_demo(T_MORNING)
    sim.readings_between(T_MORNING - 3600, T_MORNING)  # back-fill re-delivers: the tampered copy stays
    svc.flush()
    assert svc.count() > 10_000
    tampered = svc.lookup(DEMO_TAMPERED_BATCH)
    assert [r["type"] for r in tampered.records] == ["planting", "inputs", "harvest", "sampling", "disposal"]
    v = tampered.verification
    assert (v.ok, v.index, v.field) == (False, 3, "result")
    assert tampered.records[3]["result"] == "pass"  # what the altered copy claims
    assert tampered.records[3]["residues_mg_kg"]["chlorpyrifos"] > tampered.records[3]["limits_mg_kg"]["chlorpyrifos"]
    assert svc.lookup("latest").verification.ok
    # a scan (from a tour step) is remembered for the viewer
    assert sim.apply_event(__import__("console.sources.simulator", fromlist=["ScenarioEvent"]).ScenarioEvent("scan_batch", T_MORNING, {"batch": DEMO_TAMPERED_BATCH}))
    assert svc.last_scan() == (1, DEMO_TAMPERED_BATCH)
    svc.close()


def test_a_path_only_service_writes_at_once(tmp_path):
    svc = TraceService(tmp_path / "tools.sqlite3")
    svc.put(agri_sim().book.records(agri_sim().book.plans(19857)[1]))
    assert svc.count() >= 5
    svc.close()


def test_the_console_retention_prunes_whole_old_batches(store):
    """The traceability table has history too: the store's retention reaches it through the
    hook the core offers, and a batch goes whole (half a chain would read as tampered)."""
    svc = TraceService(store)
    records = agri_sim().book.records_between(T_MORNING - 3 * 86400, T_MORNING)
    svc.put(records)
    assert svc.flush()
    newest = {}
    for r in records:
        newest[r["batch"]] = max(newest.get(r["batch"], r["ts"]), r["ts"])
    store.retention_days = 1
    cut = T_MORNING - 86400
    store._prune(store._durable, T_MORNING)
    kept = {b for b, ts in newest.items() if ts >= cut}
    assert 0 < len(kept) < len(newest)
    assert svc.count() == sum(1 for r in records if r["batch"] in kept)
    for batch in list(kept)[:20]:
        assert svc.lookup(batch).verification.ok
    svc.close()


def test_a_closed_service_is_left_alone_by_the_retention(store):
    svc = TraceService(store)
    svc.put(agri_sim().book.records_between(T_MORNING - 3 * 86400, T_MORNING))
    assert svc.flush()
    svc.close()
    assert svc.prune(T_MORNING + 86400) == 0 and svc._write_conn is None
