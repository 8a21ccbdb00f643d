"""The one-tap pain score before a session: eleven buttons, 0 to 10, and Skip (Esc).

Shown by the app when Start is pressed, before the player: the answer is the baseline that makes "settled
by the next morning" mean back to where it started (CLINICAL.md "Baseline"). A digit key answers 0-9 at
once; Esc skips; Back returns to the routines without starting.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from coach.core.clinical.safety import PAIN_BEFORE_HINT, PAIN_BEFORE_QUESTION, PAIN_MAX, PAIN_MIN
from coach.core.i18n import _
from coach.gui import style

# A line of text this wide is easy to read; wider screens get margins instead (as on the end page).
_CONTENT_MAX_WIDTH = 860


class PainBeforePage(QWidget):
    """Asks how the knee is right now; `answered` carries 0-10, or None when skipped."""

    answered = Signal(object)
    cancelled = Signal()

    def __init__(self, routine_title: str) -> None:
        super().__init__()
        self.setAccessibleName(_("Pain before the session"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        title = QLabel(routine_title)
        title.setTextFormat(Qt.TextFormat.PlainText)  # from a routine file
        title.setWordWrap(True)
        style.scale_font(title, style.HEADING, bold=True)
        question = QLabel(_(PAIN_BEFORE_QUESTION))
        question.setWordWrap(True)
        style.scale_font(question, style.SUBTITLE, bold=True)
        hint = QLabel(_(PAIN_BEFORE_HINT))
        hint.setWordWrap(True)
        self.buttons: dict[int, QPushButton] = {}
        grid = QGridLayout()
        grid.setSpacing(6)
        for pain in range(PAIN_MIN, PAIN_MAX + 1):
            button = QPushButton(str(pain))
            button.setAccessibleName(_("Pain {0} of 10").format(pain))
            button.setMinimumSize(44, 44)
            style.scale_font(button, style.LEAD, bold=True)
            button.setProperty("pain", pain)
            button.clicked.connect(self._on_button)
            self.buttons[pain] = button
            grid.addWidget(button, 0, pain)
        self.skip_button = QPushButton(_("Skip (Esc)"))
        self.skip_button.setToolTip(_("Start without answering"))
        self.skip_button.clicked.connect(self.skip)
        self.back_button = QPushButton(_("Back to routines"))
        self.back_button.clicked.connect(self.cancelled)
        row = QHBoxLayout()
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.skip_button)
        content = QWidget()
        content.setMaximumWidth(_CONTENT_MAX_WIDTH)
        layout = QVBoxLayout(content)
        layout.setSpacing(style.SPACING)
        layout.addStretch(1)
        layout.addWidget(title)
        layout.addWidget(question)
        layout.addWidget(hint)
        layout.addLayout(grid)
        layout.addLayout(row)
        layout.addStretch(2)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(style.MARGIN, style.MARGIN, style.MARGIN, style.MARGIN)
        outer.addStretch(1)
        outer.addWidget(content, 100)
        outer.addStretch(1)

    def choose(self, pain: int) -> None:
        self.answered.emit(pain)

    def skip(self) -> None:
        self.answered.emit(None)

    def _on_button(self) -> None:
        button = self.sender()
        if isinstance(button, QPushButton):
            self.choose(int(button.property("pain")))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        text = event.text()
        if event.key() == Qt.Key.Key_Escape:
            self.skip()
        elif len(text) == 1 and text.isdigit():
            self.choose(int(text))
        else:
            super().keyPressEvent(event)
