"""The HTTP source against a real loopback server that answers as platforms do when things go
wrong: a refusal with status 200, a trickle past the deadline, an answer too big, an HTML login
page, JSON cut off, a 500 with its own message, more items than the cap."""

import json
import socket
import threading
import time

import pytest

from console.settings.sources import parse_settings
from console.sources.http_source import HttpSource
from tests.source_servers import LoopbackServer, free_port, wait_until


def settings(url, **over):
    opts = {"name": "platform", "type": "http", "url": f"{url}/api", "interval_s": 0.2, "timeout_s": 1.0,
            "max_backoff_s": 0.3,
            "mapping": {"items": "data", "id": "code", "value": "v", "stream": "t/{id}/level",
                        "ok": "code == `0`", "error": "msg"}}
    mapping = over.pop("mapping", {})
    opts["mapping"].update(mapping)
    opts.update(over)
    return parse_settings({"sources": [opts]}).sources[0]


@pytest.fixture
def source(hub):
    made = []

    def start(url, **over):
        src = HttpSource(settings(url, **over), hub)
        made.append(src)
        src.start()
        return src

    yield start
    for s in made:
        s.stop()


def serve(body: bytes, status=200, ctype="application/json"):
    return LoopbackServer(lambda req: (status, {"Content-Type": ctype}, body)).start()


def test_a_refusal_with_status_200_turns_the_source_down_with_the_platforms_words(source):
    server = serve(json.dumps({"code": 1, "msg": "token 已过期", "data": []}).encode())
    try:
        src = source(server.url)
        wait_until(lambda: src.health.last_error, 3, what="the refusal")
        assert not src.health.live and "token 已过期" in src.health.last_error
    finally:
        server.stop()


def test_a_good_answer_with_ok_counts(source, hub):
    server = serve(json.dumps({"code": 0, "data": [{"code": "A", "v": 1.5}]}).encode())
    try:
        src = source(server.url)
        wait_until(lambda: src.health.live and hub.latest("t/A/level") is not None, 3, what="a reading")
        assert hub.latest("t/A/level").value == 1.5
    finally:
        server.stop()


@pytest.mark.parametrize("body, ctype, words", [
    (b"<html><head><title>\xe7\x99\xbb\xe5\xbd\x95 Login</title></head><body>sign in</body></html>", "text/html",
     "an HTML page instead of JSON (text/html): 登录 Login"),
    (b'{"code": 0, "data": [{"code": "A", "v": 1.5}, {"code": "B", "v"', "application/json", "JSON cut off at byte 63"),
    (b'{"code": 0, data: []}', "application/json", "not JSON at byte 12"),
    (b"", "application/json", "empty answer"),
])
def test_what_came_instead_of_json_is_said(source, body, ctype, words):
    server = serve(body, ctype=ctype)
    try:
        src = source(server.url)
        wait_until(lambda: src.health.last_error, 3, what="the error")
        assert words in src.health.last_error and "JSONDecodeError" not in src.health.last_error
    finally:
        server.stop()


def test_a_500_shows_the_platforms_own_message(source):
    server = serve(json.dumps({"code": 500, "message": "数据库连接失败 database unreachable"}).encode(), status=500)
    try:
        src = source(server.url)
        wait_until(lambda: src.health.last_error, 3, what="the 500")
        assert "HTTP 500: 数据库连接失败 database unreachable" in src.health.last_error
    finally:
        server.stop()


def test_more_items_than_the_cap_are_counted_not_taken(source, hub):
    items = [{"code": f"S{i}", "v": float(i)} for i in range(30)]
    server = serve(json.dumps({"code": 0, "data": items}).encode())
    try:
        src = source(server.url, max_items=10)
        wait_until(lambda: hub.latest("t/S9/level") is not None, 3, what="the first ten")
        assert hub.latest("t/S10/level") is None
        assert src.catalog.bad.get("over max_items", 0) >= 20
    finally:
        server.stop()


class Trickle:
    """A raw socket server: headers at once, then a byte every 0.2 s (a dying link or a slow platform)."""

    def __init__(self, size: int | None = None):
        self.port = free_port()
        self.size = size
        self.sock = socket.create_server(("127.0.0.1", self.port))
        self.stop_flag = threading.Event()
        threading.Thread(target=self.run, daemon=True).start()

    def run(self):
        self.sock.settimeout(0.2)
        while not self.stop_flag.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            threading.Thread(target=self.answer, args=(conn,), daemon=True).start()

    def answer(self, conn):
        try:
            conn.recv(65536)
            if self.size is not None:  # big and fast
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n" % self.size)
                chunk = b" " * 65536
                sent = 0
                while sent < self.size and not self.stop_flag.is_set():
                    conn.sendall(chunk)
                    sent += len(chunk)
                return
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n")
            for _ in range(1000):
                if self.stop_flag.is_set():
                    return
                conn.sendall(b" ")
                time.sleep(0.2)
        except OSError:
            pass
        finally:
            conn.close()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def close(self):
        self.stop_flag.set()
        self.sock.close()


def test_an_answer_trickled_past_the_deadline_is_refused(source):
    server = Trickle()
    try:
        src = source(server.url, timeout_s=1.0)
        t0 = time.monotonic()
        wait_until(lambda: src.health.last_error, 5, what="the deadline")
        assert time.monotonic() - t0 < 4.0  # not the 200 s the trickle would take
        assert "not complete within 1 s (timeout_s)" in src.health.last_error
    finally:
        server.close()


def test_an_answer_bigger_than_the_cap_is_refused_and_stop_is_prompt(source):
    server = Trickle(size=200_000_000)
    try:
        src = source(server.url, max_body_mb=1, timeout_s=30)
        wait_until(lambda: src.health.last_error, 5, what="the size cap")
        assert "answer larger than 1 MB (max_body_mb)" in src.health.last_error
        t0 = time.monotonic()
        src.stop()
        assert time.monotonic() - t0 < 5.0
    finally:
        server.close()
