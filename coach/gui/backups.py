"""Help → Backups…: the automatic backups of the history, and bringing one back."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coach.core.i18n import _, format_moment
from coach.core.operations.backups import backups, restore_while_open
from coach.core.store.backups import Backup
from coach.core.words import count
from coach.gui import style
from coach.gui.operations import OperationRunner

# Why a restore is refused right now (a session or icing running), or None when it may go ahead.
WhyNot = Callable[[], str | None]


class BackupsDialog(QDialog):
    """Lists the backups, newest first; Restore puts the chosen one in place after asking."""

    def __init__(self, runner: OperationRunner, why_not: WhyNot, parent: QWidget) -> None:
        super().__init__(parent)
        self.runner, self.why_not = runner, why_not
        self.setWindowTitle(_("Backups"))
        self.found: list[Backup] = []
        intro = QLabel(
            _(
                "Rehab Coach copies your history once a day when it starts, and before every upgrade. "
                "Restoring one replaces your history with it; the current history is kept as a copy."
            )
        )
        style.plain(intro)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([_("Taken"), _("Sessions"), _("Size")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName(_("Backups"))
        self.empty = QLabel(_("No backups yet: the first is taken the next time Rehab Coach starts."))
        style.plain(self.empty)
        self.status = QLabel()
        style.plain(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = QPushButton(_("&Restore…"))
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.clicked.connect(self._on_restore)
        buttons.rejected.connect(self.reject)
        self.table.itemSelectionChanged.connect(self._on_selection)
        layout = QVBoxLayout(self)
        for widget in (intro, self.table, self.empty, self.status, buttons):
            layout.addWidget(widget)
        self.resize(560, 360)
        self.refresh()

    def refresh(self) -> None:
        found: list[Backup] = self.runner.run(backups, self) or []
        self.found = found[::-1]
        self.table.setRowCount(len(self.found))
        kinds = {
            "before-upgrade": _("  (before an upgrade)"),
            "before-restore": _("  (the history a restore replaced)"),
            "damaged": _("  (moved aside as damaged)"),
        }
        for row, backup in enumerate(self.found):
            sessions = "?" if backup.sessions is None else str(backup.sessions)
            if backup.damage is not None:
                sessions = _("damaged")
            cells = (
                format_moment(backup.taken_at.astimezone(), "%a %d %b %Y, %H:%M", "yMMMEd")
                + kinds.get(backup.kind, ""),
                sessions,
                f"{max(1, round(backup.size / 1024))} KB",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.empty.setVisible(not self.found)
        self.table.setVisible(bool(self.found))
        if self.found:
            self.table.selectRow(0)
        self._on_selection()

    def selected(self) -> Backup | None:
        rows = self.table.selectionModel().selectedRows()
        return self.found[rows[0].row()] if rows else None

    def _on_selection(self) -> None:
        chosen = self.selected()
        self.restore_button.setEnabled(chosen is not None and chosen.usable)
        if chosen is not None and chosen.damage is not None:
            self.status.setText(_("This copy is damaged ({0}); it cannot be restored.").format(chosen.damage))

    def _on_restore(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        why_not = self.why_not()
        if why_not:
            self.status.setText(why_not)
            return
        when = format_moment(chosen.taken_at.astimezone(), "%A %d %B %Y, %H:%M", "yMMMMEEEEd")
        sessions = "?" if chosen.sessions is None else count(chosen.sessions, "session")
        asked = QMessageBox.question(
            self,
            _("Restore this backup?"),
            _(
                "Replace your history with the backup from {0} ({1})? The current history is kept as a copy."
            ).format(when, sessions),
        )
        if asked != QMessageBox.StandardButton.Yes:
            return
        done = self.runner.run(lambda coach: restore_while_open(coach, chosen.id), self)
        if done is not None:
            self.status.setText(_("Restored the backup from {0}.").format(when))
            self.refresh()
