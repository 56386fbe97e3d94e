"""Entry script of the frozen build (PyInstaller needs a script; pip's launchers call the same main)."""

import sys

from console.app.cli import main

if __name__ == "__main__":
    sys.exit(main())
