"""Regenerate the icing screenshots: `xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python
docs/make_icing_screenshots.py` (or offscreen, without xvfb-run).

Runs on a throw-away data folder and a FakeClock, so the times shown are the same on every run and no real
data is touched. Writes docs/screenshots/icing-running.png, icing-ended-asleep.png and tray-menu.png.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path

if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QWidget

from coach.core.operations.context import Coach
from coach.core.paths import resolve_places
from coach.core.session.clock import FakeClock
from coach.core.store.adherence import AdherenceStore
from coach.gui.app import CoachApp, Services

OUT = Path(__file__).resolve().parent / "screenshots"


def save(widget: QWidget, name: str) -> None:
    QApplication.processEvents()
    target = OUT / name
    widget.grab().save(str(target))
    print(f"wrote {target}")


def main() -> int:
    app = QApplication(sys.argv)
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as data:
        os.environ["COACH_DATA_DIR"] = data
        places = resolve_places()
        clock = FakeClock(wall=datetime(2026, 3, 2, 14, 12).astimezone(), monotonic=1000.0)
        context = Coach(places, clock, store=AdherenceStore.open(places.database))
        coach = CoachApp(context, services=Services())
        window = coach.ice.icing_window

        coach.ice.start(20)
        clock.advance(7 * 60 + 23)
        coach.ice.controller.tick()
        window.resize(520, 380)
        save(window, "icing-running.png")

        menu = coach.ice.tray.menu
        menu.popup(QPoint(40, 40))
        save(menu, "tray-menu.png")
        menu.hide()

        clock.suspend(60 * 60)
        coach.ice.controller.tick()
        save(window, "icing-ended-asleep.png")

        coach.close()
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
