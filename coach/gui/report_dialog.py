"""Before the PDF report: which days it covers (as `coach export --from/--to`) and an optional name line."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from coach.core.history.period import Period
from coach.core.i18n import _


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(picked: QDate) -> date:
    return date(picked.year(), picked.month(), picked.day())


class ReportDialog(QDialog):
    """All of history, or the days from … to …, and the name to print at the top (kept for next time)."""

    def __init__(self, today: date, first_day: date, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Export the PDF report"))
        self.setMinimumWidth(420)
        self.everything = QCheckBox(_("&All of history"))
        self.everything.setChecked(True)
        self.first = QDateEdit(_qdate(first_day))
        self.last = QDateEdit(_qdate(today))
        for edit, name_of in ((self.first, _("First day")), (self.last, _("Last day"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.setMaximumDate(_qdate(today))
            edit.setAccessibleName(name_of)
            edit.dateChanged.connect(self._on_dates)
        self.everything.toggled.connect(self._on_dates)
        self.name = QLineEdit(name)
        self.name.setPlaceholderText(_("Optional, e.g. your name and date of birth"))
        self.name.setAccessibleName(_("Name on the report"))
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Choose the file…"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.everything)
        form.addRow(_("&From"), self.first)
        form.addRow(_("&To"), self.last)
        form.addRow(_("&Name line"), self.name)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self._on_dates()

    def _on_dates(self) -> None:
        span = not self.everything.isChecked()
        self.first.setEnabled(span)
        self.last.setEnabled(span)
        backwards = span and self.first.date() > self.last.date()
        self.problem.setText(_("The first day is after the last day.") if backwards else "")
        self.problem.setVisible(backwards)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not backwards)

    def period(self) -> Period:
        """The days chosen: open ends (all of history) or the span, ends included."""
        if self.everything.isChecked():
            return Period()
        return Period(_day(self.first.date()), _day(self.last.date()))

    def name_line(self) -> str:
        return self.name.text().strip()
