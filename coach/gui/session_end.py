"""The end of a session: how much the knee hurt, a note, and the two warning-sign questions.

A "yes" to a warning sign shows a calm "please see a doctor" message; every answer is stored with the
session. Nothing here is required: the session itself is already saved, step by step.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from coach.core.safety import PAIN_MAX, PAIN_MIN, SEE_A_DOCTOR, SESSION_WARNING_SIGNS, pain_advice
from coach.core.store import AdherenceStore, SessionRecord


class SessionEndPage(QWidget):
    """Asks the end-of-session questions about `record` and stores the answers; emits `done` after."""

    done = Signal()

    def __init__(self, record: SessionRecord, store: AdherenceStore) -> None:
        super().__init__()
        self.record = record
        self.store = store
        self.pain: int | None = None
        self.setAccessibleName(self.tr("End of session"))

        heading = QLabel(
            self.tr("Well done — session complete")
            if record.completed
            else self.tr("Session stopped — everything you did is saved")
        )
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        heading.setFont(font)
        self.heading = heading
        minutes = (
            round((record.finished_at - record.started_at).total_seconds() / 60) if record.finished_at else 0
        )
        self.summary = QLabel(
            self.tr("{0}: {1} of {2} reps and holds done, in {3} min.").format(
                record.routine_title, record.steps_completed, record.steps_total, minutes
            )
        )

        self.pain_slider = QSlider(Qt.Orientation.Horizontal)
        self.pain_slider.setRange(PAIN_MIN, PAIN_MAX)
        self.pain_slider.setPageStep(1)
        self.pain_slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.pain_slider.setTickInterval(1)
        self.pain_slider.setAccessibleName(self.tr("Pain during the session, 0 to 10"))
        self.pain_slider.valueChanged.connect(self._on_pain)
        # A press or key that leaves the value where it was (0 at the start) still answers the question.
        self.pain_slider.sliderPressed.connect(lambda: self._on_pain(self.pain_slider.value()))
        self.pain_slider.actionTriggered.connect(
            lambda _action: QTimer.singleShot(0, lambda: self._on_pain(self.pain_slider.value()))
        )
        self.pain_value = QLabel(self.tr("Not answered yet"))
        self.pain_value.setMinimumWidth(140)
        self.pain_advice = QLabel()
        self.pain_advice.setWordWrap(True)

        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("Optional: anything you or your physiotherapist should know"))
        self.note.setAccessibleName(self.tr("Note"))
        self.note.setMaxLength(500)

        self.answers: dict[str, QButtonGroup] = {}
        signs = QGridLayout()
        signs.setHorizontalSpacing(16)
        for row, sign in enumerate(SESSION_WARNING_SIGNS):
            question = QLabel(self.tr(sign.question))
            question.setWordWrap(True)
            yes, no = QRadioButton(self.tr("Yes")), QRadioButton(self.tr("No"))
            yes.setAccessibleName(f"{sign.question} {self.tr('Yes')}")
            no.setAccessibleName(f"{sign.question} {self.tr('No')}")
            group = QButtonGroup(self)
            group.addButton(yes, 1)
            group.addButton(no, 0)
            group.idToggled.connect(self._on_warning_answer)
            self.answers[sign.key] = group
            signs.addWidget(question, row, 0)
            signs.addWidget(yes, row, 1)
            signs.addWidget(no, row, 2)
        signs.setColumnStretch(0, 1)
        self.doctor = QLabel(self.tr(SEE_A_DOCTOR))
        self.doctor.setWordWrap(True)
        self.doctor.setFrameShape(QFrame.Shape.StyledPanel)
        self.doctor.setMargin(12)
        self.doctor.setAccessibleName(self.tr("Please see a doctor"))
        self.doctor.hide()

        self.save_button = QPushButton(self.tr("Save and finish"))
        self.save_button.setDefault(True)
        self.save_button.setToolTip(self.tr("Save and finish (Ctrl+Return)"))
        self.save_button.clicked.connect(self.save)
        self.skip_button = QPushButton(self.tr("Skip"))
        self.skip_button.setToolTip(self.tr("Finish without answering (Esc)"))
        self.skip_button.clicked.connect(self.done.emit)
        for key, slot in (("Ctrl+Return", self.save), ("Escape", self.done.emit)):
            action = QAction(self)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)

        pain_row = QHBoxLayout()
        pain_row.addWidget(QLabel(str(PAIN_MIN)))
        pain_row.addWidget(self.pain_slider, 1)
        pain_row.addWidget(QLabel(str(PAIN_MAX)))
        pain_row.addWidget(self.pain_value)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.skip_button)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(12)
        layout.addWidget(heading)
        layout.addWidget(self.summary)
        layout.addSpacing(12)
        layout.addWidget(_bold(self.tr("How much did your knee hurt during the session? (0 none, 10 worst)")))
        layout.addLayout(pain_row)
        layout.addWidget(self.pain_advice)
        layout.addSpacing(8)
        layout.addWidget(_bold(self.tr("Two questions we always ask")))
        layout.addLayout(signs)
        layout.addWidget(self.doctor)
        layout.addSpacing(8)
        layout.addWidget(self.note)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.setFocusProxy(self.pain_slider)

    def answer(self, key: str) -> bool | None:
        checked = self.answers[key].checkedId()
        return None if checked < 0 else bool(checked)

    def save(self) -> None:
        """Store the answers with the session, then finish."""
        answers = {sign.key: self.answer(sign.key) for sign in SESSION_WARNING_SIGNS}
        self.store.record_pain(self.record.id, self.pain, self.note.text())
        self.store.record_warning_signs(self.record.id, answers)
        self.done.emit()

    def _on_pain(self, value: int) -> None:
        self.pain = value
        self.pain_value.setText(self.tr("{0} of 10").format(value))
        self.pain_advice.setText(self.tr(pain_advice(value)))

    def _on_warning_answer(self) -> None:
        self.doctor.setVisible(any(self.answer(sign.key) for sign in SESSION_WARNING_SIGNS))


def _bold(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label
