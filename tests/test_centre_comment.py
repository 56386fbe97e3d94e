"""A comment without an acknowledgement, through a real mosquitto: an operator's comment on one
console (a desk's alarms in centre mode) is applied by the engine, kept in its cache, audited as ``alarm.comment`` and shown on
every other console's mirror, the alarm still unacknowledged; a viewer's comment (from the CLI)
is refused with exit 3 and the refusal audited in the engine's cache."""

from __future__ import annotations

import json
import sqlite3

from console.alarms.engine import AlarmEngine
from console.centre.desk_alarms import DeskAlarms
from console.hub.hub import Hub
from console.store.store import Store
from tests.source_servers import wait_until
from tests.test_centre import _cli, _raise_two, _Who, centre, cli_with_alarms  # noqa: F401  (centre: the fixture)


def _comments(mirror, stream):
    return [(user, text) for _ts, user, text in next(x for x in mirror.open_alarms() if x.stream == stream).comments]


def test_an_operators_comment_on_one_console_shows_on_the_other_and_is_audited(centre, tmp_path):
    _broker, store, hub, engine, link, a, b = centre
    _raise_two(hub, store)
    wait_until(lambda: len(a.open_alarms()) == 2 and len(b.open_alarms()) == 2, 10, 0.02, "both consoles see both alarms")
    target = next(x for x in a.open_alarms() if x.stream == "g/G1/level")
    replied = []
    own = Store(tmp_path / "desk-own.sqlite3", retention_days=None)  # the desk's own engine, unused while the centre is there
    try:
        desk = DeskAlarms(AlarmEngine(Hub(own), []), a)  # what the desk's alarm list acts on
        desk.comment(target.id, _Who("王工", "operator"), "河道办已到场，继续观察", on_durable=lambda: replied.append(True))
    finally:
        own.close()
    wait_until(lambda: _comments(b, "g/G1/level"), 10, 0.02, "the comment on B")
    assert _comments(b, "g/G1/level") == [("王工", "河道办已到场，继续观察")]
    seen = next(x for x in b.open_alarms() if x.stream == "g/G1/level")
    assert seen.state == "unack" and seen.acked_by is None  # a comment is not an acknowledgement
    wait_until(lambda: replied, 10, 0.02, "the engine's reply")
    # a second comment appends; an empty one is rejected in words
    again = a.comment(target.id, _Who("王工", "operator"), "水位回落")
    empty = b.comment_key(b.key_of(seen.id), "王工", "   ")
    wait_until(lambda: again in a.replies and empty in b.replies, 10, 0.02, "the replies")
    assert (a.replies[again], b.replies[empty]) == ("ok", "rejected: an empty comment")
    wait_until(lambda: len(_comments(b, "g/G1/level")) == 2, 10, 0.02, "the second comment on B")
    assert [t for _u, t in _comments(b, "g/G1/level")] == ["河道办已到场，继续观察", "水位回落"]
    assert store.flush()
    with sqlite3.connect(store.path) as db:
        rows = db.execute("SELECT user, action, outcome FROM audit WHERE action = 'alarm.comment' ORDER BY id").fetchall()
        (saved,) = db.execute("SELECT comments FROM alarms WHERE stream = 'g/G1/level'").fetchone()
    # the second and the empty one came from two consoles at once: either may be applied first
    assert rows[0] == ("王工", "alarm.comment", "ok") and sorted(rows[1:]) == [
        ("王工", "alarm.comment", "ok"), ("王工", "alarm.comment", "rejected: an empty comment")], rows
    assert [c[1:] for c in json.loads(saved)] == [["王工", "河道办已到场，继续观察"], ["王工", "水位回落"]]
    # the engine restarted on its cache has the comments back (what it republishes after a restart)
    assert store.flush()
    again_engine = AlarmEngine(Hub(Store(tmp_path / "engine.sqlite3", retention_days=None)), [])
    try:
        reread = next(x for x in again_engine.open_alarms() if x.stream == "g/G1/level")
        assert [c[1:] for c in reread.comments] == [("王工", "河道办已到场，继续观察"), ("王工", "水位回落")]
    finally:
        again_engine.store.close()


def test_a_viewers_comment_from_the_cli_is_refused_exit_3_and_audited_by_the_engine(centre, tmp_path):
    broker, store, _hub, _engine, _link, _a, b = centre
    settings, local = cli_with_alarms(centre, tmp_path)
    key = b.key_of(next(x for x in b.open_alarms() if x.stream == "g/G2/level").id)
    common = ("--settings", str(settings), "--cache", str(local), "--password-stdin")
    viewer = _cli("alarms", "comment", key, "--user", "李四", "--comment", "我看到了", *common, stdin="correct horse 2\n")
    assert viewer.returncode == 3 and "viewer" in viewer.stderr, (viewer.stdout, viewer.stderr)
    wrong = _cli("alarms", "comment", key, "--user", "王工", "--comment", "x", *common, stdin="nope\n")
    assert wrong.returncode == 3, (wrong.stdout, wrong.stderr)
    ok = _cli("alarms", "comment", key, "--user", "王工", "--comment", "已派人巡查", *common, stdin="correct horse 1\n")
    assert ok.returncode == 0 and ok.stdout.strip() == "ok", (ok.stdout, ok.stderr)
    wait_until(lambda: _comments(b, "g/G2/level") == [("王工", "已派人巡查")], 10, 0.02, "the CLI's comment on B")
    listed = json.loads(_cli("alarms", "list", "--json", "--settings", str(settings), "--cache", str(local)).stdout)
    row = next(r for r in listed["alarms"] if r["key"] == key)
    assert [(c["user"], c["text"]) for c in row["comments"]] == [("王工", "已派人巡查")] and row["state"] == "unack"
    assert store.flush()
    with sqlite3.connect(store.path) as db:
        rows = db.execute("SELECT user, outcome FROM audit WHERE action = 'alarm.comment' ORDER BY id").fetchall()
    assert len(rows) == 2 and rows[0][0] == "李四" and rows[0][1].startswith("denied: role viewer"), rows
    assert rows[1] == ("王工", "ok")
    broker.stop()  # no centre: a comment cannot be made
    alone = _cli("alarms", "comment", key, "--user", "王工", "--comment", "x", *common, stdin="correct horse 1\n")
    assert alone.returncode == 2 and "centre" in alone.stderr, (alone.stdout, alone.stderr)
