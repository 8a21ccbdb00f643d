"""What the app loads before its first paint: only what the first window shows (never timed here)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

# Each is part of the app, and each waits until after the first paint or until it is asked for.
LATER = (
    "sqlite_utils",  # the store's library: the store opens just after the first paint
    "coach.core.store.adherence",
    "coach.core.operations",
    "coach.gui.history",
    "coach.gui.charts",
    "coach.gui.report",
    "coach.gui.check_in",
    "coach.gui.player",
    "coach.gui.icing",
    "coach.gui.tray",
    "coach.gui.help",
    "coach.services.voice",
    "PySide6.QtDBus",  # notifications and screen-sleep inhibition
    "hashlib",  # OpenSSL, for hashing a few routine files (coach.core.digest does it without)
)


def test_the_first_window_loads_nothing_it_does_not_show(data_dir: Path) -> None:
    # Given a new Python, as a launch from the desktop
    probe = (
        "import json, sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from coach.gui.app import first_window, run_app\n"
        "from coach.core.paths import resolve_places\n"
        "app = QApplication([])\n"
        "window = first_window(resolve_places())\n"
        "window.show()\n"
        "app.processEvents()\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    env = {**os.environ, "COACH_DATA_DIR": str(data_dir), "QT_QPA_PLATFORM": "offscreen"}

    # When it builds and shows the first window as run_app does before the first paint
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, env=env)

    # Then nothing that only a later window, the store or a service needs is loaded yet
    loaded = set(json.loads(done.stdout))
    assert "coach.gui.main_window" in loaded
    assert [name for name in LATER if name in loaded] == []
