"""Session ▸ Log a run… (Ctrl+R), a run's file dropped on the main window, the watched folder of runs, and,
at start and after the morning check-in, the pain questions of the runs whose time has come.

The dialogs' module loads when first asked for (start-up stays lean).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

from coach.core.i18n import _
from coach.gui.main_window import MainWindow
from coach.gui.operations import OperationRunner
from coach.gui.run_folder import RunFolder

if TYPE_CHECKING:
    from coach.gui.flows.session import SessionFlow
    from coach.gui.run_log import RunLogDialog, RunQuestionsDialog


class RunLogging(QObject):
    """The menu action, the drop, and the one dialog of each kind open at a time."""

    def __init__(self, runner: OperationRunner, window: MainWindow, sessions: SessionFlow) -> None:
        super().__init__(window)
        self.runner, self.window, self.sessions = runner, window, sessions
        self.dialog: RunLogDialog | None = None
        self.questions: RunQuestionsDialog | None = None
        self.log_action = QAction(_("&Log a run…"), window)
        self.log_action.setShortcut(QKeySequence("Ctrl+R"))
        self.log_action.triggered.connect(self._on_log)
        window.session_menu.insertAction(window.quit_action, self.log_action)
        window.files_dropped.connect(self.log_run)
        self.run_folder = RunFolder(runner, window)
        self.run_folder.imported.connect(self._on_folder_import)

    def _on_log(self) -> None:
        self.log_run()

    def log_run(self, files: Sequence[Path] = ()) -> RunLogDialog:
        """Open "Log a run", on `files` to import when given (a drop); one dialog at a time."""
        from coach.gui.run_log import RunLogDialog

        if self.dialog is not None:
            self.dialog.close()
        self.dialog = RunLogDialog(self.runner, self.window, list(files))
        self.dialog.open()
        return self.dialog

    def offer_questions(self) -> RunQuestionsDialog | None:
        """Ask the later pain questions whose time has come (after the morning check-in, if it is open)."""
        from coach.core.operations import runs_waiting

        check_in = self.sessions.check_in
        if check_in is not None and check_in.isVisible():
            check_in.finished.connect(self._after_check_in)
            return None
        if self.questions is not None and self.questions.isVisible():
            return self.questions
        waiting = self.runner.query(runs_waiting, self.window)
        if not waiting:
            return None
        from coach.gui.run_log import RunQuestionsDialog

        self.questions = RunQuestionsDialog(waiting, self.runner, self.window)
        self.questions.open()
        return self.questions

    def _after_check_in(self) -> None:
        self.offer_questions()

    def _on_folder_import(self) -> None:
        if self.dialog is None or not self.dialog.isVisible():
            self.offer_questions()  # the pain during the run, which a file cannot say

    def close(self) -> None:
        self.run_folder.stop()
        for dialog in (self.dialog, self.questions):
            if dialog is not None:
                dialog.close()
        self.dialog = self.questions = None
