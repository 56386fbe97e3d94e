"""One centre, many consoles: from an operator's ack on console A to console B's alarm list
showing it acknowledged, through a real mosquitto and the engine (command, role check, the
state machine, the durable write with its audit row, the retained state republished), with
300 open alarms; against the same three hops through the same broker with nothing of ours
in between (A publishes, an echo republishes retained, B receives: the baseline).
Target: every console follows within 1 s (the one-centre issue).

Readings from the engine to 4 consoles: N readings accepted by the engine's hub, published by
its ReadingsPublisher, taken by 4 consoles' CentreReadings into their own hubs and caches,
timed until every console has accepted all; against mosquitto_pub sending the very same
messages (our payloads, one a line, QoS 1) to 4 mosquitto_sub on the same broker (the
transport alone). Three interleaved runs; readings per second per console, min/median.
The transport alone is no target to reach: ours writes every reading into 5 SQLite caches
(the engine's and 4 consoles', all in this one process on this machine's cores), and one
SQLite writer takes about 27,000 readings/s here (bench_ingest). Target: >= 5,000 readings/s
per console, 3x a city of 100,000 streams reporting every minute (1,667/s)."""

from __future__ import annotations

import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.results import emit, result, skipped, spread  # noqa: E402

REPS = 20
OPEN = 300
READINGS = 100_000
CONSOLES = 4
RUNS = 3


class _Who:
    def __init__(self, user, role):
        self.user, self.role = user, role


def ours(folder: Path, port: int) -> list[float]:
    from console.alarms.engine import AlarmEngine
    from console.alarms.rules import compile_rule
    from console.centre.broker import Broker
    from console.centre.engine_link import EngineLink
    from console.centre.mirror import CentreAlarms
    from console.hub.hub import Hub
    from console.model import Entity, Reading, StreamSpec
    from console.store.store import Store

    rule = {"id": "warn", "type": "threshold", "streams": "g/*/level", "limit": "attr:warning_level", "severity": 3,
            "title": "超警戒", "message": "{name} 超警戒 {value}"}
    store = Store(folder / "engine.sqlite3", retention_days=None)
    hub = Hub(store)
    hub.add_entities([Entity(f"G{k}", "gauge", f"{k}号站", attrs={"warning_level": 2.0},
                             streams=(StreamSpec(f"g/G{k}/level", "水位", "m", 60),)) for k in range(OPEN)])
    engine = AlarmEngine(hub, [compile_rule(rule)])
    address = Broker.parse(f"mqtt://127.0.0.1:{port}")
    link = EngineLink(engine, address, "bench", lambda: {"王工": "operator"}, client_id="engine-bench").start()
    a = CentreAlarms(address, "bench", "desk-a").start()
    b = CentreAlarms(address, "bench", "desk-b").start()
    try:
        assert link.active.wait(10) and a.connected.wait(10) and b.connected.wait(10)
        now = time.time()
        hub.submit([Reading(f"g/G{k}/level", now - 30, 2.5) for k in range(OPEN)])
        store.flush()
        deadline = time.monotonic() + 60
        while len(b.open_alarms()) < OPEN or len(a.open_alarms()) < OPEN:
            assert time.monotonic() < deadline, "the alarms never reached the consoles"
            time.sleep(0.02)
        took = []
        for k in range(REPS):
            target = next(x for x in a.open_alarms() if x.stream == f"g/G{k}/level")
            t0 = time.perf_counter()
            a.ack(target.id, _Who("王工", "operator"))
            while not any(x.stream == f"g/G{k}/level" and x.state == "acked" for x in b.open_alarms()):
                assert time.perf_counter() - t0 < 30, "the ack never reached console B"
                time.sleep(0.0005)
            took.append(time.perf_counter() - t0)
        return took
    finally:
        for c in (a, b, link):
            c.stop()
        store.close()


def bare(port: int) -> list[float]:
    import paho.mqtt.client as mqtt
    from paho.mqtt.enums import CallbackAPIVersion

    def client(name):
        c = mqtt.Client(CallbackAPIVersion.VERSION2, client_id=name, protocol=mqtt.MQTTv5)
        ready = threading.Event()
        c.on_connect = lambda *_a: ready.set()
        c.connect("127.0.0.1", port)
        c.loop_start()
        assert ready.wait(10)
        return c

    got: dict[str, float] = {}
    echo, sender, receiver = client("echo"), client("sender"), client("receiver")
    echo.on_message = lambda c, _u, m: c.publish("bare/state/" + m.payload.decode(), m.payload, qos=1, retain=True)
    receiver.on_message = lambda _c, _u, m: got.setdefault(m.payload.decode(), time.perf_counter())
    echo.subscribe("$share/engines/bare/cmd", qos=1)
    receiver.subscribe("bare/state/+", qos=1)
    time.sleep(0.5)
    took = []
    try:
        for k in range(REPS):
            key = f"k{k}"
            t0 = time.perf_counter()
            sender.publish("bare/cmd", key.encode(), qos=1)
            while key not in got:
                assert time.perf_counter() - t0 < 30, "the bare round trip never came back"
                time.sleep(0.0005)
            took.append(got[key] - t0)
    finally:
        for c in (echo, sender, receiver):
            c.loop_stop()
            c.disconnect()
    return took


def _feed(n: int = READINGS):
    from console.model import Reading

    t0 = time.time() - 3 * 86400
    return [Reading(f"g/G{i % 500}/level", t0 + i // 500, 1.0 + (i % 997) / 1000) for i in range(n)]


def readings_ours(folder: Path, port: int, run: int) -> float:
    """Seconds from the first batch at the engine to the last reading accepted by the 4th console."""
    from console.centre.broker import Broker
    from console.centre.readings_link import CHUNK, CentreReadings, ReadingsPublisher
    from console.hub.hub import Hub
    from console.store.store import Store

    address = Broker.parse(f"mqtt://127.0.0.1:{port}")
    e_store = Store(folder / f"engine-{run}.sqlite3", retention_days=None)
    e_hub = Hub(e_store)
    active = threading.Event()
    active.set()
    pub = ReadingsPublisher(e_hub, address, f"bench{run}", f"engine-{run}", active).start()
    consoles = []
    for k in range(CONSOLES):
        store = Store(folder / f"console-{run}-{k}.sqlite3", retention_days=None)
        src = CentreReadings(Hub(store), address, f"bench{run}", f"console-{run}-{k}")
        src.start()
        consoles.append((store, src))
    try:
        assert all(src.connected.wait(10) for _s, src in consoles)
        time.sleep(0.3)
        feed = _feed()
        t0 = time.perf_counter()
        for i in range(0, len(feed), CHUNK):
            e_hub.submit(feed[i:i + CHUNK])
        while min(src.health.readings for _s, src in consoles) < len(feed):
            assert time.perf_counter() - t0 < 300, "the readings never reached every console"
            time.sleep(0.005)
        return time.perf_counter() - t0
    finally:
        pub.stop()
        for store, src in consoles:
            src.stop()
            store.close()
        e_store.close()


def readings_bare(folder: Path, port: int) -> float:
    """The same messages through mosquitto_pub -l to 4 mosquitto_sub, timed until every sub has all."""
    import subprocess

    from console.centre.readings_link import CHUNK, readings_payload

    feed = _feed()
    lines = b"".join(readings_payload("engine", feed[i:i + CHUNK]) + b"\n" for i in range(0, len(feed), CHUNK))
    n = len(feed) // CHUNK
    subs = [subprocess.Popen(["mosquitto_sub", "-p", str(port), "-h", "127.0.0.1", "-q", "1", "-t", "bare/readings",
                              "-C", str(n)], stdout=subprocess.DEVNULL) for _ in range(CONSOLES)]
    time.sleep(0.5)  # subscribed
    t0 = time.perf_counter()
    subprocess.run(["mosquitto_pub", "-p", str(port), "-h", "127.0.0.1", "-q", "1", "-t", "bare/readings", "-l"],
                   input=lines, check=True)
    for p in subs:
        assert p.wait(300) == 0
    return time.perf_counter() - t0


def main() -> None:
    import shutil

    if not shutil.which("mosquitto") and not Path("/usr/sbin/mosquitto").exists():
        emit(skipped("centre", "mosquitto is not installed"), ["centre: skipped (no mosquitto)"])
        return
    from tests.source_servers import Mosquitto

    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "broker").mkdir()
        broker = Mosquitto(Path(tmp) / "broker").start()
        try:
            base = bare(broker.port)
            mine = ours(Path(tmp), broker.port)
            r_ours, r_bare = [], []
            for run in range(RUNS):  # interleaved
                r_bare.append(READINGS / readings_bare(Path(tmp), broker.port))
                r_ours.append(READINGS / readings_ours(Path(tmp), broker.port, run))
        finally:
            broker.stop()
    med = statistics.median
    ms = lambda xs: [x * 1000 for x in xs]  # noqa: E731
    res = result(
        "centre",
        figures={"ack_to_other_console_ms": spread(ms(mine), 1), "vs_bare": round(med(mine) / med(base), 1),
                 "readings_per_s_per_console": spread(r_ours, 0), "readings_vs_transport": round(med(r_ours) / med(r_bare), 2)},
        baseline={"bare_three_hops_ms": spread(ms(base), 2), "mosquitto_pub_sub_readings_per_s": spread(r_bare, 0)},
        targets={"ack_to_other_console_ms": ("<=", 1000.0), "readings_per_s_per_console": (">=", 5000.0)},
        open_alarms=OPEN,
    )
    emit(res, [
        f"centre: ack on console A -> shown acknowledged on console B, {OPEN} open alarms, real mosquitto, min/median of {REPS}:"
        f" {min(mine) * 1000:.1f}/{med(mine) * 1000:.1f} ms (target <= 1000 ms); bare paho over the same three hops"
        f" {min(base) * 1000:.2f}/{med(base) * 1000:.2f} ms ({med(mine) / med(base):.0f}x: the engine's check, durable write and republish are in between)",
        f"centre: readings engine -> {CONSOLES} consoles (each into its hub and cache), {READINGS:,} readings, min/median of {RUNS}:"
        f" {min(r_ours):,.0f}/{med(r_ours):,.0f} readings/s per console; the same messages mosquitto_pub -> {CONSOLES} mosquitto_sub"
        f" {min(r_bare):,.0f}/{med(r_bare):,.0f}/s; ratio {med(r_ours) / med(r_bare):.2f}x (target >= 5,000/s per console: 3x 100k streams a minute;"
        f" ours writes each reading into 5 SQLite caches in one process, the transport alone writes none)",
    ])


if __name__ == "__main__":
    main()
