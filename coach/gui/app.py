"""Wiring: `CoachApp` builds the parts that do the work (`flows.*`, `sound_menu`, `language`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from coach.core.i18n import _
from coach.core.operations.context import Coach
from coach.gui.flows.editing import RoutineEditing
from coach.gui.flows.icing import IcingFlow, bring_forward
from coach.gui.flows.session import SessionFlow
from coach.gui.language import LanguageMenu
from coach.gui.main_window import MainWindow
from coach.gui.operations import OperationRunner
from coach.gui.services import Services as Services  # tests and the start build it by this name
from coach.gui.sound_menu import SoundMenu
from coach.gui.start import first_window

# Only the first window loads before the first paint (bench/startup.py); the flows load the rest when asked.
if TYPE_CHECKING:
    from coach.core.operations import Changes
    from coach.core.requests import Request
    from coach.gui.about import AboutDialog
    from coach.gui.backups import BackupsDialog
    from coach.gui.history import HistoryWindow
    from coach.gui.welcome import WelcomeDialog

FIRST_ROUTINE = "gentle-start"  # where the welcome suggests a newcomer begins: the first two weeks


class CoachApp(QObject):
    """The runner over the Coach context, the main window, the session, icing and run flows, the menus."""

    def __init__(self, coach: Coach, services: Services, window: MainWindow | None = None) -> None:
        from coach.gui.flows.runs import RunLogging
        from coach.gui.routine_folders import RoutineFolders
        from coach.gui.start_at_login import StartAtLoginAction

        super().__init__()
        self.coach, self.services = coach, services
        self.window = window or first_window(coach.places)
        coach.use_library(self.window.library)
        self.runner = OperationRunner(coach, self)
        self.runner.changed.connect(self._on_changes)
        self.sessions = SessionFlow(self.runner, self.window, services)
        self.sound_menu = SoundMenu(self.runner, self.window, services, self.sessions)
        self.language_menu = LanguageMenu(self.runner, self.window)
        self.ice = IcingFlow(self.runner, self.window, services, self.sessions)
        self.sessions.on_player = self.ice.keep_keys_for_player
        self.editing = RoutineEditing(self.runner, self.window, self)
        self.runs = RunLogging(self.runner, self.window, self.sessions)
        self.history_window: HistoryWindow | None = None
        self.backups_dialog: BackupsDialog | None = None
        self.welcome: WelcomeDialog | None = None
        self.closed = False
        self.window.history_action.triggered.connect(self.show_history)
        self.window.about_action.triggered.connect(self.show_about)
        self.window.quit_action.triggered.connect(self.quit)
        folders = [coach.places.bundled_routines, coach.places.user_routines]
        self.routine_folders = RoutineFolders(folders, coach.places.user_routines, parent=self)
        self.routine_folders.changed.connect(self._reload_library)
        self.start_at_login_action = StartAtLoginAction(services.autostart, self.window, self)
        at_end = [self.routine_folders.open_action, self.start_at_login_action]
        self.window.session_menu.insertActions(self.window.quit_action, at_end)
        self.backups_action = QAction(_("&Backups…"), self.window)
        self.backups_action.triggered.connect(self.show_backups)
        self.window.help_menu.insertAction(self.window.about_action, self.backups_action)
        self.window.close_guard = self.sessions.may_close
        self._select_last_routine()
        self.refresh_summary()

    def _on_changes(self, changes: Changes) -> None:
        """The main window's part of what an operation changed (every other window listens for itself)."""
        if changes.routines:
            self._reload_library()
        if changes.settings:  # another window may have saved a choice (the report's name line)
            self.coach.reload_settings()
        if changes.history:
            self.refresh_summary()

    def refresh_summary(self) -> None:
        """This week's dose and the streak, under the library: the same query as `coach history`."""
        from coach.core.history.stats import describe_summary
        from coach.core.operations.queries import summary

        found = self.runner.query(summary, self.window)
        if found is not None:
            self.window.set_summary(describe_summary(found))

    def _select_last_routine(self) -> None:
        from coach.core.operations.queries import routine_done_last

        if (last := self.runner.query(routine_done_last, self.window)) is not None:
            self.window.select_routine(last)

    def _reload_library(self) -> None:
        """A routine file was written or changed: the library shows it, history advises on it."""
        self.window.set_library(self.coach.reload_library())
        if self.history_window is not None:
            self.history_window.set_library()

    def show_window(self) -> None:
        bring_forward(self.window)

    def show_history(self) -> HistoryWindow:
        """Open the history window (computed afresh), or bring it forward if it is open."""
        from coach.gui.history import HistoryWindow

        if self.history_window is None:
            self.history_window = HistoryWindow(self.runner)
        else:
            self.history_window.refresh()
        bring_forward(self.history_window)
        return self.history_window

    def show_about(self) -> AboutDialog:
        """Version, licences, the data folder, the clinical sources and what Rehab Coach is not."""
        from coach.gui.about import AboutDialog

        places, routines = self.coach.places, self.coach.library.routines
        sources = [(e.routine.title, e.routine.source) for e in routines if e.routine.source]
        dialog = AboutDialog(places.data_dir, places.assets, sources, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_backups(self) -> BackupsDialog:
        """Help → Backups…: list them; restoring waits until no session or icing runs."""
        from coach.gui.backups import BackupsDialog

        if self.backups_dialog is None:
            self.backups_dialog = BackupsDialog(self.runner, self._why_not_restore, self.window)
        self.backups_dialog.refresh()
        bring_forward(self.backups_dialog)
        return self.backups_dialog

    def _why_not_restore(self) -> str | None:
        busy = self.sessions.running() or self.ice.running
        return _("Finish the session or the icing first; then restore.") if busy else None

    def offer_welcome(self) -> WelcomeDialog | None:
        """On the very first start, say what the app does and where to begin (once: it is remembered)."""
        from coach.core.operations import change_settings
        from coach.core.operations.queries import routine_done_last
        from coach.gui.welcome import WelcomeDialog

        settings = self.coach.settings
        if settings.welcomed or self.runner.query(routine_done_last) is not None:
            return None
        self.runner.run(lambda coach: change_settings(coach, settings.replace(welcomed=True)), self.window)
        first = self.coach.library.find(FIRST_ROUTINE)
        self.welcome = WelcomeDialog(first.routine.title if first else None, self.window)
        self.welcome.finished.connect(self._on_welcome_answer)
        self.welcome.open()
        return self.welcome

    def _on_welcome_answer(self) -> None:
        if self.welcome is not None and self.welcome.begin_chosen:
            self.sessions.start_routine(FIRST_ROUTINE)

    def handle_request(self, request: Request) -> str:
        """Carry out what a launch asked (flows.requests); the sentence it prints, or ValueError."""
        from coach.gui.flows.requests import answer_request

        return answer_request(self, request)

    def quit(self, *, ask_about_ice: bool = True) -> None:
        """Leave the app; the player, then icing, ask first (a quit request leaves the ice live unasked)."""
        if self.sessions.may_close() and (not ask_about_ice or self.ice.may_quit(self._leave)):
            self._leave()

    def _leave(self) -> None:  # as a signal does: only the person stops the ice
        self.ice.close_window()
        self.window.close()
        QApplication.quit()

    def close(self) -> None:
        """Save what runs (a session stopped early; ice stays live), stop every timer, close the store."""
        if self.closed:
            return
        self.closed = True
        try:
            self.sessions.close()
            self.editing.close()
            self.runs.close()
            self.routine_folders.stop()
            if self.history_window is not None:  # parentless: deleted while Qt still runs
                self.history_window.close()
                self.history_window.deleteLater()
                self.history_window = None
            self.ice.close()
        finally:
            self.runner.changed.disconnect(self._on_changes)
            self.services.inhibitor.release()
            self.services.voice.stop()
            self.coach.close()
