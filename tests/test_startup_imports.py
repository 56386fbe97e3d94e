"""What an offline start imports before its first painted wall (issue 25: start-up <= 3x a
bare window). Each module here cost start-up time and is not needed for the first frame."""

import os
import subprocess
import sys

# network clients (no source runs offline), and the commands' modules (no command given)
NOT_AT_START = ("ssl", "http.client", "urllib.request", "requests", "console.centre.wall_link",
                "console.app.wall_cli", "console.app.engine_cli", "plugins.taskboard.cli")

PROBE = """
import atexit, sys
atexit.register(lambda: print("LOADED", sorted(m for m in {names!r} if m in sys.modules)))
from console.app.cli import main
sys.exit(main(["--offline", "--cache", sys.argv[1], "--log-dir", sys.argv[1], "--screenshot", sys.argv[2], "--after", "0"]))
"""


def test_an_offline_start_imports_no_network_client_and_no_command(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", PROBE.format(names=NOT_AT_START), str(tmp_path), str(tmp_path / "w.png")],
                         capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert (tmp_path / "w.png").is_file()
    assert "LOADED []" in out.stdout, out.stdout
