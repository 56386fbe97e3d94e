"""Operator identity: hashes, roles, lockout, idle logout; the users and audit commands."""

from __future__ import annotations

import csv
import io
import sqlite3

import pytest

from console.audit.trail import export_csv, parse_since
from console.audit.auth import LOCKOUT_S, MAX_FAILURES, AuthError, LockedOut, Session, UserDirectory, hash_password, verify_password
from console.app.cli import main
from console.store.store import Store
from tests.test_alarm_states import T0, FakeClock


@pytest.fixture
def world(tmp_path):
    clock = FakeClock(T0)
    store = Store(tmp_path / "shouguang.sqlite3", retention_days=None)
    users = UserDirectory(store.path, audit=store.audit, clock=clock.now, scrypt_n=2**14)  # N=2^17: test_security_auth
    users.add("王工", "operator", "correct horse")
    users.add("李主任", "admin", "battery staple")
    users.add("访客", "viewer", "just looking")
    yield clock, store, users
    users.close()
    store.close()


def test_passwords_are_salted_hashes():
    a, b = hash_password("correct horse"), hash_password("correct horse")
    assert a != b and "correct" not in a and a.startswith("scrypt$")
    assert verify_password("correct horse", a) and not verify_password("correct hors", a)
    assert not verify_password("x", "md5$abc")


def test_the_file_holds_no_password(world):
    _, store, _ = world
    (stored,) = sqlite3.connect(store.path).execute("SELECT password FROM users WHERE name = '王工'").fetchone()
    assert "horse" not in stored and verify_password("correct horse", stored)


def test_roles_decide_what_a_session_may_do(world):
    clock, store, users = world
    s = Session(clock=clock.now)
    assert not s.can("alarm.ack") and s.role == "viewer"
    s.login(users, "访客", "just looking")
    assert s.logged_in and not s.can("alarm.ack")
    s.login(users, "王工", "correct horse")
    assert s.can("alarm.ack") and s.can("alarm.shelve") and s.can("layout.edit") and s.can("task.edit")
    assert not s.can("user.manage")
    s.login(users, "李主任", "battery staple")
    assert s.can("user.manage") and s.can("alarm.ack")


def test_five_failures_lock_the_name_for_five_minutes_even_across_a_restart(world, tmp_path):
    clock, store, users = world
    s = Session(clock=clock.now)
    for _ in range(MAX_FAILURES):
        with pytest.raises(AuthError, match="用户名或密码错误"):
            s.login(users, "王工", "guess")
    with pytest.raises(LockedOut, match="请 5 min 后再试"):
        s.login(users, "王工", "correct horse")  # even the right password
    again = UserDirectory(store.path, clock=clock.now, scrypt_n=2**14)  # a restart does not lift the lock
    with pytest.raises(LockedOut):
        again.authenticate("王工", "correct horse")
    again.close()
    clock.t += LOCKOUT_S + 1
    s.login(users, "王工", "correct horse")
    assert s.user == "王工"
    s.logout()
    for _ in range(MAX_FAILURES - 1):  # a success reset the count
        with pytest.raises(AuthError):
            s.login(users, "王工", "guess")
    s.login(users, "王工", "correct horse")
    outcomes = [o for (o,) in store.query("SELECT outcome FROM audit WHERE action = 'auth.login' AND user = '王工' ORDER BY id")]
    assert outcomes[:MAX_FAILURES + 1] == ["denied: wrong name or password"] * MAX_FAILURES + ["denied: locked for 5 min"]
    assert outcomes.count("ok") == 2


def test_an_unknown_name_fails_like_a_wrong_password(world):
    clock, store, users = world
    with pytest.raises(AuthError) as exc:
        users.authenticate("nobody", "x")
    assert "用户名或密码错误" in str(exc.value)


def test_idle_logout_but_not_for_the_demo_auto_login(world):
    clock, store, users = world
    s = Session(idle_timeout_s=600, audit=store.audit, clock=clock.now)
    s.login(users, "王工", "correct horse")
    rev = s.revision
    clock.t += 500
    s.touch()
    clock.t += 500
    assert not s.check_idle() and s.logged_in
    clock.t += 101
    assert s.check_idle() and not s.logged_in and s.revision > rev and s.last_logout_reason == "idle"
    s.login_auto("demo", "operator")
    clock.t += 86400
    assert not s.check_idle() and s.can("alarm.ack") and s.auto
    assert ("王工", "auth.logout", '{"reason": "idle"}') in store.query("SELECT user, action, detail FROM audit")


def test_users_add_from_the_command_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("long enough pw\n"))
    assert main(["users", "add", "张三", "--role", "operator", "--password-stdin", "--cache", str(tmp_path)]) == 0
    users = UserDirectory(tmp_path / "shouguang.sqlite3")
    assert users.authenticate("张三", "long enough pw") == "operator"
    users.close()
    rows = sqlite3.connect(tmp_path / "shouguang.sqlite3").execute("SELECT user, action, target FROM audit").fetchall()
    assert rows[0][0].startswith("cli:") and rows[0][1:] == ("user.add", "user:张三")
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["users", "add", "李四", "--role", "operator", "--password-stdin", "--cache", str(tmp_path)]) == 2
    assert "at least 8" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["users", "add", "x", "--role", "superuser", "--cache", str(tmp_path)])


def test_audit_export_writes_every_action_with_its_outcome(world, tmp_path, capsys):
    clock, store, users = world
    store.audit("王工", "alarm.ack", "alarm:7", {"rule": "flood.above_warning"}, outcome="ok", ts=T0 - 3 * 86400)
    store.audit("王工", "alarm.shelve", "alarm:8", {"reason": "检修 maintenance"}, outcome="ok", ts=T0 - 3600)
    store.audit("访客", "alarm.ack", "alarm:8", "", outcome="denied: not permitted", ts=T0 - 60)
    out = tmp_path / "audit.csv"
    assert export_csv(store.path, out) == 3
    with open(out, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [(r["user"], r["event"], r["outcome"]) for r in rows] == [
        ("王工", "alarm.ack", "ok"), ("王工", "alarm.shelve", "ok"), ("访客", "alarm.ack", "denied: not permitted")]
    assert rows[1]["detail"] == "reason=检修 maintenance" and rows[0]["time"].startswith("20")
    assert export_csv(store.path, out, since=T0 - 86400) == 2
    assert main(["audit", "export", "-o", str(out), "--since", "2h", "--cache", str(tmp_path)]) == 0
    assert "rows)" in capsys.readouterr().out
    assert main(["audit", "export", "-o", str(out), "--since", "soon", "--cache", str(tmp_path)]) == 2


def test_since_takes_relative_and_absolute_times():
    assert parse_since("24h", now=T0) == T0 - 86400
    assert parse_since("30m", now=T0) == T0 - 1800
    assert parse_since("2026-06-01T08:00+08:00") == 1780272000.0
    with pytest.raises(ValueError, match="--since"):
        parse_since("last week")


def test_logging_in_at_the_desk_through_the_dialog(qtbot, world):
    from console.gui.hub_signals import HubSignals
    from console.gui.login_dialog import SessionBar
    from console.hub.hub import Hub

    clock, store, users = world
    session = Session(idle_timeout_s=600, clock=clock.now)
    signals = HubSignals(Hub(store))
    bar = SessionBar(session, users, signals)
    qtbot.addWidget(bar)
    try:
        assert "未登录" in bar.label.text()
        bar.button.click()
        dialog = bar.dialog
        assert dialog.isVisible()  # opened with open(): no nested event loop
        dialog.name_edit.setText("王工")
        dialog.password_edit.setText("wrong one")
        dialog.check()
        qtbot.waitUntil(lambda: "用户名或密码错误" in dialog.message_label.text())
        assert not session.logged_in and dialog.isVisible()
        dialog.password_edit.setText("correct horse")
        with qtbot.waitSignal(dialog.accepted):
            dialog.check()
        assert session.user == "王工" and "王工" in bar.label.text() and "值班员" in bar.label.text()
        clock.t += 601
        signals.sig_second_ticked.emit(clock.t)
        assert not session.logged_in and "闲置已退出" in bar.label.text()
        session.login_auto("demo", "operator")
        bar.tick()
        assert "演示自动登录" in bar.label.text()
    finally:
        bar.teardown(signals)
