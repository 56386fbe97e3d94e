"""Start-up: process start to first painted wall vs a bare PySide6 window, same run.

Both run as fresh processes that paint, save the frame and exit. Two figures each:
- first frame: from the launch to the first paint of the first window (ours stamps it
  in its --dump-state, console.gui.first_paint; the bare window stamps its own with the
  same event filter). What the operator sees then: every tile with its title, figures,
  lists, chart legends with their last values; the charts' plots are built right after
  (widgets.first_frame). Target (issue 25): ours <= 3x bare.
- whole run: the launch to the process's exit, after the screenshot of the finished
  wall (charts' plots built) and a clean close of the cache; no target, shown beside.
The console opens offline on a filled cache (what a restart shows). Five runs, ours and
bare alternately; min/median.

Both read compiled bytecode, as an installed console does (pip and PyInstaller ship it;
PySide6's own modules always have theirs): our packages are compiled once before the runs
(``compileall``, into their ``__pycache__``, git-ignored). Without it a shell with
PYTHONDONTWRITEBYTECODE (ours has it) made every run of ours compile some 180 modules, a
third of a second the bare window never pays.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.bench.results import emit, result, spread  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
ENV = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
PACKAGES = ("console", "widgets", "layers", "plugins", "resources")  # what `pip install` compiles of ours

BARE = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            print(f"first_frame_at {time.time()!r}", flush=True)
        return False
app = QApplication(sys.argv)
w = QMainWindow(); w.setCentralWidget(QLabel("hello")); w.resize(1920, 1080)
stamp = FirstPaint(); w.installEventFilter(stamp); w.show()
QTimer.singleShot(0, lambda: (w.grab().save(sys.argv[1]), app.quit()))
app.exec()
"""


def timed(cmd: list[str], cpu: list[float], first: list[float], dump: Path | None = None) -> float:
    """The process's wall time; its CPU time (user + system) appended to ``cpu``: on a PC
    shared with other work the wall time mostly measures the queue for a core; the launch
    to its first frame appended to ``first`` (from ``dump``'s first_frame_at, else the
    line ``first_frame_at T`` it printed)."""
    if dump is not None and dump.exists():
        dump.unlink()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    launched = time.time()
    began = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True, env=ENV, timeout=120)
    elapsed = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-2000:])
    cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    if dump is not None:
        painted = json.loads(dump.read_text(encoding="utf-8")).get("first_frame_at")
    else:
        painted = next((float(ln.split()[1]) for ln in out.stdout.splitlines() if ln.startswith("first_frame_at ")), None)
    if painted is None:
        raise RuntimeError(f"no first frame stamped by {cmd[:3]}")
    first.append(painted - launched)
    return elapsed


def main(runs: int = 5) -> dict:
    with tempfile.TemporaryDirectory() as d:
        png = str(Path(d) / "x.png")
        subprocess.run([sys.executable, "-m", "compileall", "-q", *PACKAGES], cwd=ROOT, env=ENV, check=True, capture_output=True)
        # fill the cache once: twelve hours of the demo
        subprocess.run([sys.executable, "-m", "console", "--demo", "--cache", d, "--screenshot", png, "--after", "2"], env=ENV, check=True, capture_output=True, timeout=120)
        dump = Path(d) / "state.json"
        ours, bare, ours_cpu, bare_cpu, ours_first, bare_first = [], [], [], [], [], []
        for _ in range(runs):
            ours.append(timed([sys.executable, "-m", "console", "--offline", "--cache", d, "--screenshot", png,
                               "--dump-state", str(dump), "--after", "0"], ours_cpu, ours_first, dump))
            bare.append(timed([sys.executable, "-c", BARE, png], bare_cpu, bare_first))
    res = result("startup", figures={
        "first_frame_s": spread(ours_first, 3), "ratio": spread((o / b for o, b in zip(ours_first, bare_first)), 2),
        "whole_s": spread(ours, 3), "whole_ratio": spread((o / b for o, b in zip(ours, bare)), 2),
        "ours_cpu_s": spread(ours_cpu, 3), "cpu_ratio": spread((o / b for o, b in zip(ours_cpu, bare_cpu)), 2)},
        baseline={"bare_first_frame_s": spread(bare_first, 3), "bare_whole_s": spread(bare, 3), "bare_cpu_s": spread(bare_cpu, 3)},
        targets={"ratio": ("<=", 3.0)})
    f, b = res["figures"], res["baseline"]
    emit(res, [f"start-up to the first painted wall: ours {min(ours_first):.2f}/{f['first_frame_s']['median']:.2f} s, bare PySide6 window"
               f" {min(bare_first):.2f}/{b['bare_first_frame_s']['median']:.2f} s, ratio {f['ratio']['min']:.2f}/{f['ratio']['median']:.2f}x"
               f" (min/median of {runs}, interleaved; target <= 3x; the charts' plots follow it)",
               f"  whole run (screenshot of the finished wall, clean close): ours {min(ours):.2f}/{f['whole_s']['median']:.2f} s,"
               f" bare {min(bare):.2f}/{b['bare_whole_s']['median']:.2f} s, ratio {f['whole_ratio']['min']:.2f}/{f['whole_ratio']['median']:.2f}x",
               f"  CPU time: ours {min(ours_cpu):.2f}/{f['ours_cpu_s']['median']:.2f} s, bare {min(bare_cpu):.2f}/"
               f"{b['bare_cpu_s']['median']:.2f} s, ratio {f['cpu_ratio']['min']:.2f}/{f['cpu_ratio']['median']:.2f}x"])
    return res


if __name__ == "__main__":
    main()
