"""QApplication bootstrap: data paths, the library of routines, the main window."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from coach import __version__
from coach.core.library import discover_routines
from coach.core.paths import Places, resolve_places
from coach.gui.main_window import MainWindow


def build_main_window(places: Places) -> MainWindow:
    """The main window over the routines found in `places` (the tests build it the same way)."""
    library = discover_routines(places.bundled_routines, places.user_routines, places.assets)
    return MainWindow(library)


def run_app(argv: list[str] | None = None) -> int:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv)
    app.setApplicationName("Rehab Coach")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("rehab-coach")
    window = build_main_window(resolve_places())
    window.show()
    return int(app.exec())
