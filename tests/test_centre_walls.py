"""The centre's walls seen and driven from elsewhere, on a real mosquitto with real desk
subprocesses: a tile of a layout sent to another console's screen (shown big there, audited
there), every desk's miniature of the other walls following what they show, and a wall command
that nobody answers said as such, by the CLI (exit code 4) and by the desk (a notice)."""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from console.audit.auth import UserDirectory
from console.centre.broker import Broker
from console.centre.mirror import CentreAlarms, Member
from console.centre.wall_overview import remote_walls
from console.centre.wire import console_id
from tests.source_servers import Mosquitto, wait_until

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def centre(tmp_path):
    (tmp_path / "broker").mkdir()
    broker = Mosquitto(tmp_path / "broker").start()
    watcher = CentreAlarms(Broker.parse(f"mqtt://127.0.0.1:{broker.port}"), "寿光", "watcher").start()
    assert watcher.connected.wait(10)
    settings = tmp_path / "desk.toml"
    settings.write_text(f'[centre]\nname = "寿光"\nbroker = "mqtt://127.0.0.1:{broker.port}"\n', encoding="utf-8")
    yield broker, watcher, settings
    watcher.stop()
    broker.stop()


def _operators(cache: Path) -> None:
    users = UserDirectory(cache / "shouguang.sqlite3", scrypt_n=2**10)
    users.add("王工", "operator", "correct horse 1")
    users.close()


def _cli(*args, stdin: str = ""):
    return subprocess.run([sys.executable, "-m", "console", *args], cwd=ROOT, input=stdin, capture_output=True,
                          text=True, timeout=90, env=dict(os.environ, PYTHONPATH=str(ROOT)))


def _desk(tmp_path: Path, name: str, settings: Path, layout: str, after: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "console", "--offline", "--settings", str(settings), "--cache", str(tmp_path / name),
         "--layout", layout, "--screenshot", str(tmp_path / f"{name}.png"), "--dump-state", str(tmp_path / f"{name}.json"),
         "--after", str(after)],
        cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen"),
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def _send(settings: Path, cache: Path, wall: str, op: str, arg: str, *extra: str):
    return _cli("wall", "send", wall, op, arg, "--screen", "desk", "--user", "王工", "--password-stdin",
                "--settings", str(settings), "--cache", str(cache), *extra, stdin="correct horse 1\n")


def test_a_tile_goes_to_another_consoles_screen_and_every_desk_shows_the_other_walls(centre, tmp_path):
    """Desk A shows flood-overview, desk B energy-overview; from the CLI, A's screen is given a layout and
    then one tile of a layout (big, audited at A); B's miniature of A follows each; B, stopped, leaves A's."""
    _broker, watcher, settings = centre
    _operators(tmp_path / "a")
    a = _desk(tmp_path, "a", settings, "flood-overview", 60)
    b = _desk(tmp_path, "b", settings, "energy-overview", 45)  # B's state dumped while A still runs
    # each console's lasting name at the centre: its host, its role, its cache
    wall_a, wall_b = (console_id("desk", str(tmp_path / n / "shouguang.sqlite3")) for n in ("a", "b"))
    try:
        wait_until(lambda: {wall_a, wall_b} <= set(watcher.walls())
                   and {wall_a, wall_b} <= {m.name for m in watcher.members() if m.online}, 90, 0.1,
                   "both desks' walls and statuses on the broker")
        assert watcher.walls()[wall_a]["screens"]["desk"]["layout"] == "flood-overview"
        out = _send(settings, tmp_path / "a", wall_a, "layout", "agriculture-overview")
        assert out.returncode == 0 and out.stdout.strip() == "ok", (out.stdout, out.stderr)
        wait_until(lambda: watcher.walls()[wall_a]["screens"]["desk"]["layout"] == "agriculture-overview", 10, 0.05, "A's new layout")
        bad = _send(settings, tmp_path / "a", wall_a, "tile", "flood-overview/compass")
        assert bad.returncode == 3 and "no tile 'compass'" in bad.stdout and "kpi" in bad.stdout, (bad.stdout, bad.stderr)
        out = _send(settings, tmp_path / "a", wall_a, "tile", "flood-overview/alarms")
        assert out.returncode == 0 and out.stdout.strip() == "ok", (out.stdout, out.stderr)
        wait_until(lambda: watcher.walls()[wall_a]["screens"]["desk"]["reason"] == "tile", 10, 0.05, "A's tile")
        for desk in (a, b):
            desk.wait(90)
            assert desk.returncode == 0, desk.stderr.read()[-2000:]
    finally:
        for desk in (a, b):
            if desk.poll() is None:
                desk.kill()
                desk.wait(10)
    da = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    desk_a = da["screens"][0]
    assert desk_a["layout"].startswith("tile:alarms") and [t["kind"] for t in desk_a["tiles"]] == ["alarms"], desk_a["layout"]
    with sqlite3.connect(tmp_path / "a" / "shouguang.sqlite3") as db:
        rows = db.execute("SELECT user, action, outcome, detail FROM audit WHERE action = 'wall.take' ORDER BY id").fetchall()
    assert any(u == "王工" and o == "ok" and "flood-overview/alarms" in d for u, _a, o, d in rows), rows
    assert any(o == "rejected: no such tile" for _u, _a, o, _d in rows), rows
    # B's miniature of A: the last thing A showed, after the layouts before it
    db_ = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))
    seen = {w["console"]: w for w in db_["centre_walls"]}
    assert wall_b not in seen  # its own wall is not a remote one
    shown = seen[wall_a]
    assert shown["online"] and [s["name"] for s in shown["screens"]] == ["desk"], shown
    screen = shown["screens"][0]
    assert screen["layout"].startswith("tile:alarms") and screen["reason"] == "tile", screen
    assert "[tile]" in screen["caption"] and shown["changes_seen"] >= 3, shown  # flood, agriculture, the tile
    assert screen["grid"] == [1, 1] and screen["boxes"] == [[0, 0, 1, 1, "alarms"]], screen  # drawn as A said it
    # B stopped before A's state was dumped: a clean stop takes its wall off the other desks' miniature
    assert wall_b not in {w["console"] for w in da["centre_walls"]}, da["centre_walls"]


def test_a_wall_command_nobody_answers_says_so_with_its_own_exit_code(centre, tmp_path):
    from console.centre.broker import wait_sent
    from console.centre.wall_link import wall_state_topic

    _broker, watcher, settings = centre
    _operators(tmp_path / "cli")
    # what a crashed wall PC leaves: its screens' state retained, its console unknown to the centre
    wait_sent(watcher.client.publish(wall_state_topic(watcher.topics, "ghost-wall"),
                                     b'{"wall": "ghost-wall", "ts": 1, "screens": {"desk": {"layout": "flood-overview"}}}',
                                     qos=1, retain=True))
    listed = _cli("wall", "state", "--json", "--settings", str(settings))
    assert listed.returncode == 0, listed.stderr
    ghost = json.loads(listed.stdout)["walls"]["ghost-wall"]
    assert ghost["online"] is False and ghost["screens"]["desk"]["layout"] == "flood-overview", ghost
    out = _send(settings, tmp_path / "cli", "ghost-wall", "layout", "flood-overview", "--timeout", "2")
    assert out.returncode == 4, (out.returncode, out.stdout, out.stderr)
    assert "wall console ghost-wall: no answer in 2 s; is it online?" in out.stderr, out.stderr
    assert "lists no console 'ghost-wall'" in out.stderr, out.stderr


def test_the_desk_says_when_a_wall_it_commanded_does_not_answer(centre, tmp_path, qtbot):
    from console.audit.permissions import Actor, Gate
    from console.gui.wall_sender import WallSender
    from console.store.store import Store

    _broker, watcher, _settings = centre
    store = Store(tmp_path / "desk.sqlite3", retention_days=None)
    notices: list[str] = []
    try:
        sender = WallSender(watcher, Gate(Actor("王工", "operator"), store.audit), notices.append, answer_s=1.0)
        with qtbot.waitSignal(sender.sig_answered, timeout=10000) as got:
            assert sender.send("ghost-wall", "layout", "left", "flood-overview") is not None
        assert got.args[1] == "no answer"
        assert any("ghost-wall" in n for n in notices), notices
        refused = WallSender(watcher, Gate(Actor("李四", "viewer"), store.audit), notices.append)
        assert refused.send("ghost-wall", "layout", "left", "flood-overview") is None  # refused here, nothing sent
        assert store.flush()
        rows = store.query("SELECT user, outcome FROM audit WHERE target = 'wall:ghost-wall/screen:left'")
        assert ("王工", "no answer") in [tuple(r) for r in rows] and any(u == "李四" and o.startswith("denied") for u, o in rows), rows
    finally:
        store.close()


def test_the_desk_hears_a_walls_answer_and_says_a_refusal(centre, tmp_path, qtbot):
    """Against a real WallLink: the wall's ``ok`` is heard without a notice; its refusal is told."""
    from console.audit.permissions import Actor, Gate
    from console.centre.wall_link import WallLink
    from console.gui.wall_sender import WallSender
    from console.store.store import Store

    broker, watcher, _settings = centre
    taken = []
    link = WallLink(Broker.parse(f"mqtt://127.0.0.1:{broker.port}"), "寿光", "wall-7",
                    lambda cmd, answer: (taken.append(cmd), answer("ok" if cmd.arg == "flood-overview" else "rejected: no layout"))).start()
    store = Store(tmp_path / "desk.sqlite3", retention_days=None)
    notices: list[str] = []
    try:
        wait_until(lambda: link.client.is_connected(), 10, 0.02, "the wall on the broker")
        sender = WallSender(watcher, Gate(Actor("王工", "operator"), store.audit), notices.append)
        with qtbot.waitSignal(sender.sig_answered, timeout=10000) as got:
            sender.send("wall-7", "layout", "left", "flood-overview")
        assert got.args[1] == "ok" and notices == [] and (taken[0].user, taken[0].screen) == ("王工", "left")
        with qtbot.waitSignal(sender.sig_answered, timeout=10000) as got:
            sender.send("wall-7", "layout", "left", "nonesuch")
        assert got.args[1] == "rejected: no layout" and len(notices) == 1 and "wall-7" in notices[0], notices
    finally:
        link.stop()
        store.close()


def test_the_panel_draws_a_walls_grid_and_marks_it_offline_when_its_console_dies(centre, qtbot):
    from console.audit.permissions import Actor, Gate
    from console.centre.wall_link import WallLink
    from console.centre.wall_overview import grid_of
    from console.gui.remote_walls import RemoteWallsPanel
    from console.gui.wall_sender import WallSender
    from console.layouts.layout import Layout, TileSpec

    broker, watcher, _settings = centre
    address = Broker.parse(f"mqtt://127.0.0.1:{broker.port}")
    member = CentreAlarms(address, "寿光", "wall-7", role="wall").start()
    link = WallLink(address, "寿光", "wall-7", lambda cmd, answer: answer("ok")).start()
    try:
        assert member.connected.wait(10)
        wait_until(lambda: link.client.is_connected(), 10, 0.02, "the wall on the broker")
        shows = Layout("river", 2, 2, (TileSpec("chart", 0, 0, 1, 2), TileSpec("kpi", 1, 0), TileSpec("map", 1, 1)), "河道")
        link.publish_state({"left": {"layout": "river", "reason": "operator", "held": False, "playlist": None,
                                     "grid": grid_of(shows)}})
        wait_until(lambda: "wall-7" in watcher.walls() and any(m.name == "wall-7" and m.online for m in watcher.members()),
                   10, 0.02, "the wall's state and status")
        panel = RemoteWallsPanel(watcher, WallSender(watcher, Gate(Actor("王工", "operator"), lambda *a, **k: None), print),
                                 lambda: {})
        qtbot.addWidget(panel)
        panel.refresh()
        (wall,) = panel.state()
        left = wall["screens"][0]
        assert wall["online"] and (left["layout"], left["grid"]) == ("river", [2, 2]), wall
        assert left["boxes"] == [[0, 0, 1, 2, "chart"], [1, 0, 1, 1, "kpi"], [1, 1, 1, 1, "map"]]
        assert "河道" in left["caption"] and panel.cards["wall-7"].rows["left"].isEnabled()
        member.client.loop_stop()  # the wall PC dies: its last will says offline
        member.client.socket().close()
        wait_until(lambda: any(m.name == "wall-7" and not m.online for m in watcher.members()), 20, 0.05, "offline")
        panel.refresh()
        (wall,) = panel.state()
        assert not wall["online"] and wall["shown"].startswith("✕") and not panel.cards["wall-7"].rows["left"].isEnabled()
    finally:
        link.stop()


def test_the_overview_joins_each_walls_state_with_the_members_list():
    walls = {"wall-2": {"ts": 5.0, "screens": {"left": {"layout": "flood-overview", "reason": "playlist", "held": True,
                                                          "playlist": "night"}}},
             "wall-1": {"ts": 3.0, "screens": {"main": {"layout": "energy-overview", "reason": "operator"}}},
             "me": {"ts": 1.0, "screens": {}}, "ghost": {"ts": 2.0, "screens": {}}}
    members = [Member("wall-1", "wall", False), Member("wall-2", "console", True), Member("me", "console", True)]
    out = remote_walls(walls, members, "me")
    assert [(w.console, w.online, w.listed) for w in out] == [("wall-2", True, True), ("ghost", False, False),
                                                              ("wall-1", False, True)]
    left = out[0].screens[0]
    assert (left.name, left.layout, left.reason, left.held, left.playlist) == ("left", "flood-overview", "playlist", True, "night")
