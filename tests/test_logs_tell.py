"""Logs that tell: Qt's own warnings and uncaught exceptions on any thread reach the log file;
dialogs the style sheet does not reach are dark (Fusion with the theme's palette)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SCRIPT = r"""
import sys, threading
from pathlib import Path
from console.app.logsetup import setup_logging
logs = setup_logging("INFO", Path(sys.argv[1]), crash_reports=False)
from PySide6.QtCore import QTimer, qWarning
from console.gui.app import make_application
from console.gui.qt_log import install_qt_log
app = make_application()
install_qt_log()
qWarning("a warning from Qt itself: tile 7 lost its font")
QTimer.singleShot(0, lambda: 1 / 0)  # an exception in a slot, on the GUI thread
QTimer.singleShot(50, app.quit)
app.exec()
t = threading.Thread(target=lambda: {}["missing-key"], name="source-http-1")
t.start(); t.join()
logs.stop()
"""


def test_qt_warnings_and_uncaught_exceptions_reach_the_log_file(tmp_path):
    out = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path)], capture_output=True, text=True,
                         cwd=ROOT, timeout=60, env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    text = (tmp_path / "city-console.log").read_text(encoding="utf-8")
    assert "WARNING" in text and "qt: a warning from Qt itself: tile 7 lost its font" in text, text
    assert "uncaught exception on the main thread" in text and "ZeroDivisionError" in text, text
    assert "uncaught exception in thread source-http-1" in text and "KeyError: 'missing-key'" in text, text
    # the hooks before ours still ran: the traceback is on stderr too
    assert "ZeroDivisionError" in out.stderr


DARK = r"""
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QMessageBox
from console.gui.app import make_application
from widgets import theme
app = make_application()
box = QMessageBox()  # a dialog nothing in the style sheet names
window = box.palette().color(QPalette.ColorRole.Window)
text = box.palette().color(QPalette.ColorRole.WindowText)
print(app.style().objectName() or type(app.style()).__name__, window.name(), window.lightness(), text.lightness(), theme.BG)
"""


def test_dialogs_are_dark():
    # in a process of its own: the style and palette are the application's, shared by every test here
    out = subprocess.run([sys.executable, "-c", DARK], capture_output=True, text=True, cwd=ROOT, timeout=60,
                         env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.returncode == 0, out.stderr
    _style, window, window_l, text_l, bg = out.stdout.split()
    assert window == bg and int(window_l) < 60 and int(text_l) > 180
