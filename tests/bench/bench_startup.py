"""Start-up: process start to first painted wall vs a bare PySide6 window, same run.

Both run as fresh processes that paint once, save the frame and exit; we time the
whole process. The console opens offline on a filled cache (what a restart shows).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENV = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))

BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv)
w = QMainWindow(); w.setCentralWidget(QLabel("hello")); w.resize(1920, 1080); w.show()
QTimer.singleShot(0, lambda: (w.grab().save(sys.argv[1]), app.quit()))
app.exec()
"""


def timed(cmd: list[str]) -> float:
    began = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True, env=ENV, timeout=120)
    elapsed = time.perf_counter() - began
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-2000:])
    return elapsed


def main(runs: int = 5) -> dict:
    with tempfile.TemporaryDirectory() as d:
        png = str(Path(d) / "x.png")
        # fill the cache once: twelve hours of the demo
        subprocess.run([sys.executable, "-m", "console", "--demo", "--cache", d, "--screenshot", png, "--after", "2"], env=ENV, check=True, capture_output=True, timeout=120)
        ours = [timed([sys.executable, "-m", "console", "--offline", "--cache", d, "--screenshot", png, "--after", "0"]) for _ in range(runs)]
        bare = [timed([sys.executable, "-c", BARE, png]) for _ in range(runs)]
    out = {"ours_s": statistics.median(ours), "bare_s": statistics.median(bare)}
    out["ratio"] = out["ours_s"] / out["bare_s"]
    print(f"start-up to first painted wall: ours {out['ours_s']:.2f} s, bare PySide6 window {out['bare_s']:.2f} s, ratio {out['ratio']:.2f}x (median of {runs})")
    return out


if __name__ == "__main__":
    main()
