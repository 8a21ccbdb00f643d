"""Offered at start when the app died during a session: carry on where it stopped, or close it."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from coach.core.history.records import SessionRecord
from coach.core.i18n import _, format_moment
from coach.gui import style


class RecoveryDialog(QMessageBox):
    """'Your session did not finish': Resume (when it still can be) or Close as stopped early."""

    def __init__(self, record: SessionRecord, why_not: str | None, parent: QWidget) -> None:
        super().__init__(parent)
        self.record = record
        when = format_moment(record.started_at.astimezone(), "%A %d %B, %H:%M", "MMMMEEEEd")
        self.setIcon(QMessageBox.Icon.Question)
        style.plain(self)
        self.setWindowTitle(_("A session did not finish"))
        self.setText(
            _("Your {0} session from {1} did not finish: Rehab Coach closed while it ran.").format(
                record.routine_title, when
            )
        )
        done = _("The {0} of {1} reps and holds you did are saved.").format(
            record.steps_completed, record.steps_total
        )
        if why_not is not None:
            done += " " + _("It cannot be resumed: {0}.").format(why_not)
        self.setInformativeText(done)
        # Buttons made here, not by addButton(text): their Python wrappers then know when Qt deletes them.
        self.resume_button = QPushButton(_("Resume"))
        self.resume_button.setEnabled(why_not is None)
        self.close_button = QPushButton(_("Close as stopped early"))
        self.addButton(self.resume_button, QMessageBox.ButtonRole.AcceptRole)
        self.addButton(self.close_button, QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.resume_button if why_not is None else self.close_button)
        self.setEscapeButton(self.close_button)

    @property
    def resume_chosen(self) -> bool:
        return self.clickedButton() is self.resume_button
