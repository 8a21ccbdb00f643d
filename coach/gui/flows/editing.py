"""Session ▸ New routine… and Edit routine…: open the routine editor on a new draft, on the person's own
file, or on a copy of a bundled routine; a saved routine is chosen in the main window.

The editor's module loads when first asked for (start-up stays lean).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

from coach.core.i18n import _
from coach.gui.main_window import MainWindow
from coach.gui.operations import OperationRunner

if TYPE_CHECKING:
    from coach.core.routines.editing import RoutineDraft
    from coach.gui.routine_editor import RoutineEditor


class RoutineEditing(QObject):
    """The two menu actions and the editor they open (one at a time)."""

    def __init__(self, runner: OperationRunner, window: MainWindow, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner, self.window = runner, window
        self.editor: RoutineEditor | None = None
        self.new_action = QAction(_("&New routine…"), window)
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_action.triggered.connect(self.new_routine)
        self.edit_action = QAction(_("&Edit routine…"), window)
        self.edit_action.setShortcut(QKeySequence("Ctrl+E"))
        self.edit_action.triggered.connect(self.edit_chosen)
        before = window.quit_action
        for action in (self.new_action, self.edit_action):
            window.session_menu.insertAction(before, action)

    def new_routine(self) -> RoutineEditor:
        from coach.core.routines.editing import RoutineDraft

        return self._open(RoutineDraft.new())

    def edit_chosen(self) -> RoutineEditor | None:
        """Edit the routine chosen in the main window (a bundled one as a copy saved as your own)."""
        from coach.core.operations.routines import draft_routine

        chosen = self.window.selected_routine()
        if chosen is None:
            return None
        routine_id = chosen.routine.id
        draft = self.runner.query(lambda coach: draft_routine(coach, routine_id), self.window)
        return None if draft is None else self._open(draft)

    def _open(self, draft: RoutineDraft) -> RoutineEditor:
        from coach.gui.routine_editor import RoutineEditor

        if self.editor is not None:
            self.editor.close()
        self.editor = RoutineEditor(draft, self.runner, self.window)
        self.editor.saved.connect(lambda _path: self.window.select_routine(draft.routine_id))
        self.editor.show()
        self.editor.raise_()
        return self.editor

    def close(self) -> None:
        if self.editor is not None:
            self.editor.unsaved = False  # the app is closing: nothing asks
            self.editor.close()
            self.editor = None
