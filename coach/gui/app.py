"""The application: data paths, the store, the services, and the windows wired to the core.

`CoachApp` is the one object that knows every part; windows only report what the user asked for.
Tests build it with a FakeClock, null services and a temporary COACH_DATA_DIR.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QWidget

from coach.core.clinical.safety import ICING_END_ADVICE, ICING_MAX_MINUTES
from coach.core.paths import Places
from coach.core.routines.library import Library, discover_routines
from coach.core.routines.model import Routine
from coach.core.session.clock import Clock
from coach.gui.main_window import MainWindow
from coach.gui.start import first_window
from coach.gui.start import run_app as run_app  # the command line opens the app by this name

# Only what the first window shows is imported above; the store (sqlite-utils), the operations, the player,
# History, its charts, the check-in, the dialogs and the services load after the first paint or when first
# asked for, so the window appears about as fast as a bare Qt window does (bench/startup.py measures it).
if TYPE_CHECKING:
    from coach.core.operations import Changes, LiveSession, RecoveryOffer
    from coach.core.requests import Request
    from coach.core.session.icing import IcingEnded
    from coach.core.settings import Settings
    from coach.core.store.adherence import AdherenceStore
    from coach.gui.about import AboutDialog
    from coach.gui.backups import BackupsDialog
    from coach.gui.check_in import MorningCheckIn
    from coach.gui.history import HistoryWindow
    from coach.gui.pain_before import PainBeforePage
    from coach.gui.player import PlayerView
    from coach.gui.recovery import RecoveryDialog
    from coach.gui.welcome import WelcomeDialog
    from coach.services.autostart import AutoStart
    from coach.services.inhibit import Inhibitor
    from coach.services.notify import Notifier
    from coach.services.sound import SoundPlayer
    from coach.services.voice import Voice

# Where the welcome suggests a newcomer begins: the bundled programme's first two weeks.
FIRST_ROUTINE = "gentle-start"


@dataclass
class Services:
    """The platform features the app uses, each replaceable by its null version."""

    sound: SoundPlayer = field(default_factory=lambda: _null_services().sound)
    voice: Voice = field(default_factory=lambda: _null_services().voice)
    notifier: Notifier = field(default_factory=lambda: _null_services().notifier)
    inhibitor: Inhibitor = field(default_factory=lambda: _null_services().inhibitor)
    autostart: AutoStart = field(default_factory=lambda: _null_services().autostart)


def _null_services() -> Services:
    """Every null version (imported here: the services' modules load D-Bus, which the first paint skips)."""
    from coach.services.autostart import NullAutoStart
    from coach.services.inhibit import NullInhibitor
    from coach.services.notify import NullNotifier
    from coach.services.sound import NullSound
    from coach.services.voice import NullVoice

    return Services(NullSound(), NullVoice(), NullNotifier(), NullInhibitor(), NullAutoStart())


class CoachApp(QObject):
    """Owns the store, the settings and the main window, and starts sessions, icing and history."""

    def __init__(
        self,
        places: Places,
        store: AdherenceStore,
        *,
        clock: Clock,
        services: Services,
        window: MainWindow | None = None,
    ) -> None:
        """Wire the app around `window` (already shown by run_app before the store opened) or a new one."""
        from coach.core.settings import load_settings
        from coach.gui.operations import OperationRunner
        from coach.gui.routine_folders import RoutineFolders
        from coach.gui.start_at_login import StartAtLoginAction

        super().__init__()
        self.places = places
        self.store = store
        self.clock = clock
        self.services = services
        self.settings = load_settings(places.data_dir)
        self.window = window or first_window(places)
        self.library: Library = self.window.library
        self.runner = OperationRunner(self)
        self.runner.changed.connect(self._on_changes)
        self.window.start_requested.connect(self.ask_before_start)
        self.window.history_action.triggered.connect(self.show_history)
        self.window.about_action.triggered.connect(self.show_about)
        self.player: PlayerView | None = None
        self.pain_page: PainBeforePage | None = None
        self.pain_routine: Routine | None = None
        self.live: LiveSession | None = None
        self.recovery: RecoveryOffer | None = None
        self.recovery_dialog: RecoveryDialog | None = None
        self._build_sound_menu()
        self._select_last_routine()
        self.refresh_summary()
        self._setup_icing()
        self._setup_history()
        self.routine_folders = RoutineFolders(
            [places.bundled_routines, places.user_routines], places.user_routines, parent=self
        )
        self.routine_folders.changed.connect(self._reload_library)
        self.window.session_menu.insertAction(self.window.quit_action, self.routine_folders.open_action)
        self.start_at_login_action = StartAtLoginAction(services.autostart, self.window, self)
        self.window.session_menu.insertAction(self.window.quit_action, self.start_at_login_action)
        self.welcome: WelcomeDialog | None = None
        self._setup_backups()
        self.window.close_guard = self._may_close

    def change_settings(self, settings: Settings) -> None:
        """Remember the user's choice at once, so that a crash keeps it."""
        from coach.core.operations import change_settings

        saved = self.runner.run(lambda: change_settings(self.places.data_dir, settings), self.window)
        if saved is not None:
            self.settings = saved

    def _on_changes(self, changes: Changes) -> None:
        """The main window's part of what an operation changed (History listens for itself)."""
        from coach.core.settings import load_settings

        if changes.routines:
            self._reload_library()
        if changes.settings:  # another window may have saved a choice (the report's name line)
            self.settings = load_settings(self.places.data_dir)
        if changes.history:
            self.refresh_summary()

    # -- sessions ------------------------------------------------------------------------------------------

    def start_routine(self, routine_id: str) -> PlayerView | None:
        """Open the guided player on the library's routine `routine_id` and start the session."""
        entry = self.library.find(routine_id)
        return None if entry is None else self.play_routine(entry.routine)

    def play_routine(self, routine: Routine, pain_before: int | None = None) -> PlayerView | None:
        """Open the guided player on `routine` and start the session (recorded step by step)."""
        from coach.core.operations import answer_pain_before, start_session

        if self.player is not None:
            return None
        live = self.runner.run(lambda: start_session(self.store, routine, self.clock), self.window)
        if live is None:
            return None
        if pain_before is not None:
            self.runner.run(lambda: answer_pain_before(self.store, live.session_id, pain_before), self.window)
        return self._play(live)

    def ask_before_start(self, routine_id: str) -> PainBeforePage | None:
        """Start the library's routine `routine_id` as a person does: pain score first, then the player."""
        entry = self.library.find(routine_id)
        return None if entry is None else self.ask_pain_before(entry.routine)

    def ask_pain_before(self, routine: Routine) -> PainBeforePage | None:
        """Show the one-tap pain score before `routine` (skippable); the answer starts the player."""
        from coach.core.routines.model import is_icing_only
        from coach.gui.pain_before import PainBeforePage

        if self.player is not None or self.pain_page is not None:
            return None
        if is_icing_only(routine):  # the pain rule is about exercise: icing alone asks the knee after
            self.play_routine(routine)
            return None
        page = PainBeforePage(routine.title)
        page.answered.connect(self._on_pain_before)
        page.cancelled.connect(self._close_pain_page)
        self.pain_page, self.pain_routine = page, routine
        self.window.start_action.setEnabled(False)
        self.window.show_page(page)
        page.setFocus()
        return page

    def _on_pain_before(self, pain: int | None) -> None:
        routine = self.pain_routine
        if self.pain_page is None or routine is None:
            return
        self._close_pain_page(back_to_library=False)
        self.play_routine(routine, pain)

    def _close_pain_page(self, *, back_to_library: bool = True) -> None:
        page, self.pain_page = self.pain_page, None
        if page is not None:
            self.window.remove_page(page)
        if back_to_library:
            self._on_session_closed()

    def offer_recovery(self) -> None:
        """Offer to resume a session the app died in, or to close it as stopped early."""
        from coach.core.operations import find_recovery
        from coach.gui.recovery import RecoveryDialog

        if self.player is not None:
            return
        offer = self.runner.run(
            lambda: find_recovery(self.store, self.library, self.clock.wall()), self.window
        )
        if offer is None:
            return
        self.recovery = offer
        dialog = RecoveryDialog(offer.record, offer.why_not, self.window)
        # Bound methods, never lambdas that capture widgets: PySide may then free a widget inside Qt's own
        # clean-up of another, which crashes at exit.
        dialog.finished.connect(self._on_recovery_answer)
        self.recovery_dialog = dialog
        dialog.open()

    def _on_recovery_answer(self) -> None:
        from coach.core.operations import close_abandoned_session, resume_session

        dialog, offer = self.recovery_dialog, self.recovery
        if dialog is None or offer is None:
            return
        session_id = offer.record.id
        if dialog.resume_chosen and offer.why_not is None:
            live = self.runner.run(
                lambda: resume_session(self.store, self.library, self.clock, session_id), self.window
            )
            if live is not None:
                self._play(live)
                return
        self.runner.run(lambda: close_abandoned_session(self.store, session_id), self.window)
        self.offer_morning_check_in()

    def _play(self, live: LiveSession) -> PlayerView:
        from coach.core.routines.loader import ILLUSTRATIONS
        from coach.gui.player import PlayerView

        player = PlayerView(
            live.routine,
            live.engine,
            placeholder=self.places.assets / ILLUSTRATIONS / "placeholder.svg",
            sound=self.services.sound,
            voice=self.services.voice,
            beeps=self.settings.beeps,
            speak=self.settings.voice,
            voice_note=self.voice_unavailable if self.settings.voice else None,
            icing=live.icing,
        )
        player.finished.connect(self._on_session_finished)
        self.player = player
        self.live = live
        self.window.start_action.setEnabled(False)
        self.window.show_page(player)
        self.icing_window.keep_keys_for_player(True)
        self.services.inhibitor.inhibit(self.tr("Guided exercise session"))
        player.start()
        return player

    def _on_session_finished(self) -> None:
        from coach.core.operations import Changes
        from coach.core.routines.model import is_icing_only
        from coach.gui.session_end import SessionEndPage

        live = self.live
        self.icing_window.keep_keys_for_player(False)
        self.services.inhibitor.release()
        if self.player is not None:
            self.window.remove_page(self.player)
        self.player = None
        if live is None:
            return
        if live.unsaved:  # the end (or the last steps) could not be written: try once more, say if not
            self.runner.run(live.save_unsaved, self.window)
        self.runner.announce(Changes(sessions=True, steps=True))
        page = SessionEndPage(live.record(), self.store, self.runner, icing_only=is_icing_only(live.routine))
        page.done.connect(self._on_session_closed)
        self.window.show_page(page)

    def _on_session_closed(self) -> None:
        self.window.show_library()
        self.window.start_action.setEnabled(self.window.selected_routine() is not None)
        self.refresh_summary()

    # -- the main window's other parts -------------------------------------------------------------------

    def refresh_summary(self) -> None:
        """This week's dose and the streak, under the library."""
        from coach.core.history.stats import describe_summary, summarize

        now = self.clock.wall().astimezone()
        with self.runner.reading(self.window):
            summary = summarize(self.store.sessions(), now.date(), now.tzinfo, self.store.day_marks())
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
        if self.voice_unavailable is not None:
            # The choice is kept for when speech can load; the menu says why it cannot now.
            self.voice_action.setEnabled(False)
            self.voice_action.setText(self.tr("Spoken cues unavailable: {0}").format(self.voice_unavailable))

    @property
    def voice_unavailable(self) -> str | None:
        """Why no voice can speak (speech did not load), or None when one can."""
        from coach.services.voice import NullVoice

        voice = self.services.voice
        # A NullVoice with its default reason was chosen (voice turned off, tests), not a failure to load.
        if isinstance(voice, NullVoice) and voice.reason != NullVoice().reason:
            return voice.reason
        return None

    def _on_sound_choice(self) -> None:
        beeps, voice = self.beeps_action.isChecked(), self.voice_action.isChecked()
        self.change_settings(self.settings.replace(beeps=beeps, voice=voice))
        if self.player is not None:
            self.player.beeps, self.player.speak = beeps, voice
            if not voice:
                self.services.voice.stop()

    # -- history and the next-morning check-in ---------------------------------------------------------------

    def _setup_history(self) -> None:
        self.history_window: HistoryWindow | None = None
        self.check_in: MorningCheckIn | None = None

    def show_history(self) -> HistoryWindow:
        """Open the history window (computed afresh), or bring it forward if it is open."""
        from coach.gui.history import HistoryWindow

        if self.history_window is None:
            self.history_window = HistoryWindow(
                self.store, self.clock, self.library, self.places, self.runner
            )
        else:
            self.history_window.refresh()
        _bring_forward(self.history_window)
        return self.history_window

    def show_about(self) -> AboutDialog:
        """Version, licences, the data folder, the clinical sources and what Rehab Coach is not."""
        from coach.gui.about import AboutDialog

        sources = [(e.routine.title, e.routine.source) for e in self.library.routines if e.routine.source]
        dialog = AboutDialog(self.places.data_dir, self.places.assets, sources, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _reload_library(self) -> None:
        """A routine file was written or changed: the library shows it, history advises on it."""
        self.library = discover_routines(
            self.places.bundled_routines, self.places.user_routines, self.places.assets
        )
        self.window.set_library(self.library)
        if self.history_window is not None:
            self.history_window.set_library(self.library)

    def offer_welcome(self) -> WelcomeDialog | None:
        """On the very first start, say what the app does and where to begin (once: it is remembered)."""
        from coach.gui.welcome import WelcomeDialog

        if self.settings.welcomed or self.store.sessions():
            return None
        self.change_settings(self.settings.replace(welcomed=True))
        first = self.library.find(FIRST_ROUTINE)
        self.welcome = WelcomeDialog(first.routine.title if first else None, self.window)
        self.welcome.finished.connect(self._on_welcome_answer)
        self.welcome.open()
        return self.welcome

    def _on_welcome_answer(self) -> None:
        if self.welcome is not None and self.welcome.begin_chosen:
            self.start_routine(FIRST_ROUTINE)

    def offer_morning_check_in(self) -> MorningCheckIn | None:
        """On the first start of a day after a session, ask once how the knee is this morning."""
        from coach.core.history.checkin import morning_check_in_due
        from coach.gui.check_in import MorningCheckIn

        if self.check_in is not None or self.player is not None:
            return None
        if self.recovery_dialog is not None and self.recovery_dialog.isVisible():
            return None  # asked once the recovery question is answered
        now = self.clock.wall().astimezone()
        record = morning_check_in_due(self.store.sessions(), now, now.tzinfo)
        if record is None:
            return None
        self.check_in = MorningCheckIn(record, self.store, self.clock, self.runner, self.window)
        self.check_in.open()
        return self.check_in

    def _close_history(self) -> None:
        """Delete the parentless history window while Qt still runs."""
        if self.history_window is not None:
            self.history_window.close()
            self.history_window.deleteLater()
            self.history_window = None

    def _setup_icing(self) -> None:
        """The icing timer, its window, the tray, and how a second launch's request reaches us."""
        from coach.gui.icing import IcingController, IcingWindow
        from coach.gui.reminders import ReminderScheduler
        from coach.gui.tray import CoachTray

        self.icing = IcingController(
            self.store, self.clock, self.runner, self.services.sound, self.services.notifier, parent=self
        )
        self.icing.changed.connect(self._on_icing_changed)
        self.icing.ended.connect(self._on_icing_ended)
        self.icing.resume()  # a run the app was killed or closed in; ended ones are recorded as ended
        self.icing_window = IcingWindow(self.icing)
        self.icing_window.start_requested.connect(self.start_icing)
        self.icing_window.player_key.connect(self._on_player_key)
        self.window.ice_action.triggered.connect(self._on_ice_action)
        self.window.quit_action.triggered.connect(self.quit)
        self.tray = CoachTray(self.icing, self.window.history_action, parent=self)
        self.tray.start_icing_requested.connect(self._on_ice_action)
        self.tray.stop_icing_requested.connect(self._on_stop_icing)
        self.tray.routine_requested.connect(self._on_todays_routine)
        self.tray.show_requested.connect(self._on_show)
        self.tray.toggle_requested.connect(self._on_tray_click)
        self.tray.quit_requested.connect(self.quit)
        if self.tray.icon is not None:
            # With a tray, closing the window leaves the app (its icing timer, its reminders) running.
            QApplication.setQuitOnLastWindowClosed(False)
        self.reminders = ReminderScheduler(
            self.clock,
            self.services.notifier,
            self._current_settings,
            self.change_settings,
            self._dose_days,
            parent=self,
            times_per_day=self._todays_times_per_day,
            doses=self._doses,
        )
        self.reminders.start_requested.connect(self._on_todays_routine)
        self.reminders_action = QAction(self.tr("&Reminders…"), self.window)
        self.reminders_action.triggered.connect(self.edit_reminders)
        self.window.session_menu.insertAction(self.window.quit_action, self.reminders_action)
        self.reminders.check()  # one missed while the app was closed shows now
        self.runner.changed.connect(self._show_dose_in_tray)
        self._show_dose_in_tray()

    def start_icing(self, minutes: int) -> str | None:
        """Start icing for `minutes` and show the icing window; returns the refusal's sentence, if refused.

        Asking while a timer runs just shows it.
        """
        refusal = self.icing.start(minutes)
        self.icing_window.show_refusal(refusal)
        self.show_icing_window()
        return refusal

    def show_icing_window(self) -> None:
        """Bring the icing window forward; during a session show it beside the player without the keyboard."""
        if not self.session_running():
            _bring_forward(self.icing_window)
            return
        # Space, the arrows and Esc stay with the person's exercise, not with Stop icing.
        window = self.icing_window
        window.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        window.showNormal()
        window.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, False)

    def _on_icing_changed(self) -> None:
        run = self.icing.run
        self.window.show_icing(run.minutes_left() if run is not None and self.icing.running else None)

    def _on_icing_ended(self, ended: IcingEnded) -> None:
        """Make the end seen even with no sound and no notifications: a banner, and the window in front."""
        if not ended.finished:
            return
        when = ended.ended_at.astimezone().strftime("%H:%M")
        self.window.show_banner(self.tr("Icing done at {0}. {1}").format(when, ICING_END_ADVICE))
        self.show_icing_window()

    def _on_player_key(self, key: Qt.Key) -> None:
        if self.player is not None:
            self.player.press(key)

    def handle_request(self, request: Request) -> str:
        """Carry out what a second launch asked; the sentence it prints, or ValueError with a refusal."""
        if request.command == "ice":
            if self.icing.running and self.icing.run is not None:
                self.show_icing_window()
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
        if request.command == "history":
            self.show_history()
            return "Rehab Coach is already running; its history is now in front."
        if request.command == "today":
            self._on_todays_routine()
            return "Rehab Coach is already running; it shows today's routine."
        return "Rehab Coach is running."

    def edit_reminders(self) -> None:
        """The days and time of the daily reminder, in a dialog that does not block the timers."""
        from coach.gui.reminders import ReminderDialog

        self.reminder_dialog = ReminderDialog(self.settings, self.window)
        self.reminder_dialog.accepted.connect(self._on_reminders_chosen)
        self.reminder_dialog.open()

    def _on_reminders_chosen(self) -> None:
        self.reminders.set_schedule(*self.reminder_dialog.chosen())

    def _current_settings(self) -> Settings:
        return self.settings

    def _dose_days(self) -> set[date]:
        from coach.core.history.reminders import dose_days

        return dose_days(self.store.sessions())

    def _doses(self) -> dict[date, int]:
        from coach.core.history.reminders import doses_by_day

        return doses_by_day(self.store.sessions())

    def _todays_times_per_day(self) -> int:
        """How many times a day today's routine (the one Start would start) is due."""
        entry = self.window.selected_routine()
        return entry.routine.times_per_day if entry is not None else 1

    def _show_dose_in_tray(self) -> None:
        """'Start today's routine (2 of 3 today)' in the tray, for a routine due several times a day."""
        dose = self.reminders.dose_text(self.clock.wall())
        self.tray.routine_action.setText(
            self.tr("Start today's &routine ({0})").format(dose)
            if dose
            else self.tr("Start today's &routine")
        )

    def quit(self) -> None:
        """Leave the app, tray and all (closing the window alone keeps a tray app running).

        During a session it first asks, in the player, whether to stop; the app stays until that is answered.
        """
        if not self._may_close():
            return
        self.icing_window.close()
        self.window.close()
        QApplication.quit()

    def _may_close(self) -> bool:
        """Closing during a session asks first (in the player: Esc stops and saves, Space carries on)."""
        if self.player is not None and self.session_running():
            _bring_forward(self.window)
            self.player.ask_to_stop()
            return False
        return True

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
        during_session = self.session_running()
        _bring_forward(self.icing_window if self.icing.running and not during_session else self.window)

    def _on_tray_click(self) -> None:
        """Show the window, or hide it when it is already in front (a tray app's left click)."""
        if self.window.isVisible() and self.window.isActiveWindow() and self.tray.icon is not None:
            self.window.hide()
        else:
            self._on_show()

    def _setup_backups(self) -> None:
        self.backups_action = QAction(self.tr("&Backups…"), self.window)
        self.backups_action.triggered.connect(self.show_backups)
        self.window.help_menu.insertAction(self.window.about_action, self.backups_action)
        self.backups_dialog: BackupsDialog | None = None

    def show_backups(self) -> BackupsDialog:
        """Help → Backups…: list them; restoring waits until no session or icing runs."""
        from coach.gui.backups import BackupsDialog

        if self.backups_dialog is None:
            self.backups_dialog = BackupsDialog(
                self.store, self.clock, self.runner, self._why_not_restore, self.window
            )
        self.backups_dialog.refresh()
        self.backups_dialog.show()
        self.backups_dialog.raise_()
        return self.backups_dialog

    def _why_not_restore(self) -> str | None:
        if self.session_running() or self.icing.running:
            return self.tr("Finish the session or the icing first; then restore.")
        return None

    def session_running(self) -> bool:
        from coach.core.session.engine import EngineState

        return self.player is not None and self.player.engine.state in (
            EngineState.RUNNING,
            EngineState.PAUSED,
        )

    def close(self) -> None:
        """Save what is running (a session as stopped early, icing as stopped) and close the store."""
        try:
            if self.player is not None and self.session_running():
                self.player.finished.disconnect()
                self.player.engine.stop()  # every finished step is already stored
            self.routine_folders.stop()
            self._close_history()
            self._close_icing()
        finally:
            self.services.inhibitor.release()
            self.services.voice.stop()
            self.store.close()


def _bring_forward(window: QWidget) -> None:
    window.showNormal()
    window.raise_()
    window.activateWindow()
