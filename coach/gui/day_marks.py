"""Marking days as a planned rest or a flare-up (with a reason), and removing a mark.

Marked days are left out of the plan and never break a streak (the rule is in coach.core.history.stats). This
dialog runs the core's mark_days and unmark_days; every window, this one too, refreshes from the change
they announce.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coach.core.history.records import DayMark, DayMarkKind
from coach.core.i18n import _, format_moment
from coach.core.operations import Changes, mark_days, unmark_days
from coach.core.operations.queries import day_marks
from coach.gui.operations import OperationRunner


def describe_mark(mark: DayMark) -> str:
    """'Flare-up, 3 Mar 2026 – 5 Mar 2026: knee swelled after a run'."""
    kind = _(mark.kind.label)
    span = format_moment(mark.first_day, "%d %b %Y", "yMMMd", time=False)
    if mark.last_day != mark.first_day:
        span += " – " + format_moment(mark.last_day, "%d %b %Y", "yMMMd", time=False)
    return f"{kind}, {span}: {mark.reason}" if mark.reason else f"{kind}, {span}"


class DayMarkDialog(QDialog):
    """Add a rest or flare-up mark for a day or a span; list the marks and remove one."""

    def __init__(
        self,
        runner: OperationRunner,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        runner.changed.connect(self._on_changes)
        self.setWindowTitle(_("Rest and flare-up days"))
        self.kind = QComboBox()
        for kind in DayMarkKind:
            self.kind.addItem(_(kind.label), kind)
        self.kind.setAccessibleName(_("Kind of day"))
        self.first = _date_edit(today, _("From"))
        self.last = _date_edit(today, _("To"))
        self.first.dateChanged.connect(self._on_first_changed)
        self.reason = QLineEdit()
        self.reason.setAccessibleName(_("Reason"))
        self.reason.setPlaceholderText(_("Optional: a holiday, the knee swelled after a run…"))
        self.reason.setMaxLength(200)
        self.add_button = QPushButton(_("&Mark these days"))
        self.add_button.setAccessibleName(_("Mark these days"))
        self.add_button.clicked.connect(self.add)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.list = QListWidget()
        self.list.setAccessibleName(_("Marked days"))
        self.remove_button = QPushButton(_("&Remove the chosen mark"))
        self.remove_button.setAccessibleName(_("Remove the chosen mark"))
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(_("&Kind:"), self.kind)
        form.addRow(_("&From:"), self.first)
        form.addRow(_("&To:"), self.last)
        form.addRow(_("R&eason:"), self.reason)
        add_row = QHBoxLayout()
        add_row.addStretch(1)
        add_row.addWidget(self.add_button)
        remove_row = QHBoxLayout()
        remove_row.addStretch(1)
        remove_row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(_("Marked days are left out of the plan and never break a streak."), wordWrap=True)
        )
        layout.addLayout(form)
        layout.addLayout(add_row)
        layout.addWidget(self.problem)
        layout.addWidget(QLabel(_("Marked so far:")))
        layout.addWidget(self.list, 1)
        layout.addLayout(remove_row)
        layout.addWidget(buttons)
        self.resize(480, 440)
        self.show_marks(runner.query(day_marks, self) or [])

    def show_marks(self, marks: Sequence[DayMark]) -> None:
        self.list.clear()
        for mark in reversed(marks):
            item = QListWidgetItem(describe_mark(mark))
            item.setData(Qt.ItemDataRole.UserRole, mark.id)
            self.list.addItem(item)
        self.remove_button.setEnabled(bool(marks))

    def add(self) -> int | None:
        """Store the mark as filled in; None (and the sentence saying why under the form) if it cannot be."""
        first, last = _day(self.first.date()), _day(self.last.date())
        kind, reason = self.kind.currentData(), self.reason.text()
        mark = self.runner.run(
            lambda coach: mark_days(coach, kind, first, last, reason),
            self,
            show_refusal=self._show_problem,
        )
        if mark is None:
            return None
        self.problem.hide()
        self.reason.clear()
        return mark.id

    def remove_selected(self) -> None:
        item: QListWidgetItem | None = self.list.currentItem()
        if item is None:
            return
        mark_id = int(item.data(Qt.ItemDataRole.UserRole))
        self.runner.run(lambda coach: unmark_days(coach, mark_id), self, show_refusal=self._show_problem)

    def _show_problem(self, sentence: str) -> None:
        self.problem.setText(_("Not marked: {0}.").format(sentence))
        self.problem.show()

    def _on_changes(self, changes: Changes) -> None:
        if changes.day_marks:
            self.show_marks(self.runner.query(day_marks, self) or [])

    def _on_first_changed(self, first: QDate) -> None:
        if self.last.date() < first:
            self.last.setDate(first)


def _date_edit(day: date, name: str) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setAccessibleName(name)
    return edit


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())
