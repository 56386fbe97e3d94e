import sys

from console.app.cli import main

sys.exit(main())
