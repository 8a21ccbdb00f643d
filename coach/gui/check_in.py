"""The next-morning check-in: 0-10 about yesterday's session, the night-pain question, and once a week the
fuller red-flag list as one checklist. Skippable, never nagging.

Whether to ask, and which warning signs, is the core's rule (coach.core.history.checkin); this dialog asks
and stores the answers, or the skip, so the check-in is never asked twice. Closing it any way (Skip, Esc,
the window's close) stores whatever was answered, a ticked warning sign above all: a red flag is never lost.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from coach.core.clinical.pain_rule import morning_advice
from coach.core.clinical.safety import PAIN_ACCEPTABLE_MAX, PAIN_MAX, PAIN_MIN, warning_sign_advice
from coach.core.history.checkin import MORNING_HINT, MORNING_QUESTION, RED_FLAGS_QUESTION, MorningQuestions
from coach.core.history.records import SessionRecord
from coach.core.i18n import _, format_moment
from coach.core.operations import answer_morning_check_in, morning_check_in_questions
from coach.gui.fit import fit_wrapped_text
from coach.gui.operations import OperationRunner


class MorningCheckIn(QDialog):
    """'How is the knee this morning?' with a 0-10 slider that counts only once touched, Save and Skip."""

    def __init__(
        self,
        record: SessionRecord,
        runner: OperationRunner,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.record, self.runner = record, runner
        self.pain: int | None = None
        self.stored = False
        self.questions: MorningQuestions = morning_check_in_questions(runner.coach)
        self.setWindowTitle(_("Next-morning check-in"))
        when = format_moment(record.local_start(), "%A %H:%M", "EEEE")
        question = QLabel(_(MORNING_QUESTION))
        font = question.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        question.setFont(font)
        about = QLabel(
            _("After your {0} session on {1}. {2}").format(record.routine_title, when, _(MORNING_HINT))
        )
        about.setWordWrap(True)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(PAIN_MIN, PAIN_MAX)
        self.slider.setPageStep(1)
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.setTickInterval(1)
        self.slider.setAccessibleName(_("Knee pain this morning, 0 to 10"))
        self.slider.valueChanged.connect(self._on_pain)
        # As on the end-of-session page: a press or key that leaves the value at 0 still answers.
        self.slider.sliderPressed.connect(self._on_touched)
        self.slider.actionTriggered.connect(self._on_action)
        self.value = QLabel(_("Not answered yet"))
        self.value.setMinimumWidth(130)
        self.advice = QLabel()
        self.advice.setWordWrap(True)
        self.save_button = QPushButton(_("Save"))
        self.save_button.setEnabled(False)
        self.skip_button = QPushButton(_("Skip"))
        self.skip_button.setToolTip(_("Not today; this session will not be asked about again (Esc)"))
        buttons = QDialogButtonBox()
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.skip_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.finished.connect(self._on_finished)

        row = QHBoxLayout()
        row.addWidget(QLabel(str(PAIN_MIN)))
        row.addWidget(self.slider, 1)
        row.addWidget(QLabel(str(PAIN_MAX)))
        row.addWidget(self.value)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(about)
        layout.addLayout(row)
        layout.addWidget(self.advice)
        self._add_warning_signs(layout)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        self._fitted = False

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if not self._fitted:  # once: a size the person chose afterwards is theirs
            self._fitted = True
            fit_wrapped_text(self)

    def _add_warning_signs(self, layout: QVBoxLayout) -> None:
        """The night-pain question (yes / no) and, when due, the fuller list as one checklist."""
        self.night_yes = QRadioButton(_("Yes"))
        self.night_no = QRadioButton(_("No"))
        self.night_pain = QButtonGroup(self)
        for button in (self.night_yes, self.night_no):
            self.night_pain.addButton(button)
            button.toggled.connect(self._on_sign)
        layout.addSpacing(8)
        night = QHBoxLayout()
        night_question = QLabel(self.questions.night_pain.question)
        night_question.setWordWrap(True)
        night.addWidget(night_question, 1)
        night.addWidget(self.night_yes)
        night.addWidget(self.night_no)
        layout.addLayout(night)
        self.red_flags: dict[str, QCheckBox] = {}
        if self.questions.red_flags:
            layout.addSpacing(8)
            heading = QLabel(_(RED_FLAGS_QUESTION))
            heading.setWordWrap(True)
            layout.addWidget(heading)
        for sign in self.questions.red_flags:
            box = QCheckBox(sign.question)
            box.toggled.connect(self._on_sign)
            layout.addWidget(box)
            self.red_flags[sign.key] = box
        self.doctor = QLabel()
        self.doctor.setWordWrap(True)
        self.doctor.setAccessibleName(_("See a doctor"))
        bold = self.doctor.font()
        bold.setBold(True)
        self.doctor.setFont(bold)
        self.doctor.hide()
        layout.addWidget(self.doctor)

    def _yes(self) -> list[str]:
        yes = [key for key, box in self.red_flags.items() if box.isChecked()]
        return [self.questions.night_pain.key, *yes] if self.night_yes.isChecked() else yes

    def _on_sign(self) -> None:
        advice = warning_sign_advice(self._yes())
        self.doctor.setText(advice or "")
        self.doctor.setVisible(advice is not None)
        self._show_pain_advice()  # never a "carry on" beside a ticked warning sign
        self.adjustSize()  # room for the "see a doctor" line, wrapped
        self.save_button.setEnabled(True)

    def _show_pain_advice(self) -> None:
        if self.pain is None or self._yes():
            self.advice.setText("")
            return
        limit = self.record.pain_limit if self.record.pain_limit is not None else PAIN_ACCEPTABLE_MAX
        self.advice.setText(morning_advice(self.pain, self.record.pain_before, limit))

    def _on_action(self) -> None:
        QTimer.singleShot(0, self, self._on_touched)  # after the slider has applied the action

    def _on_touched(self) -> None:
        self._on_pain(self.slider.value())

    def _on_pain(self, value: int) -> None:
        self.pain = value
        self.value.setText(_("{0} of 10").format(value))
        self._show_pain_advice()
        self.save_button.setEnabled(True)
        self.adjustSize()  # room for the advice, wrapped

    def _on_finished(self, result: int) -> None:
        """Store the answers, once, whichever way the dialog was left: Save stores every answer (a box left
        empty is a "no"); Skip, Esc or closing store what was answered (a ticked box is a "yes", an empty
        one stays unanswered), and nothing answered is a skip."""
        if self.stored:
            return
        self.stored = True
        saved = result == QDialog.DialogCode.Accepted.value
        pain = self.pain
        checked = self.night_pain.checkedButton()
        night = None if checked is None else checked is self.night_yes
        if saved:
            flags: dict[str, bool] | None = {key: box.isChecked() for key, box in self.red_flags.items()}
        else:
            flags = {key: True for key, box in self.red_flags.items() if box.isChecked()} or None
        self.runner.run(
            lambda coach: answer_morning_check_in(
                coach, self.record.id, pain, night_pain=night, red_flags=flags
            ),
            self,
        )
