"""Session ▸ Watch a folder for runs…: a folder (a watch's or phone's sync folder, say) whose new GPX, FIT and
TCX files are imported as runs while the app runs; what became of each is said in the main window's notice,
and the pain questions of an imported run are asked with the others.

Each file is tried once for each state it is seen in (its size and time): a file still being written, refused
as cut short, is tried again when it changes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog

from coach.core.i18n import _
from coach.gui.main_window import MainWindow
from coach.gui.operations import OperationRunner
from coach.gui.settling_watch import SettlingWatch

# A sync client writes a file in steps; import once the folder has been still this long.
_SETTLE_MS = 500


class RunFolder(QObject):
    """The watch on the chosen folder, and the menu action that chooses it."""

    imported = Signal()  # a run was recorded from the folder (its pain questions wait)

    def __init__(self, runner: OperationRunner, window: MainWindow) -> None:
        super().__init__(window)
        self.runner, self.window = runner, window
        self._watcher = SettlingWatch(_SETTLE_MS, self)
        self._watcher.settled.connect(self.import_new)
        self._tried: dict[Path, tuple[int, float]] = {}
        self.action = QAction(_("&Watch a folder for runs…"), window)
        self.action.setToolTip(_("New GPX, FIT and TCX files in it are imported as runs"))
        self.action.triggered.connect(self._on_choose)
        window.session_menu.insertAction(window.quit_action, self.action)
        self.watch(self.folder)

    @property
    def folder(self) -> Path | None:
        chosen = self.runner.coach.settings.run_folder
        return Path(chosen) if chosen else None

    def choose_folder(self) -> Path | None:
        """Ask for the folder (a test answers instead); None: cancelled."""
        start = str(self.folder or Path.home())
        chosen = QFileDialog.getExistingDirectory(self.window, _("Watch a folder for runs"), start)
        return Path(chosen) if chosen else None

    def _on_choose(self) -> None:
        chosen = self.choose_folder()
        if chosen is not None:
            self.set_folder(chosen)

    def set_folder(self, folder: Path | None) -> None:
        """Remember `folder` (None: watch none) and import what it holds now."""
        from coach.core.operations import change_settings

        settings = self.runner.coach.settings.replace(run_folder=str(folder) if folder else "")
        if self.runner.run(lambda coach: change_settings(coach, settings), self.window) is not None:
            self.watch(folder)

    def watch(self, folder: Path | None) -> None:
        watched = folder is not None and folder.is_dir()
        self._watcher.watch([str(folder)] if watched else [])
        self._tried.clear()
        if watched:
            self.import_new()

    def import_new(self) -> None:
        """Import the folder's run files not tried yet in their present state; say what became of them."""
        folder = self.folder
        if folder is None:
            return
        # Loaded once a folder is watched: a start without one never needs the run files' readers.
        from coach.core.operations import import_run_files
        from coach.core.running.imports import run_files_in

        fresh = []
        for path in run_files_in(folder):
            try:
                facts = path.stat()
            except OSError:
                continue
            state = (facts.st_size, facts.st_mtime)
            if self._tried.get(path) != state:
                self._tried[path] = state
                fresh.append(path)
        if not fresh:
            return
        outcomes = self.runner.run(lambda coach: import_run_files(coach, fresh), self.window)
        said = [outcome.sentence() for outcome in outcomes or () if not outcome.already_imported]
        if said:
            self.window.show_banner("\n".join(said))
        if any(outcome.run is not None for outcome in outcomes or ()):
            self.imported.emit()

    def stop(self) -> None:
        self._watcher.stop()
