"""The next-morning check-in: one question, 0-10, about yesterday's session. Skippable, never nagging.

Whether to ask is the core's rule (coach.core.history.checkin); this dialog asks and stores the answer, or
the skip, so the question is never asked twice. Closing it any way counts as a skip.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from coach.core.clinical.pain_rule import morning_advice
from coach.core.clinical.safety import PAIN_MAX, PAIN_MIN
from coach.core.history.checkin import MORNING_HINT, MORNING_QUESTION
from coach.core.history.records import SessionRecord
from coach.core.operations import answer_morning_check_in
from coach.core.session.clock import Clock
from coach.core.store.adherence import AdherenceStore
from coach.gui.operations import OperationRunner


class MorningCheckIn(QDialog):
    """'How is the knee this morning?' with a 0-10 slider that counts only once touched, Save and Skip."""

    def __init__(
        self,
        record: SessionRecord,
        store: AdherenceStore,
        clock: Clock,
        runner: OperationRunner,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.record, self.store, self.clock, self.runner = record, store, clock, runner
        self.pain: int | None = None
        self.stored = False
        self.setWindowTitle(self.tr("Next-morning check-in"))
        when = record.local_start().strftime("%A %H:%M")
        question = QLabel(self.tr(MORNING_QUESTION))
        font = question.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        question.setFont(font)
        about = QLabel(
            self.tr("After your {0} session on {1}. {2}").format(record.routine_title, when, MORNING_HINT)
        )
        about.setWordWrap(True)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(PAIN_MIN, PAIN_MAX)
        self.slider.setPageStep(1)
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.setTickInterval(1)
        self.slider.setAccessibleName(self.tr("Knee pain this morning, 0 to 10"))
        self.slider.valueChanged.connect(self._on_pain)
        # As on the end-of-session page: a press or key that leaves the value at 0 still answers.
        self.slider.sliderPressed.connect(self._on_touched)
        self.slider.actionTriggered.connect(self._on_action)
        self.value = QLabel(self.tr("Not answered yet"))
        self.value.setMinimumWidth(130)
        self.advice = QLabel()
        self.advice.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setEnabled(False)
        self.skip_button = QPushButton(self.tr("Skip"))
        self.skip_button.setToolTip(self.tr("Not today; this session will not be asked about again (Esc)"))
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
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def _on_action(self) -> None:
        QTimer.singleShot(0, self, self._on_touched)  # after the slider has applied the action

    def _on_touched(self) -> None:
        self._on_pain(self.slider.value())

    def _on_pain(self, value: int) -> None:
        self.pain = value
        self.value.setText(self.tr("{0} of 10").format(value))
        self.advice.setText(morning_advice(value, self.record.pain_before))
        self.save_button.setEnabled(True)

    def _on_finished(self, result: int) -> None:
        """Store the answer (Save) or the skip (anything else), once."""
        if self.stored:
            return
        self.stored = True
        pain = self.pain if result == QDialog.DialogCode.Accepted.value else None
        self.runner.run(lambda: answer_morning_check_in(self.store, self.clock, self.record.id, pain), self)
