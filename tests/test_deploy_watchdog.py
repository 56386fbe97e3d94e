"""The wall client under a watchdog, for real, without systemd.

A tiny supervisor does what systemd does for a ``Type=notify`` unit with
``WatchdogSec=`` and ``Restart=on-failure``: it opens a NOTIFY_SOCKET (AF_UNIX
datagram, credentials passed so it knows which process spoke), starts the console,
waits for READY=1, kills it (SIGABRT, as systemd does) when no WATCHDOG=1 arrived
within the timeout, and restarts it when it dies.
"""

from __future__ import annotations

import os
import signal
import socket
import struct
import subprocess
import sys
import time
from dataclasses import dataclass, field

import pytest

from console.app.state import STATE_FILE, load_state, save_state
from console.app.watchdog import Notifier
from tests.deploy_helpers import ROOT, console_cmd, isolated_env

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="sd_notify is Linux-only")

WATCHDOG_S = 1.5
CREDS = struct.Struct("iII")  # pid, uid, gid (struct ucred)


@dataclass
class Message:
    pid: int
    fields: dict[str, str]
    at: float


@dataclass
class Supervisor:
    sock_path: str
    env: dict[str, str]
    args: list[str]
    sock: socket.socket = field(init=False)
    proc: subprocess.Popen | None = None
    starts: int = 0
    log: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(self.sock_path)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_PASSCRED, 1)

    def start(self, **extra_env: str) -> int:
        env = dict(self.env, NOTIFY_SOCKET=self.sock_path, WATCHDOG_USEC=str(int(WATCHDOG_S * 1e6)), **extra_env)
        self.proc = subprocess.Popen(console_cmd(*self.args), cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self.starts += 1
        return self.proc.pid

    def recv(self, timeout: float) -> Message | None:
        self.sock.settimeout(max(0.01, timeout))
        try:
            data, anc, _, _ = self.sock.recvmsg(4096, socket.CMSG_SPACE(CREDS.size))
        except TimeoutError:
            return None
        pid = next((CREDS.unpack(d[: CREDS.size])[0] for lvl, typ, d in anc
                    if lvl == socket.SOL_SOCKET and typ == socket.SCM_CREDENTIALS), -1)
        fields = dict(line.split("=", 1) for line in data.decode().splitlines() if "=" in line)
        return Message(pid, fields, time.monotonic())

    def wait_ready(self, timeout: float = 45.0) -> Message:
        """READY=1 from the current process (a process that dies first is restarted, like Restart=on-failure)."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            m = self.recv(0.2)
            if m and m.pid == self.proc.pid and m.fields.get("READY") == "1":
                return m
            if self.proc.poll() is not None:
                raise AssertionError(f"console died before READY: {self.proc.returncode}\n{self.proc.stderr.read().decode()[-3000:]}")
        raise AssertionError("no READY=1 in time")

    def watch(self, limit: float) -> str:
        """Follow the current process until the watchdog fires or it dies. Returns what happened."""
        pid, last_beat, beats = self.proc.pid, time.monotonic(), 0
        end = time.monotonic() + limit
        while time.monotonic() < end:
            m = self.recv(0.1)
            if m and m.pid == pid and m.fields.get("WATCHDOG") == "1":
                last_beat, beats = m.at, beats + 1
            if self.proc.poll() is not None:
                self.log.append(f"pid {pid} exited {self.proc.returncode} after {beats} heartbeats")
                return "exited"
            if time.monotonic() - last_beat > WATCHDOG_S:
                self.log.append(f"pid {pid}: watchdog timeout after {beats} heartbeats")
                self.proc.send_signal(signal.SIGABRT)  # systemd's WatchdogSignal default
                try:
                    self.proc.wait(5)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait()
                return "watchdog"
        return "alive"

    def close(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.sock.close()


def test_notifier_speaks_the_protocol(tmp_path):
    path = str(tmp_path / "notify")
    server = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    server.bind(path)
    server.settimeout(2)
    n = Notifier({"NOTIFY_SOCKET": path, "WATCHDOG_USEC": "3000000"})
    assert n.enabled and n.heartbeat_interval_s == 1.5
    assert n.ready("wall: layout x") and n.heartbeat()
    assert server.recv(1024).decode().splitlines() == ["READY=1", "STATUS=wall: layout x", f"MAINPID={os.getpid()}"]
    assert server.recv(1024) == b"WATCHDOG=1"
    server.close()
    assert n.heartbeat() is False  # supervisor gone: no exception
    n.close()
    off = Notifier({})
    assert not off.enabled and off.heartbeat_interval_s is None and off.heartbeat() is False
    other = Notifier({"NOTIFY_SOCKET": path, "WATCHDOG_USEC": "3000000", "WATCHDOG_PID": str(os.getpid() + 1)})
    assert other.heartbeat_interval_s is None  # meant for another process


def test_notifier_abstract_socket():
    name = f"city-console-test-{os.getpid()}"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    server.bind("\0" + name)
    server.settimeout(2)
    Notifier({"NOTIFY_SOCKET": "@" + name}).heartbeat()
    assert server.recv(64) == b"WATCHDOG=1"
    server.close()


def test_state_file_survives_garbage(tmp_path):
    (tmp_path / STATE_FILE).write_text("{not json", encoding="utf-8")
    assert load_state(tmp_path) == {}
    save_state(tmp_path, last_layout="flood-map")
    save_state(tmp_path, other=1)
    assert load_state(tmp_path) == {"last_layout": "flood-map", "other": 1}


def test_wall_client_restarts_after_a_frozen_gui_and_after_sigkill(tmp_path):
    home = tmp_path / "home"
    # the wall last showed the cameras layout (not the default overview): it must come back on it
    save_state(home / "state" / "city-console", last_layout="flood-cameras")
    sup = Supervisor(str(tmp_path / "notify"), isolated_env(home),
                     ["--wall", "--offline", "--cache", str(tmp_path / "cache"), "--size", "800x450"])
    try:
        # 1: the GUI thread freezes 2 s after start: heartbeats stop, the watchdog fires
        pid1 = sup.start(CITY_CONSOLE_TEST_FREEZE_AFTER="2")
        ready = sup.wait_ready()
        assert ready.fields["STATUS"] == "wall: layout flood-cameras" and ready.fields["MAINPID"] == str(pid1)
        t0 = time.monotonic()
        assert sup.watch(limit=30) == "watchdog", sup.log
        assert time.monotonic() - t0 < 2 + WATCHDOG_S + 3, "the freeze was noticed within WatchdogSec"
        assert sup.proc.returncode == -signal.SIGABRT
        # faulthandler wrote where the GUI thread hung
        crash = (home / "state" / "city-console" / "log" / "crash.log").read_text(encoding="utf-8")
        assert "Fatal Python error: Aborted" in crash and "_freeze" in crash

        # 2: restarted (Restart=on-failure): same layout, heartbeats flow
        pid2 = sup.start()
        ready = sup.wait_ready()
        assert ready.fields["STATUS"] == "wall: layout flood-cameras" and pid2 != pid1
        assert sup.watch(limit=3 * WATCHDOG_S) == "alive", sup.log

        # 3: SIGKILL: the supervisor sees it die and restarts it
        sup.proc.send_signal(signal.SIGKILL)
        assert sup.watch(limit=10) == "exited" and sup.proc.returncode == -signal.SIGKILL
        sup.start()
        ready = sup.wait_ready()
        assert ready.fields["STATUS"] == "wall: layout flood-cameras"
        assert sup.watch(limit=2 * WATCHDOG_S) == "alive", sup.log
        assert sup.starts == 3
        # systemctl stop: SIGTERM ends it cleanly (exit 0, which Restart=on-failure leaves stopped)
        sup.proc.terminate()
        assert sup.proc.wait(15) == 0
    finally:
        sup.close()
    assert load_state(home / "state" / "city-console")["last_layout"] == "flood-cameras"


def test_only_the_wall_client_remembers_its_layout(tmp_path):
    from console.app.runtime import Runtime, RuntimeOptions

    def runtime(wall: bool) -> Runtime:
        return Runtime(RuntimeOptions(cache_dir=tmp_path / "c", state_dir=tmp_path / "s", offline=True, wall=wall))

    rt = runtime(wall=False)
    default = rt.initial_layout().name
    rt.layout_shown("flood-map")
    rt.stop()
    assert not (tmp_path / "s" / STATE_FILE).exists()
    rt = runtime(wall=True)
    assert rt.initial_layout().name == default
    rt.layout_shown("flood-map")
    rt.stop()
    rt = runtime(wall=True)
    assert rt.initial_layout().name == "flood-map"
    rt.layout_shown("no-such-layout")  # e.g. a --layout file's: not among the layouts, so the default
    rt.stop()
    rt = runtime(wall=True)
    assert rt.initial_layout().name == default
    rt.stop()
