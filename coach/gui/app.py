"""The application: data paths, the store, the services, and the windows wired to the core.

`CoachApp` is the one object that knows every part; windows only report what the user asked for.
Tests build it with a FakeClock, null services and a temporary COACH_DATA_DIR.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

from PySide6.QtCore import QObject
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from coach import __version__
from coach.core.clock import Clock, SystemClock
from coach.core.engine import EngineState, SessionEngine, resume_point
from coach.core.library import Library, discover_routines
from coach.core.loader import ILLUSTRATIONS
from coach.core.paths import Places, resolve_places
from coach.core.recording import SessionRecorder, record_session
from coach.core.routine import Routine, plan_steps
from coach.core.settings import Settings, load_settings, save_settings
from coach.core.stats import Summary, summarize
from coach.core.store import AdherenceStore, SessionRecord, StoreError
from coach.gui.main_window import MainWindow
from coach.gui.player import PlayerView
from coach.gui.recovery import RecoveryDialog
from coach.gui.session_end import SessionEndPage
from coach.services.inhibit import Inhibitor, NullInhibitor, make_inhibitor
from coach.services.notify import Notifier, NullNotifier, make_notifier
from coach.services.sound import NullSound, SoundPlayer, make_sound_player
from coach.services.voice import NullVoice, Voice, make_voice


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
        self.window.setWindowIcon(QIcon(str(places.assets / "icons" / "rehab-coach.svg")))
        self.window.start_requested.connect(self.start_routine)
        self.window.history_action.triggered.connect(self.show_history)
        self.player: PlayerView | None = None
        self.recovery_dialog: RecoveryDialog | None = None
        self._build_sound_menu()
        self._select_last_routine()
        self.refresh_summary()

    def change_settings(self, settings: Settings) -> None:
        """Remember the user's choice at once, so that a crash keeps it."""
        self.settings = settings
        save_settings(self.places.data_dir, settings)

    # -- sessions ------------------------------------------------------------------------------------------

    def start_routine(self, routine_id: str) -> PlayerView | None:
        """Open the guided player on the library's routine `routine_id` and start the session."""
        entry = self.library.find(routine_id)
        return None if entry is None else self.play_routine(entry.routine)

    def play_routine(self, routine: Routine) -> PlayerView | None:
        """Open the guided player on `routine` and start the session (recorded step by step)."""
        if self.player is not None:
            return None
        engine = SessionEngine(plan_steps(routine), self.clock)
        recorder = record_session(self.store, routine, engine)
        return self._play(routine, engine, recorder.session_id)

    def offer_recovery(self) -> None:
        """Offer to resume a session the app died in, or to close it as stopped early."""
        open_sessions = [s for s in self.store.open_sessions() if not s.simulated]
        if not open_sessions or self.player is not None:
            return
        *older, newest = open_sessions
        for record in older:
            self.store.close_abandoned(record.id)
        dialog = RecoveryDialog(newest, self._resumable(newest), self.window)
        dialog.finished.connect(lambda _result: self._on_recovery_answer(dialog))
        self.recovery_dialog = dialog
        dialog.open()

    def _resumable(self, record: SessionRecord) -> tuple[Routine, int] | None:
        entry = self.library.find(record.routine_id)
        if entry is None:
            return None
        steps = plan_steps(entry.routine)
        if sum(1 for step in steps if step.kind.is_work) != record.steps_total:
            return None  # the routine file changed since: its steps no longer line up
        start = resume_point(steps, self.store.done_step_indexes(record.id))
        return None if start is None else (entry.routine, start)

    def _on_recovery_answer(self, dialog: RecoveryDialog) -> None:
        record = dialog.record
        plan = self._resumable(record) if dialog.resume_chosen else None
        if plan is None:
            self.store.close_abandoned(record.id)
            self.refresh_summary()
            return
        routine, start = plan
        engine = SessionEngine(plan_steps(routine), self.clock, start_index=start)
        engine.subscribe(SessionRecorder(self.store, record.id))
        self._play(routine, engine, record.id)

    def _play(self, routine: Routine, engine: SessionEngine, session_id: int) -> PlayerView:
        player = PlayerView(
            routine,
            engine,
            placeholder=self.places.assets / ILLUSTRATIONS / "placeholder.svg",
            sound=self.services.sound,
            voice=self.services.voice,
            beeps=self.settings.beeps,
            speak=self.settings.voice,
        )
        player.finished.connect(lambda _completed: self._on_session_finished(session_id))
        self.player = player
        self.window.start_action.setEnabled(False)
        self.window.show_page(player)
        self.services.inhibitor.inhibit(self.tr("Guided exercise session"))
        player.start()
        return player

    def _on_session_finished(self, session_id: int) -> None:
        self.services.inhibitor.release()
        self.player = None
        page = SessionEndPage(self.store.session(session_id), self.store)
        page.done.connect(self._on_session_closed)
        self.window.show_page(page)

    def _on_session_closed(self) -> None:
        self.window.show_library()
        self.window.start_action.setEnabled(self.window.selected_routine() is not None)
        self.refresh_summary()

    # -- the main window's other parts -------------------------------------------------------------------

    def refresh_summary(self) -> None:
        """This week's dose and the streak, under the library."""
        now = self.clock.wall().astimezone()
        summary = summarize(self.store.sessions(), now.date(), now.tzinfo)
        self.window.set_summary(describe_summary(summary))

    def _select_last_routine(self) -> None:
        sessions = self.store.sessions()
        if sessions:
            self.window.select_routine(sessions[-1].routine_id)

    def _build_sound_menu(self) -> None:
        menu = self.window.sound_menu
        self.beeps_action = menu.addAction(self.tr("&Beeps"))
        self.voice_action = menu.addAction(self.tr("Spoken &cues"))
        for action, chosen in (
            (self.beeps_action, self.settings.beeps),
            (self.voice_action, self.settings.voice),
        ):
            action.setCheckable(True)
            action.setChecked(chosen)
            action.toggled.connect(self._on_sound_choice)

    def _on_sound_choice(self) -> None:
        beeps, voice = self.beeps_action.isChecked(), self.voice_action.isChecked()
        self.change_settings(self.settings.replace(beeps=beeps, voice=voice))
        if self.player is not None:
            self.player.beeps, self.player.speak = beeps, voice
            if not voice:
                self.services.voice.stop()

    def show_history(self) -> None:
        QMessageBox.information(
            self.window, self.tr("History"), self.tr("The history window is coming in the next release.")
        )

    def close(self) -> None:
        if self.player is not None and self.player.engine.state in (EngineState.RUNNING, EngineState.PAUSED):
            self.player.finished.disconnect()
            self.player.engine.stop()  # saved as stopped early; every finished step is already stored
        self.services.inhibitor.release()
        self.services.voice.stop()
        self.store.close()


def describe_summary(summary: Summary) -> str:
    """'This week: 1 of 3 sessions · streak: 2 weeks'."""
    if summary.sessions_per_week:
        week = f"This week: {summary.this_week_sessions} of {summary.sessions_per_week} sessions"
        streak = f"{summary.streak_weeks} week" + ("s" if summary.streak_weeks != 1 else "")
    else:
        week = f"This week: {summary.this_week_sessions} sessions"
        streak = f"{summary.streak_days} day" + ("s" if summary.streak_days != 1 else "")
    return f"{week} · streak: {streak}"


def run_app(argv: list[str] | None = None, *, routine: Routine | None = None) -> int:
    """Run the app until its window closes; with `routine`, straight into its guided session."""
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
    services = Services(
        sound=make_sound_player(places.assets / "sounds"),
        voice=make_voice(),
        notifier=make_notifier(),
        inhibitor=make_inhibitor(),
    )
    app = CoachApp(places, store, clock=SystemClock(), services=services)
    app.window.show()
    if routine is not None:
        app.play_routine(routine)
    else:
        app.offer_recovery()
    try:
        return int(qt_app.exec())
    finally:
        app.close()
