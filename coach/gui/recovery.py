"""Offered at start when the app died during a session: carry on where it stopped, or close it."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from coach.core.routine import Routine
from coach.core.store import SessionRecord


class RecoveryDialog(QMessageBox):
    """'Your session did not finish': Resume (when the routine still fits) or Close as stopped early."""

    def __init__(self, record: SessionRecord, resumable: tuple[Routine, int] | None, parent: QWidget) -> None:
        super().__init__(parent)
        self.record = record
        when = record.started_at.astimezone().strftime("%A %d %B, %H:%M")
        self.setIcon(QMessageBox.Icon.Question)
        self.setWindowTitle(self.tr("A session did not finish"))
        self.setText(
            self.tr("Your {0} session from {1} did not finish: Rehab Coach closed while it ran.").format(
                record.routine_title, when
            )
        )
        done = self.tr("The {0} of {1} reps and holds you did are saved.").format(
            record.steps_completed, record.steps_total
        )
        if resumable is None:
            done += " " + self.tr("It cannot be resumed, because its routine has changed or is gone.")
        self.setInformativeText(done)
        self.resume_button = self.addButton(self.tr("Resume"), QMessageBox.ButtonRole.AcceptRole)
        self.resume_button.setEnabled(resumable is not None)
        self.close_button = self.addButton(
            self.tr("Close as stopped early"), QMessageBox.ButtonRole.RejectRole
        )
        self.setDefaultButton(self.resume_button if resumable is not None else self.close_button)
        self.setEscapeButton(self.close_button)

    @property
    def resume_chosen(self) -> bool:
        return self.clickedButton() is self.resume_button
