"""Regenerate the README's screenshots: `.venv/bin/python docs/make_screenshots.py`.

Runs Qt offscreen on a throw-away data folder, so it needs no display and touches no real data.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from coach.core.clock import SystemClock
from coach.core.paths import resolve_places
from coach.core.store import AdherenceStore
from coach.gui.app import CoachApp, Services

OUT = Path(__file__).resolve().parent / "screenshots"


def main() -> int:
    app = QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as data:
        os.environ["COACH_DATA_DIR"] = data
        places = resolve_places()
        coach = CoachApp(
            places, AdherenceStore.open(places.database), clock=SystemClock(), services=Services()
        )
        window = coach.window
        window.resize(960, 560)
        window.show()
        titles = [window.routine_list.item(i).text() for i in range(window.routine_list.count())]
        window.routine_list.setCurrentRow(titles.index("Hip strength (weeks 1–6)"))
        app.processEvents()
        OUT.mkdir(parents=True, exist_ok=True)
        target = OUT / "main-window.png"
        window.grab().save(str(target))
        print(f"wrote {target}")
        window.close()
        coach.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
