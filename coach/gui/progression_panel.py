"""The history window's advice on the dose: progress, hold or ease, the reason in plain words, and the offer
to write the change into the person's own copy of the routine (bundled files are never modified)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coach.core.clinical.pain_rule import Progression, ProgressionAdvice
from coach.core.history.progression import Proposal
from coach.core.i18n import _
from coach.core.operations import accept_progression
from coach.core.operations.pause import ASK_REVIEW, record_review
from coach.core.routines.model import Routine
from coach.gui import style
from coach.gui.operations import OperationRunner


class ProgressionPanel(QGroupBox):
    """Shows what the pain-monitoring rule advises for one routine; offers its change as the user's copy."""

    def __init__(self, runner: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(_("Your dose"))
        self.runner = runner
        self.proposal: Proposal | None = None
        self.heading = QLabel()
        style.plain(self.heading)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setAccessibleName(_("Advice"))
        self.reason = _label(_("Why"))
        self.changes = _label(_("What would change"))
        self.result = _label(_("Your own copy"))
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.accept_button = QPushButton(_("&Use this in my own copy"))
        self.accept_button.setAccessibleName(_("Use this in my own copy"))
        self.accept_button.setToolTip(
            _("Writes your own copy of the routine with this change; the bundled file stays as it is.")
        )
        self.accept_button.clicked.connect(self.accept)
        # After a warning sign no change is offered; advice resumes once the person says they were seen.
        self.seen_button = QPushButton(_("I have &been seen"))
        self.seen_button.setAccessibleName(_("I have been seen by a clinician"))
        self.seen_button.setToolTip(
            _("Say that a doctor or physiotherapist has seen you since the warning sign.")
        )
        self.seen_button.clicked.connect(self.ask_review)
        self.review_answers: dict[QAbstractButton, str] = {}
        self.review_box: QMessageBox | None = None
        text = QVBoxLayout()
        text.addWidget(self.heading)
        text.addWidget(self.reason)
        text.addWidget(self.changes)
        text.addWidget(self.result)
        layout = QHBoxLayout(self)
        layout.addLayout(text, 1)
        layout.addWidget(self.accept_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addWidget(self.seen_button, 0, Qt.AlignmentFlag.AlignBottom)
        self.result.hide()
        self.show_advice(None, None, None, runner.coach.today()[0])

    def show_advice(
        self,
        routine: Routine | None,
        advice: ProgressionAdvice | None,
        proposal: Proposal | None,
        today: date,
    ) -> None:
        """Show the advice for `routine` (None: no routine done yet) and its proposal, if any."""
        self.proposal, self.today = proposal, today
        see_clinician = advice is not None and advice.outcome is Progression.SEE_CLINICIAN
        self.seen_button.setVisible(see_clinician)
        if routine is None or advice is None:
            self.heading.setText(_("No advice yet"))
            self.reason.setText(_("Do a routine and answer the pain questions; advice follows."))
            self.changes.hide()
            self.accept_button.hide()
            return
        self.heading.setText(f"{routine.title}: {_(advice.outcome.heading)}")
        self.reason.setText(advice.reason)
        if proposal is None:
            self.changes.hide()
            self.accept_button.hide()
            return
        self.changes.setText(
            "\n".join(f"{c.exercise_name}: {c.before} → {c.after}" for c in proposal.changes)
        )
        self.changes.show()
        self.result.hide()  # a new offer: what was saved before is no longer the news
        self.accept_button.show()
        self.accept_button.setEnabled(True)

    def ask_review(self) -> QMessageBox:
        """Ask what the clinician said (the core's question); only "yes" lifts the warning-sign pause."""
        box = QMessageBox(QMessageBox.Icon.Question, _("Seen by a clinician"), _(ASK_REVIEW), parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        self.review_answers = {
            box.addButton(_("&Yes, I may continue"), QMessageBox.ButtonRole.YesRole): "cleared",
            box.addButton(_("&No"), QMessageBox.ButtonRole.NoRole): "not-cleared",
            box.addButton(_("Not &sure"), QMessageBox.ButtonRole.ActionRole): "unsure",
        }
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(self._on_review_answer)
        self.review_box = box
        box.open()
        return box

    def _on_review_answer(self, button: QAbstractButton) -> None:
        answer = self.review_answers.get(button)
        if answer is None:  # cancelled: nothing recorded
            return
        review = self.runner.run(lambda coach: record_review(coach, answer), self)
        if review is not None:
            self.result.setText(review.sentence)  # the core's sentence, as given
            self.result.show()

    def accept(self) -> Path | None:
        """Write the proposal as the person's own routine file and say where it is."""
        if self.proposal is None:
            return None
        proposal = self.proposal
        path = self.runner.run(
            lambda coach: accept_progression(coach, proposal),
            self,
        )
        if path is None:
            return None
        self.result.setText(
            _("Saved your own copy as {0}. It is used from now on; delete it to go back.").format(path)
        )
        self.result.show()
        self.accept_button.setEnabled(False)
        return path


def _label(name: str) -> QLabel:
    label = QLabel()
    style.plain(label)
    label.setAccessibleName(name)
    return label
