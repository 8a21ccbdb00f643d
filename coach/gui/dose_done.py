"""History's "dose done": time under tension done against prescribed per exercise over the last weeks, in
the core's own sentences (coach/core/history/tension.py), the report's words."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from coach.core.history.stats import SHORT_WEEKS
from coach.core.history.tension import NO_TENSION, TENSION_HEADING, TensionDose
from coach.core.i18n import _
from coach.gui import style


class DoseDonePanel(QGroupBox):
    """One line per exercise: 'Wall squat: 6 min 20 s of 8 min under tension (79 %)'."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(
            _("{heading}, last {weeks} weeks").format(heading=_(TENSION_HEADING), weeks=SHORT_WEEKS)
        )
        self.lines = QLabel()
        style.plain(self.lines)
        self.lines.setAccessibleName(_("Time under tension"))
        self.lines.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.lines)

    def show_doses(self, doses: Sequence[TensionDose]) -> None:
        """Show each exercise's sentence, or the core's "none to count"."""
        self.lines.setText("\n".join(d.sentence() for d in doses) if doses else _(NO_TENSION))
