"""One centre, many consoles, through a real mosquitto on loopback: the engine publishes its
alarms retained under their keys, two consoles mirror them, an operator's ack on one console
is applied once by the engine, audited, and shows on the other; a viewer's ack is refused and
audited; with the broker gone the consoles say standalone and keep their last alarms; when it
returns they re-sync without a duplicate."""

from __future__ import annotations

import json
import sqlite3
import time

import pytest

from console.alarms.engine import AlarmEngine
from console.alarms.rules import compile_rule
from console.centre.broker import Broker
from console.centre.engine_link import EngineLink
from console.centre.mirror import CentreAlarms
from console.centre.wire import Command, alarm_key
from console.hub.hub import Hub
from console.model import Entity, Reading, StreamSpec
from console.store.store import Store
from tests.source_servers import Mosquitto, wait_until

RULE = {"id": "warn", "type": "threshold", "streams": "g/*/level", "limit": "attr:warning_level", "severity": 3,
        "title": "超警戒", "message": "{name} 超警戒 {value}"}
ROLES = {"王工": "operator", "李四": "viewer"}


def engine_of(tmp_path, address: Broker):
    """The centre 寿光's engine on ``address``: two gauges with a warning rule, its cache in ``tmp_path``."""
    store = Store(tmp_path / "engine.sqlite3", retention_days=None)
    hub = Hub(store)
    hub.add_entities([Entity(f"G{k}", "gauge", f"{k}号站", attrs={"warning_level": 2.0},
                             streams=(StreamSpec(f"g/G{k}/level", "水位", "m", 60),)) for k in (1, 2)])
    engine = AlarmEngine(hub, [compile_rule(RULE)])
    link = EngineLink(engine, address, "寿光", lambda: dict(ROLES)).start()
    return store, hub, engine, link


@pytest.fixture
def centre(tmp_path):
    (tmp_path / "broker").mkdir()
    broker = Mosquitto(tmp_path / "broker").start()
    address = Broker.parse(f"mqtt://127.0.0.1:{broker.port}")
    store, hub, engine, link = engine_of(tmp_path, address)
    a = CentreAlarms(address, "寿光", "desk-a").start()
    b = CentreAlarms(address, "寿光", "wall-1").start()
    for c in (link, a, b):
        assert c.connected.wait(10)
    yield broker, store, hub, engine, link, a, b
    for c in (a, b, link):
        c.stop()
    store.close()
    broker.stop()


def _raise_two(hub, store):
    now = time.time()
    hub.submit([Reading("g/G1/level", now - 30, 2.5), Reading("g/G2/level", now - 30, 2.7)])
    assert store.flush()


def test_an_ack_on_one_console_shows_on_the_other_applied_once_and_audited(centre):
    _broker, store, hub, engine, link, a, b = centre
    _raise_two(hub, store)
    wait_until(lambda: len(a.open_alarms()) == 2 and len(b.open_alarms()) == 2, 10, 0.02, "both consoles see both alarms")
    keys = {alarm_key(x) for x in engine.open_alarms()}
    assert {a.key_of(x.id) for x in a.open_alarms()} == keys == {b.key_of(x.id) for x in b.open_alarms()}
    target = next(x for x in a.open_alarms() if x.stream == "g/G1/level")
    replied = []
    a.ack(target.id, _Who("王工", "operator"), comment="已通知河道办", on_durable=lambda: replied.append(True))
    wait_until(lambda: any(x.stream == "g/G1/level" and x.state == "acked" for x in b.open_alarms()), 10, 0.02, "the ack on B")
    seen = next(x for x in b.open_alarms() if x.stream == "g/G1/level")
    assert (seen.acked_by, seen.ack_comment) == ("王工", "已通知河道办")
    wait_until(lambda: replied, 10, 0.02, "the engine's reply")
    with sqlite3.connect(store.path) as db:
        rows = db.execute("SELECT user, action, outcome FROM audit WHERE action = 'alarm.ack'").fetchall()
        assert db.execute("SELECT state, acked_by FROM alarms WHERE stream = 'g/G1/level'").fetchone() == ("acked", "王工")
    assert rows == [("王工", "alarm.ack", "ok")]
    # the same ack again, from the other console: refused in words, audited, nothing changes
    again = b.ack_key(alarm_key(next(x for x in engine.open_alarms() if x.stream == "g/G1/level")), "王工")
    wait_until(lambda: again in b.replies, 10, 0.02, "the second reply")
    assert b.replies[again] == "rejected: already acknowledged by 王工"
    assert link.applied == 2


def test_a_viewers_ack_is_refused_and_audited_and_an_unknown_user_too(centre):
    _broker, store, hub, engine, _link, a, b = centre
    _raise_two(hub, store)
    wait_until(lambda: len(a.open_alarms()) == 2, 10, 0.02, "the alarms on A")
    key = a.key_of(a.open_alarms()[0].id)
    viewer = a.ack_key(key, "李四")
    stranger = a.ack_key(key, "冒名者")
    wait_until(lambda: viewer in a.replies and stranger in a.replies, 10, 0.02, "the replies")
    assert a.replies[viewer].startswith("denied: role viewer")
    assert a.replies[stranger] == "denied: unknown user"
    assert store.flush()
    with sqlite3.connect(store.path) as db:
        outcomes = sorted(r[0] for r in db.execute("SELECT outcome FROM audit WHERE action = 'alarm.ack'"))
    assert len(outcomes) == 2 and outcomes[0].startswith("denied: role viewer") and outcomes[1] == "denied: unknown user"
    assert all(x.state == "unack" for x in b.open_alarms())


def test_a_malformed_command_is_quarantined_and_the_next_one_applied(centre):
    _broker, store, hub, engine, link, a, _b = centre
    _raise_two(hub, store)
    wait_until(lambda: len(a.open_alarms()) == 2, 10, 0.02, "the alarms on A")
    a.client.publish(a.topics.commands, b'{"op": "explode"}', qos=1)
    ok = a.ack_key(a.key_of(a.open_alarms()[0].id), "王工")
    wait_until(lambda: ok in a.replies, 10, 0.02, "the good command's reply")
    assert a.replies[ok] == "ok"
    assert store.flush()
    with sqlite3.connect(store.path) as db:
        (reason,) = db.execute("SELECT reason FROM quarantine WHERE source = 'centre'").fetchone()
    assert "unknown command 'explode'" in reason


def test_without_the_broker_consoles_are_standalone_and_resync_without_duplicates(centre, tmp_path):
    broker, store, hub, engine, link, a, b = centre
    _raise_two(hub, store)
    wait_until(lambda: len(b.open_alarms()) == 2, 10, 0.02, "the alarms on B")
    ids = sorted(x.id for x in b.open_alarms())
    broker.stop()
    wait_until(lambda: b.standalone and a.standalone, 20, 0.05, "standalone")
    assert len(b.open_alarms()) == 2  # the last state stays on the wall
    broker.start()
    wait_until(lambda: not b.standalone and link.connected.is_set(), 30, 0.05, "back on the broker")
    wait_until(lambda: len(b.open_alarms()) == 2, 10, 0.05, "re-synced")
    time.sleep(0.5)  # the retained copies may arrive twice (engine republish and the broker's): still two
    assert sorted(x.id for x in b.open_alarms()) == ids


def test_a_command_names_what_is_wrong_with_it():
    with pytest.raises(ValueError, match="unknown command"):
        Command.parse(b'{"op": "delete", "key": "k", "user": "u"}')
    with pytest.raises(ValueError, match="needs a user"):
        Command.parse(b'{"op": "ack", "key": "k", "user": ""}')
    with pytest.raises(ValueError, match="not a command"):
        Command.parse(b"\xff")
    with pytest.raises(ValueError, match="mqtts://"):
        Broker.parse("http://broker:8883")
    assert Broker.parse("mqtts://broker.centre").port == 8883
    from console.centre.wall_link import WallCommand

    with pytest.raises(ValueError, match="unknown wall command 'reboot'"):
        WallCommand.parse(b'{"op": "reboot", "screen": "left", "user": "u"}')
    with pytest.raises(ValueError, match="needs the layout"):
        WallCommand.parse(b'{"op": "layout", "screen": "left", "user": "u"}')
    with pytest.raises(ValueError, match="not a wall command"):
        WallCommand.parse(b'{"op": "hold", "screen": "left", "user": "u", "colour": "red"}')
    assert WallCommand.parse(WallCommand("play", "left", "u", "night").payload()).arg == "night"


class _Who:
    def __init__(self, user, role):
        self.user, self.role = user, role


def _cli(*args, stdin: str = "", env_home=None):
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    return subprocess.run([sys.executable, "-m", "console", *args], cwd=root, input=stdin, capture_output=True,
                          text=True, timeout=60, env=dict(os.environ, PYTHONPATH=str(root)))


def cli_with_alarms(centre, tmp_path):
    """The centre's two alarms on the broker; the CLI's settings for it and its desk cache with an
    operator (王工, "correct horse 1") and a viewer (李四, "correct horse 2")."""
    from console.audit.auth import UserDirectory

    broker, store, hub, _engine, _link, _a, b = centre
    _raise_two(hub, store)
    wait_until(lambda: len(b.open_alarms()) == 2, 10, 0.02, "the alarms on the broker")
    settings = tmp_path / "settings.toml"
    settings.write_text(f'[centre]\nname = "寿光"\nbroker = "mqtt://127.0.0.1:{broker.port}"\n', encoding="utf-8")
    local = tmp_path / "desk-cache"
    users = UserDirectory(local / "shouguang.sqlite3", scrypt_n=2**10)
    users.add("王工", "operator", "correct horse 1")
    users.add("李四", "viewer", "correct horse 2")
    users.close()
    return settings, local


def test_the_headless_cli_lists_the_centres_alarms_and_acks_by_key(centre, tmp_path):
    import json

    broker, store, hub, engine, _link, _a, b = centre
    settings, local = cli_with_alarms(centre, tmp_path)
    out = _cli("alarms", "list", "--json", "--settings", str(settings), "--cache", str(local))
    assert out.returncode == 0, out.stderr
    listed = json.loads(out.stdout)
    assert listed["mode"] == "centre" and {r["key"] for r in listed["alarms"]} == {alarm_key(x) for x in engine.open_alarms()}
    key = next(r["key"] for r in listed["alarms"] if r["stream"] == "g/G2/level")
    viewer = _cli("alarms", "ack", key, "--user", "李四", "--password-stdin", "--settings", str(settings), "--cache", str(local),
                  stdin="correct horse 2\n")
    assert viewer.returncode == 3 and "viewer" in viewer.stderr, (viewer.stdout, viewer.stderr)
    wrong = _cli("alarms", "ack", key, "--user", "王工", "--password-stdin", "--settings", str(settings), "--cache", str(local),
                 stdin="nope\n")
    assert wrong.returncode == 3
    ok = _cli("alarms", "ack", key, "--user", "王工", "--comment", "现场已处置", "--password-stdin", "--settings", str(settings),
              "--cache", str(local), stdin="correct horse 1\n")
    assert ok.returncode == 0 and ok.stdout.strip() == "ok", (ok.stdout, ok.stderr)
    wait_until(lambda: any(x.stream == "g/G2/level" and x.acked_by == "王工" for x in b.open_alarms()), 10, 0.02, "the CLI's ack on B")
    broker.stop()  # no centre: the list says standalone and reads the local cache; an ack is refused
    alone = _cli("alarms", "list", "--json", "--settings", str(settings), "--cache", str(local))
    assert alone.returncode == 0 and json.loads(alone.stdout)["mode"] == "standalone" and "unreachable" in alone.stderr


def test_the_headless_engine_runs_the_demo_for_the_centre_and_stops_on_sigterm(tmp_path):
    """``city-console engine --demo``: no window, the demo's alarms on the broker for every
    console; its status retained online, then offline after a clean SIGTERM stop."""
    import os
    import signal
    import subprocess
    import sys
    from pathlib import Path

    import paho.mqtt.client as mqtt
    from paho.mqtt.enums import CallbackAPIVersion

    (tmp_path / "broker").mkdir()
    broker = Mosquitto(tmp_path / "broker").start()
    root = Path(__file__).resolve().parents[1]
    settings = tmp_path / "settings.toml"
    settings.write_text(f'[centre]\nname = "寿光"\nbroker = "mqtt://127.0.0.1:{broker.port}"\n', encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(root))
    env.pop("DISPLAY", None)  # headless: no display needed
    proc = subprocess.Popen([sys.executable, "-m", "console", "engine", "--settings", str(settings), "--demo", "--speed", "60",
                             "--cache", str(tmp_path / "engine")], cwd=root, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    statuses: dict[str, bytes] = {}
    watcher = mqtt.Client(CallbackAPIVersion.VERSION2, protocol=mqtt.MQTTv5)
    watcher.on_message = lambda c, u, m: statuses.__setitem__(m.topic, m.payload)
    desk = CentreAlarms(Broker.parse(f"mqtt://127.0.0.1:{broker.port}"), "寿光", "desk").start()
    try:
        assert proc.stdout.readline().startswith("engine running: centre 寿光"), proc.stderr.read()[-2000:]
        watcher.connect("127.0.0.1", broker.port)
        watcher.subscribe("centre/+/status/+", qos=1)
        watcher.loop_start()
        wait_until(lambda: len(desk.open_alarms()) > 0, 120, 0.2, "the demo's alarms on the desk")
        engine_status = [t for t in statuses if "engine-" in t]
        assert engine_status and b'"online"' in statuses[engine_status[0]]
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(30) == 0, proc.stderr.read()[-2000:]
        wait_until(lambda: b'"offline"' in statuses[engine_status[0]], 10, 0.05, "the engine's offline status")
        assert desk.open_alarms(), "a console keeps the last alarms when the engine is gone"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
        desk.stop()
        watcher.disconnect()
        watcher.loop_stop()
        broker.stop()


def test_a_desk_of_the_centre_shows_the_centres_alarms_and_says_standalone_without_it(centre, tmp_path):
    """A desk console with [centre]: its status bar and its alarm count are the centre's while
    the broker is there; with the broker gone it says standalone and shows its own engine's."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    from console.centre.desk_alarms import DeskAlarms

    broker, store, hub, engine, _link, _a, b = centre
    _raise_two(hub, store)
    wait_until(lambda: len(b.open_alarms()) == 2, 10, 0.02, "the centre's two alarms")
    root = Path(__file__).resolve().parents[1]
    settings = tmp_path / "desk.toml"
    settings.write_text(f'[centre]\nname = "寿光"\nbroker = "mqtt://127.0.0.1:{broker.port}"\n', encoding="utf-8")
    state = tmp_path / "desk.json"
    out = subprocess.run(
        [sys.executable, "-m", "console", "--offline", "--settings", str(settings), "--cache", str(tmp_path / "desk"),
         "--screenshot", str(tmp_path / "desk.png"), "--dump-state", str(state), "--after", "4"],
        cwd=root, env=dict(os.environ, PYTHONPATH=str(root), QT_QPA_PLATFORM="offscreen"),
        capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    d = json.loads(state.read_text(encoding="utf-8"))
    assert d["alarms"]["open"] == 2 and d["alarms"]["unacked"] == 2, d["alarms"]
    centre_text = next(t for t in d["screens"][0]["chrome"] if "中心 寿光" in t)
    assert "4/4 在线" in centre_text, centre_text  # the engine, desk-a, wall-1 and this desk
    # without the broker: the desk's own engine, and it says so
    own = Store(tmp_path / "own.sqlite3", retention_days=None)
    try:
        desk = DeskAlarms(AlarmEngine(Hub(own), []), b)
        assert len(desk.open_alarms()) == 2
        broker.stop()
        wait_until(lambda: desk.standalone, 20, 0.05, "standalone")
        assert desk.open_alarms() == []  # this console's own engine has none
    finally:
        own.close()


def test_every_member_of_the_centre_is_listed_a_dead_one_offline_a_stopped_one_gone(centre, tmp_path):
    broker, _store, _hub, _engine, _link, a, _b = centre
    address = Broker.parse(f"mqtt://127.0.0.1:{broker.port}")
    wall = CentreAlarms(address, "寿光", "wall-2", role="wall").start()
    leaving = CentreAlarms(address, "寿光", "desk-9").start()
    for c in (wall, leaving):
        assert c.connected.wait(10)
    wait_until(lambda: {m.name for m in a.members()} >= {"city-console-engine", "desk-a", "wall-1", "wall-2", "desk-9"},
               10, 0.02, "every member listed")
    assert next(m for m in a.members() if m.name == "wall-2").role == "wall"
    leaving.stop()  # a clean stop leaves the list
    wall.client.loop_stop()  # the wall PC dies: no goodbye, its last will says offline
    wall.client.socket().close()
    wait_until(lambda: "desk-9" not in {m.name for m in a.members()}, 10, 0.02, "the stopped desk gone")
    wait_until(lambda: any(m.name == "wall-2" and not m.online for m in a.members()), 10, 0.02, "the dead wall offline")
    assert a.members()[-1].name == "wall-2"  # online ones first
    settings = tmp_path / "cli.toml"
    settings.write_text(f'[centre]\nname = "寿光"\nbroker = "mqtt://127.0.0.1:{broker.port}"\n', encoding="utf-8")
    out = _cli("alarms", "members", "--json", "--settings", str(settings))
    assert out.returncode == 0, out.stderr
    listed = {m["name"]: (m["role"], m["online"]) for m in json.loads(out.stdout)["members"]}
    assert listed["wall-2"] == ("wall", False) and listed["city-console-engine"] == ("engine", True)
    assert not any(r == "cli" for r, _ in listed.values())


def test_a_wall_is_driven_from_another_machine_through_the_centre_checked_and_audited(centre, tmp_path):
    """A console of the centre takes wall commands from the broker: `wall send` as an operator
    switches its screen (and the wall's retained state says so), a viewer and an unknown user are
    refused by the wall itself, each audited in the wall console's own cache."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    from console.audit.auth import UserDirectory
    from console.centre.wall_link import WallCommand, wall_cmd_topic

    broker, _store, _hub, _engine, _link, a, _b = centre
    root = Path(__file__).resolve().parents[1]
    settings = tmp_path / "desk.toml"
    settings.write_text(f'[centre]\nname = "寿光"\nbroker = "mqtt://127.0.0.1:{broker.port}"\n', encoding="utf-8")
    cache = tmp_path / "desk"
    users = UserDirectory(cache / "shouguang.sqlite3", scrypt_n=2**10)
    users.add("王工", "operator", "correct horse 1")
    users.add("李四", "viewer", "correct horse 2")
    users.close()
    state = tmp_path / "desk.json"
    desk = subprocess.Popen(
        [sys.executable, "-m", "console", "--offline", "--settings", str(settings), "--cache", str(cache),
         "--layout", "flood-overview", "--screenshot", str(tmp_path / "desk.png"), "--dump-state", str(state), "--after", "20"],
        cwd=root, env=dict(os.environ, PYTHONPATH=str(root), QT_QPA_PLATFORM="offscreen"),
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        wall = wait_until(lambda: next((n for n, s in a.walls().items() if "desk" in s.get("screens", {})), None),
                          60, 0.1, "the desk's wall state on the broker")
        assert a.walls()[wall]["screens"]["desk"]["layout"] == "flood-overview"
        out = _cli("wall", "send", wall, "layout", "energy-overview", "--screen", "desk", "--user", "王工", "--password-stdin",
                   "--settings", str(settings), "--cache", str(cache), stdin="correct horse 1\n")
        assert out.returncode == 0 and out.stdout.strip() == "ok", (out.stdout, out.stderr)
        wait_until(lambda: a.walls()[wall]["screens"]["desk"]["layout"] == "energy-overview", 10, 0.05, "the new layout's state")
        assert a.walls()[wall]["screens"]["desk"]["reason"] == "operator"
        replies: dict[str, str] = {}
        for who in ("李四", "无名"):  # past the CLI's own check: the wall refuses them itself
            cmd = WallCommand("layout", "desk", who, "flood-overview")
            a.request(wall_cmd_topic(a.topics, wall), cmd.payload(), cmd.id, lambda o, who=who: replies.__setitem__(who, o))
        wait_until(lambda: len(replies) == 2, 10, 0.05, "the wall's answers")
        assert replies == {"李四": "denied: needs an operator", "无名": "denied: unknown user"}, replies
        assert a.walls()[wall]["screens"]["desk"]["layout"] == "energy-overview"
        desk.wait(60)
        assert desk.returncode == 0, desk.stderr.read()[-2000:]
    finally:
        if desk.poll() is None:
            desk.kill()
            desk.wait(10)
    d = json.loads(state.read_text(encoding="utf-8"))
    assert d["screens"][0]["layout"] == "energy-overview"
    with sqlite3.connect(cache / "shouguang.sqlite3") as db:
        rows = db.execute("SELECT user, action, outcome FROM audit WHERE action LIKE 'wall.%' ORDER BY id").fetchall()
    assert ("王工", "wall.take", "ok") in rows and ("无名", "wall.layout", "denied: unknown user") in rows, rows
    assert any(u == "李四" and o.startswith("denied") for u, _a, o in rows), rows
    assert wall not in a.walls() or not a.walls()[wall]  # a clean stop takes its state away
