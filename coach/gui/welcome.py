"""The first-run welcome: what Rehab Coach does and where to begin, shown once."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from coach.core.clinical.safety import DISCLAIMER
from coach.core.i18n import _
from coach.gui import style
from coach.gui.fit import fit_to_screen


class WelcomeDialog(QDialog):
    """A short, non-blocking welcome; `begin_chosen` when the person asks to start the first routine."""

    def __init__(self, first_routine: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Welcome to Rehab Coach"))
        self.begin_chosen = False
        heading = QLabel(_("Welcome to Rehab Coach"))
        style.scale_font(heading, style.TITLE, bold=True)
        lines = [
            _(
                "Rehab Coach talks you through the exercises your physiotherapist gave you, one rep, hold "
                "and rest at a time, with beeps and a large countdown you can read from the mat."
            ),
            _(
                "Where to begin: choose a routine on the left and press Start (Ctrl+Return). If you are new "
                "to the programme, begin with the gentle start."
            ),
            _(
                "Ice the knee (Ctrl+I) starts an icing timer, capped at 20 minutes. History (Ctrl+H) shows "
                "what you did and how the knee felt, and makes a report for your physiotherapist."
            ),
            _(
                "Your own routines: Session ▸ Open my routines folder. Reminders and Start at login are in "
                "the Session menu too."
            ),
        ]
        layout = QVBoxLayout(self)
        layout.setSpacing(style.SPACING)
        layout.addWidget(heading)
        for line in lines:
            layout.addWidget(_paragraph(line))
        layout.addWidget(_paragraph(_(DISCLAIMER)))
        layout.addStretch(1)  # a taller dialog keeps its paragraphs together above the buttons
        buttons = QDialogButtonBox()
        if first_routine is not None:
            begin = buttons.addButton(
                _("Start “{0}”").format(first_routine), QDialogButtonBox.ButtonRole.AcceptRole
            )
            begin.clicked.connect(self._on_begin)
        close = buttons.addButton(_("Look around first"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setDefault(first_routine is None)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.buttons = buttons
        fit_to_screen(self, QSize(560, 420))

    def _on_begin(self) -> None:
        self.begin_chosen = True
        self.accept()


def _paragraph(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label
