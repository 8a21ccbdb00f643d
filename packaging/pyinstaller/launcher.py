"""The standalone build's entry point: the `coach` command (no arguments opens the app)."""

import sys

from coach.cli import main

if __name__ == "__main__":
    sys.exit(main())
