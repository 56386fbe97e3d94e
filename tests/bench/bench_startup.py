"""Start-up: process start to first painted wall vs a bare PySide6 window, same run.

Both run as fresh processes that paint once, save the frame and exit; we time the
whole process. The console opens offline on a filled cache (what a restart shows).
Five runs, ours and bare alternately; min/median. Target (issue 25): ours <= 3x bare.

Both read compiled bytecode, as an installed console does (pip and PyInstaller ship it;
PySide6's own modules always have theirs): our packages are compiled once before the runs
(``compileall``, into their ``__pycache__``, git-ignored). Without it a shell with
PYTHONDONTWRITEBYTECODE (ours has it) made every run of ours compile some 180 modules, a
third of a second the bare window never pays.
"""

from __future__ import annotations

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
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv)
w = QMainWindow(); w.setCentralWidget(QLabel("hello")); w.resize(1920, 1080); w.show()
QTimer.singleShot(0, lambda: (w.grab().save(sys.argv[1]), app.quit()))
app.exec()
"""


def timed(cmd: list[str], cpu: list[float]) -> float:
    """The process's wall time; its CPU time (user + system) appended to ``cpu``: on a PC
    shared with other work the wall time mostly measures the queue for a core."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True, env=ENV, timeout=120)
    elapsed = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-2000:])
    cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return elapsed


def main(runs: int = 5) -> dict:
    with tempfile.TemporaryDirectory() as d:
        png = str(Path(d) / "x.png")
        subprocess.run([sys.executable, "-m", "compileall", "-q", *PACKAGES], cwd=ROOT, env=ENV, check=True, capture_output=True)
        # fill the cache once: twelve hours of the demo
        subprocess.run([sys.executable, "-m", "console", "--demo", "--cache", d, "--screenshot", png, "--after", "2"], env=ENV, check=True, capture_output=True, timeout=120)
        ours, bare, ours_cpu, bare_cpu = [], [], [], []
        for _ in range(runs):
            ours.append(timed([sys.executable, "-m", "console", "--offline", "--cache", d, "--screenshot", png, "--after", "0"], ours_cpu))
            bare.append(timed([sys.executable, "-c", BARE, png], bare_cpu))
    res = result("startup", figures={"ours_s": spread(ours, 3), "ratio": spread((o / b for o, b in zip(ours, bare)), 2),
                                     "ours_cpu_s": spread(ours_cpu, 3), "cpu_ratio": spread((o / b for o, b in zip(ours_cpu, bare_cpu)), 2)},
                 baseline={"bare_s": spread(bare, 3), "bare_cpu_s": spread(bare_cpu, 3)}, targets={"ratio": ("<=", 3.0)})
    f, b = res["figures"], res["baseline"]
    emit(res, [f"start-up to first painted wall: ours {min(ours):.2f}/{f['ours_s']['median']:.2f} s, bare PySide6 window"
               f" {min(bare):.2f}/{b['bare_s']['median']:.2f} s, ratio {f['ratio']['min']:.2f}/{f['ratio']['median']:.2f}x"
               f" (min/median of {runs}, interleaved; target <= 3x)",
               f"  CPU time: ours {min(ours_cpu):.2f}/{f['ours_cpu_s']['median']:.2f} s, bare {min(bare_cpu):.2f}/"
               f"{b['bare_cpu_s']['median']:.2f} s, ratio {f['cpu_ratio']['min']:.2f}/{f['cpu_ratio']['median']:.2f}x"])
    return res


if __name__ == "__main__":
    main()
