"""The Help menu's warning signs that mean "see a doctor" (What Rehab Coach is and is not: gui/about.py)."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QMessageBox, QWidget

from coach.core.clinical.safety import KNEE_WARNING_SIGNS, NO_IMPROVEMENT_ADVICE
from coach.core.i18n import _


def warning_signs_html() -> str:
    urgent = " <b>" + html.escape(_("Go to urgent care.")) + "</b>"
    items = "".join(
        f"<li>{html.escape(sign.question)}{urgent if sign.urgent else ''}</li>" for sign in KNEE_WARNING_SIGNS
    )
    stop = html.escape(_("Stop the exercises and contact a doctor if any of these is true:"))
    return f"<p>{stop}</p><ul>{items}</ul><p>{html.escape(_(NO_IMPROVEMENT_ADVICE))}</p>"


def show_warning_signs(parent: QWidget) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Information, _("Warning signs"), warning_signs_html(), parent=parent)
    box.setObjectName("warning-signs")
    box.open()
    return box
