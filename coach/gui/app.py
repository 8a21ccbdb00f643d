"""The application: data paths, the store, the services, and the windows wired to the core.

`CoachApp` is the one object that knows every part; windows only report what the user asked for.
Tests build it with a FakeClock, null services and a temporary COACH_DATA_DIR.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from coach import __version__
from coach.core.clock import Clock, SystemClock
from coach.core.icing import close_abandoned_runs
from coach.core.library import Library, discover_routines
from coach.core.paths import Places, resolve_places
from coach.core.reminders import dose_days
from coach.core.safety import ICING_MAX_MINUTES
from coach.core.settings import Settings, load_settings, save_settings
from coach.core.store import AdherenceStore, StoreError
from coach.gui.icing import IcingController, IcingWindow
from coach.gui.instance import InstanceError, InstanceServer, Request, hand_over, server_name
from coach.gui.main_window import MainWindow
from coach.gui.reminders import ReminderDialog, ReminderScheduler
from coach.gui.tray import CoachTray
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
        self._setup_icing()

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

    def _setup_icing(self) -> None:
        """The icing timer, its window, the tray, and how a second launch's request reaches us."""
        close_abandoned_runs(self.store, self.clock.wall())
        self.icing = IcingController(
            self.store, self.clock, self.services.sound, self.services.notifier, parent=self
        )
        self.icing_window = IcingWindow(self.icing)
        self.icing_window.start_requested.connect(self.start_icing)
        self.window.ice_action.triggered.connect(self._on_ice_action)
        self.window.quit_action.triggered.connect(self.quit)
        self.tray = CoachTray(self.icing, self.window.history_action, parent=self)
        self.tray.start_icing_requested.connect(self._on_ice_action)
        self.tray.stop_icing_requested.connect(self._on_stop_icing)
        self.tray.routine_requested.connect(self._on_todays_routine)
        self.tray.show_requested.connect(self._on_show)
        self.tray.quit_requested.connect(self.quit)
        if self.tray.icon is not None:
            # With a tray, closing the window leaves the app (its icing timer, its reminders) running.
            QApplication.setQuitOnLastWindowClosed(False)
        self.reminders = ReminderScheduler(
            self.clock,
            self.services.notifier,
            lambda: self.settings,
            self.change_settings,
            lambda: dose_days(self.store.sessions()),
            parent=self,
        )
        self.reminders.start_requested.connect(self._on_todays_routine)
        self.reminders_action = QAction(self.tr("&Reminders…"), self.window)
        self.reminders_action.triggered.connect(self.edit_reminders)
        self.window.session_menu.insertAction(self.window.quit_action, self.reminders_action)
        self.reminders.check()  # one missed while the app was closed shows now

    def start_icing(self, minutes: int) -> str | None:
        """Start icing for `minutes` and show the icing window; returns the refusal's sentence, if refused.

        Asking while a timer runs just shows it.
        """
        refusal = self.icing.start(minutes)
        self.icing_window.show_refusal(refusal)
        _bring_forward(self.icing_window)
        return refusal

    def handle_request(self, request: Request) -> str:
        """Carry out what a second launch asked; the sentence it prints, or ValueError with a refusal."""
        if request.command == "ice":
            if self.icing.running and self.icing.run is not None:
                _bring_forward(self.icing_window)
                return f"An icing timer is already running: {self.icing.run.minutes_left()} min left."
            minutes = ICING_MAX_MINUTES if request.minutes is None else request.minutes
            refusal = self.start_icing(minutes)
            if refusal:
                raise ValueError(refusal)
            return f"Started a {minutes}-minute icing timer in the Rehab Coach that is already running."
        if request.command == "quit":
            QTimer.singleShot(0, self.quit)
            return "Rehab Coach is quitting."
        if request.command == "show":
            _bring_forward(self.window)
            return "Rehab Coach is already running; its window is now in front."
        return "Rehab Coach is running."

    def edit_reminders(self) -> None:
        """The days and time of the daily reminder, in a dialog that does not block the timers."""
        self.reminder_dialog = ReminderDialog(self.settings, self.window)
        self.reminder_dialog.accepted.connect(
            lambda: self.reminders.set_schedule(*self.reminder_dialog.chosen())
        )
        self.reminder_dialog.open()

    def quit(self) -> None:
        """Leave the app, tray and all (closing the window alone keeps a tray app running)."""
        self.icing_window.close()
        self.window.close()
        QApplication.quit()

    def _close_icing(self) -> None:
        """Stop (and record) a running timer; delete the parentless windows while Qt still runs."""
        self.icing.stop()
        self.icing_window.close()
        self.icing_window.deleteLater()
        self.tray.menu.deleteLater()
        self.reminders.prompt.close()
        self.reminders.prompt.deleteLater()

    def _on_ice_action(self) -> None:
        self.start_icing(ICING_MAX_MINUTES)

    def _on_stop_icing(self) -> None:
        _bring_forward(self.icing_window)
        self.icing_window.ask_to_stop()

    def _on_todays_routine(self) -> None:
        _bring_forward(self.window)
        self.window.start_action.trigger()

    def _on_show(self) -> None:
        _bring_forward(self.icing_window if self.icing.running else self.window)

    def close(self) -> None:
        self._close_icing()
        self.services.inhibitor.release()
        self.store.close()


def _bring_forward(window: QWidget) -> None:
    window.showNormal()
    window.raise_()
    window.activateWindow()


def run_app(argv: list[str] | None = None, *, request: Request | None = None) -> int:
    """Hand `request` (default: show the window) to a running Rehab Coach, or start one and carry it out."""
    request = request or Request("show")
    name = server_name(resolve_places().data_dir)
    try:
        answer = hand_over(name, request)
    except InstanceError as error:
        print(f"coach: {error}", file=sys.stderr)
        return 1
    if answer is not None:
        print(
            answer.message if answer.ok else f"coach: {answer.message}",
            file=sys.stdout if answer.ok else sys.stderr,
        )
        return 0 if answer.ok else 2
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
    server = InstanceServer(name, app.handle_request, parent=app)
    if not server.listen():
        print("coach: cannot listen for a second launch; it will open a second window", file=sys.stderr)
    app.window.show()
    if request.command == "ice":
        app.start_icing(request.minutes or ICING_MAX_MINUTES)
    try:
        return int(qt_app.exec())
    finally:
        app.close()
