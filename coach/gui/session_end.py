"""The end of a session: how much the knee hurt, a note, and the two warning-sign questions.

Each answer is stored the moment it is given (the core's `answer_session_end`), so leaving the page in any
way (Done, Esc, closing the window) keeps it; the other windows hear of it once, when the page is left. A
"yes" to a warning sign shows the core's calm "please see a doctor" message.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
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

from coach.core.clinical.safety import (
    ICING_END_ADVICE,
    PAIN_MAX,
    PAIN_MIN,
    SEE_A_DOCTOR,
    SESSION_WARNING_SIGNS,
)
from coach.core.history.outcome import SessionOutcome, session_outcome
from coach.core.history.records import SessionRecord
from coach.core.i18n import _
from coach.core.operations import Changes, answer_session_end
from coach.core.operations.queries import active_minutes
from coach.core.operations.sessions import HURT_QUESTION
from coach.gui import style
from coach.gui.operations import OperationRunner

SESSION_ANSWERED = Changes(sessions=True)

# A line of text this wide is easy to read; wider screens get margins instead (ours).
_CONTENT_MAX_WIDTH = 860


class SessionEndPage(QWidget):
    """Asks the end-of-session questions about `record`, storing each answer at once; `done` when left."""

    done = Signal()

    def __init__(
        self,
        record: SessionRecord,
        runner: OperationRunner,
        *,
        icing_only: bool = False,
        exercises: Sequence[tuple[str, str]] = (),
    ) -> None:
        """`icing_only`: the routine was icing alone, so the page asks how the knee is now, not during it."""
        super().__init__()
        self.record = record
        self.icing_only = icing_only
        self.exercises = tuple(exercises)
        self.runner = runner
        self.pain: int | None = None
        self.answers: dict[str, QButtonGroup] = {}
        self.setAccessibleName(_("End of session"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # first focus on the page: no key answers by accident
        content = QWidget()
        content.setMaximumWidth(_CONTENT_MAX_WIDTH)
        layout = QVBoxLayout(content)
        layout.setSpacing(style.SPACING)
        self._add_heading(layout)
        self._add_pain(layout)
        self._add_warning_signs(layout)
        self._add_note_and_buttons(layout)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(style.MARGIN, style.MARGIN, style.MARGIN, style.MARGIN)
        outer.addStretch(1)
        outer.addWidget(content, 100)
        outer.addStretch(1)

    # -- building ----------------------------------------------------------------------------------------

    def _add_heading(self, layout: QVBoxLayout) -> None:
        headings = {
            SessionOutcome.DONE: _("Well done — session complete"),
            SessionOutcome.PARTLY_DONE: _("Session finished — part of it was skipped"),
            SessionOutcome.MOSTLY_SKIPPED: _("Session finished — most of it was skipped"),
            SessionOutcome.STOPPED_EARLY: _("Session stopped early — everything you did is saved"),
            SessionOutcome.OPEN: _("Session not finished"),
        }
        outcome = session_outcome(self.record)
        minutes = self.runner.query(lambda coach: active_minutes(coach, self.record.id), self) or 0
        if self.icing_only:
            done = outcome is SessionOutcome.DONE
            self.heading = QLabel(_("Icing done") if done else _("Icing stopped early"))
            summary = _("{0}: {1} min of icing. {2}").format(
                self.record.routine_title, minutes, _(ICING_END_ADVICE)
            )
        else:
            self.heading = QLabel(headings[outcome])
            took = _("in {0} min").format(minutes) if minutes >= 1 else _("in under a minute")
            summary = _("{0}: {1} of {2} reps and holds done ({3}), {4}.").format(
                self.record.routine_title,
                self.record.steps_completed,
                self.record.steps_total,
                outcome.value,
                took,
            )
        style.scale_font(self.heading, style.TITLE, bold=True)
        self.summary = QLabel(summary)
        self.summary.setWordWrap(True)
        style.plain(self.summary)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addSpacing(style.SPACING)

    def _add_pain(self, layout: QVBoxLayout) -> None:
        self.pain_slider = QSlider(Qt.Orientation.Horizontal)
        self.pain_slider.setRange(PAIN_MIN, PAIN_MAX)
        self.pain_slider.setPageStep(1)
        self.pain_slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.pain_slider.setTickInterval(1)
        self.pain_slider.setAccessibleName(
            _("Pain now, 0 to 10") if self.icing_only else _("Pain during the session, 0 to 10")
        )
        self.pain_slider.valueChanged.connect(self._on_pain)
        # A press or key that leaves the value where it was (0 at the start) still answers the question.
        self.pain_slider.sliderPressed.connect(self._on_pain_touched)
        self.pain_slider.actionTriggered.connect(self._on_pain_action)
        self.pain_value = QLabel(_("Not answered yet"))
        self.pain_value.setMinimumWidth(140)
        self.pain_advice = QLabel()
        self.pain_advice.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(QLabel(str(PAIN_MIN)))
        row.addWidget(self.pain_slider, 1)
        row.addWidget(QLabel(str(PAIN_MAX)))
        row.addWidget(self.pain_value)
        # Icing is not exercise: the pain-monitoring rule's question and advice are about exercise.
        question = (
            _("How much does your knee hurt now? (0 none, 10 worst)")
            if self.icing_only
            else _("How much did your knee hurt during the session? (0 none, 10 worst)")
        )
        layout.addWidget(_bold(question))
        layout.addLayout(row)
        layout.addWidget(self.pain_advice)
        layout.addSpacing(8)

    def _add_warning_signs(self, layout: QVBoxLayout) -> None:
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        for row, sign in enumerate(SESSION_WARNING_SIGNS):
            question = QLabel(sign.question)
            question.setWordWrap(True)
            yes, no = QRadioButton(_("Yes")), QRadioButton(_("No"))
            yes.setAccessibleName(_("Yes: {0}").format(sign.question))
            no.setAccessibleName(_("No: {0}").format(sign.question))
            group = QButtonGroup(self)
            group.addButton(yes, 1)
            group.addButton(no, 0)
            group.idToggled.connect(self._on_warning_answer)
            self.answers[sign.key] = group
            grid.addWidget(question, row, 0)
            grid.addWidget(yes, row, 1)
            grid.addWidget(no, row, 2)
        grid.setColumnStretch(0, 1)
        self.doctor = QLabel(_(SEE_A_DOCTOR))
        self.doctor.setWordWrap(True)
        self.doctor.setFrameShape(QFrame.Shape.StyledPanel)
        self.doctor.setMargin(style.SPACING)
        self.doctor.setAccessibleName(_("Please see a doctor"))
        style.safety_text(self.doctor)
        self.doctor.hide()
        layout.addWidget(_bold(_("Two questions we always ask")))
        layout.addLayout(grid)
        layout.addWidget(self.doctor)
        layout.addSpacing(8)
        self.hurt: dict[str, QCheckBox] = {}
        if self.exercises and not self.icing_only:
            layout.addWidget(_bold(_(HURT_QUESTION)))
            boxes = QHBoxLayout()
            for exercise_id, name in self.exercises:
                box = QCheckBox(name)
                box.setAccessibleName(_("Hurt: {0}").format(name))
                box.toggled.connect(self._on_warning_answer)
                self.hurt[exercise_id] = box
                boxes.addWidget(box)
            boxes.addStretch(1)
            layout.addLayout(boxes)
            layout.addSpacing(8)

    def _add_note_and_buttons(self, layout: QVBoxLayout) -> None:
        self.note = QLineEdit()
        self.note.setPlaceholderText(_("Optional: anything you or your physiotherapist should know"))
        self.note.setAccessibleName(_("Note"))
        self.note.setMaxLength(500)
        self.note.editingFinished.connect(self._store_answers)
        self.note.returnPressed.connect(self.save)
        self.save_button = QPushButton(_("Done"))
        self.save_button.setToolTip(_("Done (Ctrl+Return)"))
        self.save_button.clicked.connect(self.save)
        self.skip_button = QPushButton(_("Skip the rest"))
        self.skip_button.setToolTip(_("Leave without answering the rest; answers given are kept (Esc)"))
        self.skip_button.clicked.connect(self.save)
        for key, slot in (("Ctrl+Return", self.save), ("Escape", self.save)):
            action = QAction(self)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.skip_button)
        buttons.addWidget(self.save_button)
        layout.addWidget(self.note)
        layout.addStretch(1)
        layout.addLayout(buttons)

    # -- answers -----------------------------------------------------------------------------------------

    def answer(self, key: str) -> bool | None:
        checked = self.answers[key].checkedId()
        return None if checked < 0 else bool(checked)

    def save(self) -> None:
        """Store what is not stored yet (the note as typed), then leave the page."""
        self._store_answers()
        self.runner.announce(SESSION_ANSWERED)
        self.done.emit()

    def _store_answers(self) -> None:
        answers = {sign.key: self.answer(sign.key) for sign in SESSION_WARNING_SIGNS}
        end = self.runner.run(
            lambda coach: answer_session_end(
                coach,
                self.record.id,
                pain=self.pain,
                warning_signs=answers,
                note=self.note.text(),
                hurt=[key for key, box in self.hurt.items() if box.isChecked()] if self.hurt else None,
            ),
            self,
            announce=False,
        )
        if end is not None:
            self.pain_advice.setText("" if self.icing_only else end.pain_advice or "")
            self.doctor.setText(end.see_a_doctor or "")  # the core's sentence, as given
            self.doctor.setVisible(end.see_a_doctor is not None)

    def _on_pain_action(self) -> None:
        QTimer.singleShot(0, self, self._on_pain_touched)  # after the slider has applied the action

    def _on_pain_touched(self) -> None:
        self._on_pain(self.pain_slider.value())

    def _on_pain(self, value: int) -> None:
        self.pain = value
        self.pain_value.setText(_("{0} of 10").format(value))
        self._store_answers()

    def _on_warning_answer(self) -> None:
        self._store_answers()


def _bold(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    style.scale_font(label, style.BODY, bold=True)
    return label
