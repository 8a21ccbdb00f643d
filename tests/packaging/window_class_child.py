"""Run under Xvfb by test_window_class: open the app's windows on X11 and print each one's WM_CLASS.

Starts the QApplication the way `coach` does (coach.gui.main.run_app's identity steps), on a temporary data
folder given as argv[1], and asks xprop, the X server's own answer, rather than Qt.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from coach.core.operations.context import Coach
from coach.core.paths import resolve_places
from coach.core.session.clock import SystemClock
from coach.core.store.adherence import AdherenceStore
from coach.gui.app import CoachApp, Services
from coach.gui.identity import prepare_identity, qt_arguments


def main(data_dir: Path) -> int:
    prepare_identity()
    qt_app = QApplication(qt_arguments(["/usr/bin/coach"]))
    places = resolve_places({"COACH_DATA_DIR": str(data_dir)})
    app = CoachApp(
        Coach(places, SystemClock(), store=AdherenceStore.open(places.database)), services=Services()
    )
    try:
        app.window.show()
        windows = {"main": app.window, "history": app.show_history(), "icing": app.ice.icing_window}
        app.ice.icing_window.show()
        for name, window in windows.items():
            if not QTest.qWaitForWindowExposed(window, 5000):
                print(f"{name}: never shown", file=sys.stderr)
                return 1
            wm_class = subprocess.run(
                ["xprop", "-id", str(int(window.winId())), "WM_CLASS"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
            print(f"{name}: {wm_class}")
    finally:
        app.close()
        qt_app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
