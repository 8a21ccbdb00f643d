"""The Help menu's texts: the warning signs that mean "see a doctor", and what Rehab Coach is (and is not)."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QMessageBox, QWidget

from coach import __version__
from coach.core.clinical.safety import DISCLAIMER, KNEE_WARNING_SIGNS, NO_IMPROVEMENT_ADVICE, PROGRAMME_ADVICE


def warning_signs_html() -> str:
    items = "".join(
        f"<li>{html.escape(sign.question)}{' <b>Go to urgent care.</b>' if sign.urgent else ''}</li>"
        for sign in KNEE_WARNING_SIGNS
    )
    return (
        "<p>Stop the exercises and contact a doctor if any of these is true:</p>"
        f"<ul>{items}</ul><p>{html.escape(NO_IMPROVEMENT_ADVICE)}</p>"
    )


def show_warning_signs(parent: QWidget) -> QMessageBox:
    box = QMessageBox(
        QMessageBox.Icon.Information, parent.tr("Warning signs"), warning_signs_html(), parent=parent
    )
    box.setObjectName("warning-signs")
    box.open()
    return box


def show_about(parent: QWidget) -> QMessageBox:
    text = (
        f"<h3>Rehab Coach {html.escape(__version__)}</h3>"
        f"<p>{html.escape(DISCLAIMER)}</p><p>{html.escape(PROGRAMME_ADVICE)}</p>"
        "<p>Your records stay on this computer; Rehab Coach has no network code.</p>"
        "<p>Code: GPL-3.0-or-later. Routines, illustrations and sounds: CC BY 4.0.</p>"
    )
    box = QMessageBox(QMessageBox.Icon.NoIcon, parent.tr("About Rehab Coach"), text, parent=parent)
    box.setObjectName("about")
    box.open()
    return box
