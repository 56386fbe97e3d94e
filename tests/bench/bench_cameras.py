"""Camera wall refresh: 1,000 snapshots of 1920x1080 JPEG into 160x90 thumbnails.

Three ways on the same bytes, in the same run:
  limit  QImageReader with setScaledSize in a bare loop (bytes in memory), on as many
         threads as ours has workers: 1 worker is set against 1 thread, 2 against 2
  naive  full decode (QImage.fromData) then a smooth scale to 160x90
  ours   the console's path: CameraFeed reads each frame from the SQLite snapshot cache
         and decodes it at thumbnail size on its worker threads, delivering QImages to
         the GUI thread, while a 5 ms timer measures the GUI thread's longest block.

Three rounds, the limit loops and ours alternately; min/median of the rounds.
Run: QT_QPA_PLATFORM=offscreen python tests/bench/bench_cameras.py   (a few minutes)
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

N = 1000
DISTINCT = 24  # distinct 1080p frames (rendering 1,000 would take longer than the benchmark)
THUMB = (160, 90)
ROUNDS = 3


def main() -> dict:
    from PySide6.QtCore import QEventLoop, QSize, Qt, QTimer
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

    from plugins.flood.camera_scene import Scene
    from console.store.snapshots import SnapshotStore
    from console.gui.camera_feed import CameraFeed, decode_scaled
    from plugins.flood.views.camera_render import encode_jpeg, render_image
    from console.store.store import Store
    from tests.camera_helpers import StallMeter
    from tests.bench.results import result, spread

    app = QApplication.instance() or QApplication(sys.argv[:1])
    t = 1_721_025_125.0
    frames = [
        encode_jpeg(render_image(Scene(f"B{k}", f"弥河 测试 K{k}", k, t + 37 * k, 0.2 + 0.03 * k, 0.7, 8.0 * (k % 3), variant=k, width=1920, height=1080)), 80)
        for k in range(DISTINCT)
    ]
    data = [frames[i % DISTINCT] for i in range(N)]
    mean_kb = sum(map(len, data)) / N / 1024

    def decode_all(part) -> None:
        for d in part:
            img = decode_scaled(d, THUMB, "jpeg")
        assert (img.width(), img.height()) == THUMB

    def bare_loop(threads: int) -> float:
        parts = [data[k::threads] for k in range(threads)]
        t0 = time.perf_counter()
        with ThreadPoolExecutor(threads) as pool:
            list(pool.map(decode_all, parts))
        return N / (time.perf_counter() - t0)

    for d in frames:  # warm up
        decode_scaled(d, THUMB, "jpeg")

    # naive: full decode, then scale (once: it is the slow way, not the baseline of a target)
    t0 = time.perf_counter()
    for d in data:
        full = QImage.fromData(d)
        img = full.scaled(*THUMB, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
    naive = N / (time.perf_counter() - t0)

    runs: dict[str, list[float]] = {k: [] for k in ("limit_1t", "limit_2t", "ours_1w", "ours_2w", "block_1w", "block_2w")}
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.sqlite3")
        snaps = SnapshotStore(store, max_bytes=2**40)
        for i, d in enumerate(data):
            snaps.put(f"CAM{i:04d}", t, d, received=t)
        assert store.flush(60)
        for _ in range(ROUNDS):
            for workers in (1, 2):
                runs[f"limit_{workers}t"].append(bare_loop(workers))
                feed = CameraFeed(snaps, workers=workers)
                done = {"n": 0, "bad": 0}
                loop = QEventLoop()

                def got(frame, done=done, loop=loop):
                    done["n"] += 1
                    if frame.image is None or frame.image.width() != THUMB[0]:
                        done["bad"] += 1
                    if done["n"] == N:
                        loop.quit()

                owner = object()
                meter = StallMeter().start()
                t0 = time.perf_counter()
                # the requests are made from the GUI thread, in page-sized bursts as a wall does
                pending = [f"CAM{i:04d}" for i in range(N)]

                def burst(pending=pending, feed=feed, owner=owner, got=got):
                    for _ in range(24):
                        if pending:
                            feed.request_frame(owner, pending.pop(), QSize(*THUMB), got)
                    if pending:
                        QTimer.singleShot(0, burst)

                QTimer.singleShot(0, burst)
                QTimer.singleShot(120_000, loop.quit)
                loop.exec()
                elapsed = time.perf_counter() - t0
                block = meter.stop()
                feed.shutdown()
                assert done["n"] == N and done["bad"] == 0, done
                runs[f"ours_{workers}w"].append(N / elapsed)
                runs[f"block_{workers}w"].append(block * 1000)
        store.close()
    app.processEvents()
    figures = {}
    for w in (1, 2):
        figures[f"ours_{w}w_per_s"] = spread(runs[f"ours_{w}w"], 0)
        figures[f"ours_{w}w_vs_limit"] = spread((o / lim for o, lim in zip(runs[f"ours_{w}w"], runs[f"limit_{w}t"])), 2)
        figures[f"ours_{w}w_gui_max_block_ms"] = spread(runs[f"block_{w}w"], 1)
    return result(
        "cameras", figures=figures,
        baseline={"limit_1t_per_s": spread(runs["limit_1t"], 0), "limit_2t_per_s": spread(runs["limit_2t"], 0),
                  "naive_per_s": round(naive)},
        targets={"ours_1w_vs_limit": (">=", 0.8), "ours_2w_vs_limit": (">=", 0.8),
                 "ours_1w_gui_max_block_ms": ("<=", 16.0), "ours_2w_gui_max_block_ms": ("<=", 16.0)},
        snapshots=N, source="1920x1080 JPEG", mean_kb=round(mean_kb, 1), thumbnail="160x90", cpus=os.cpu_count(),
    )


def lines(r: dict) -> list[str]:
    f, b = r["figures"], r["baseline"]

    def mm(x, fmt="5.0f"):
        return f"{x['min']:{fmt}}/{x['median']:{fmt}}"

    limit_1 = b["limit_1t_per_s"]["median"]
    return [
        f"{r['snapshots']} x {r['source']} (~{r['mean_kb']} kB) -> {r['thumbnail']} thumbnails, {r['cpus']} CPUs"
        f" (min/median of {ROUNDS} rounds, interleaved)",
        f"  limit  QImageReader scaled, bare loop, 1 thread : {mm(b['limit_1t_per_s'])} /s",
        f"  limit  QImageReader scaled, bare loop, 2 threads: {mm(b['limit_2t_per_s'])} /s",
        f"  naive  full decode + scale (one run)            : {b['naive_per_s']:5d} /s  (1-thread limit is {limit_1 / b['naive_per_s']:.1f}x faster)",
        f"  ours   cache + CameraFeed, 1 worker  : {mm(f['ours_1w_per_s'])} /s = {mm(f['ours_1w_vs_limit'], '.2f')}x the 1-thread limit,"
        f" GUI max block {mm(f['ours_1w_gui_max_block_ms'], '.1f')} ms",
        f"  ours   cache + CameraFeed, 2 workers : {mm(f['ours_2w_per_s'])} /s = {mm(f['ours_2w_vs_limit'], '.2f')}x the 2-thread limit,"
        f" GUI max block {mm(f['ours_2w_gui_max_block_ms'], '.1f')} ms",
        "  (targets: >= 0.8x the limit at the same thread count, GUI thread never blocked over 16 ms)",
    ]


if __name__ == "__main__":
    from tests.bench.results import emit

    r = main()
    emit(r, lines(r))
