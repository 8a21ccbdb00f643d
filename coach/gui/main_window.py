"""The main window. For now: the routine library and its details; the guided player arrives next."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from coach.core.library import Library, RoutineEntry
from coach.core.routine import estimated_minutes


class MainWindow(QMainWindow):
    """Lists the routines (broken files with their error) and shows the chosen routine's exercises."""

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("Rehab Coach"))
        self.library = library
        self.routine_list = QListWidget()
        self.routine_list.setAccessibleName(self.tr("Routines"))
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        title_font = self.title.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.5)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setAccessibleName(self.tr("Routine details"))
        for entry in library.routines:
            item = QListWidgetItem(entry.routine.title)
            item.setData(Qt.ItemDataRole.UserRole, entry.routine.id)
            self.routine_list.addItem(item)
        for broken in library.broken:
            item = QListWidgetItem(self.tr("Broken: {0}").format(broken.path.name))
            item.setToolTip("\n".join(str(p) for p in broken.problems))
            item.setData(Qt.ItemDataRole.UserRole, None)
            self.routine_list.addItem(item)
        self.routine_list.currentRowChanged.connect(self._on_row_changed)

        detail_pane = QWidget()
        layout = QVBoxLayout(detail_pane)
        layout.addWidget(self.title)
        layout.addWidget(self.details, 1)
        splitter = QSplitter()
        splitter.addWidget(self.routine_list)
        splitter.addWidget(detail_pane)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([340, 560])
        self.setCentralWidget(splitter)

        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        self.addAction(quit_action)
        if self.routine_list.count():
            self.routine_list.setCurrentRow(0)
        self.resize(900, 560)

    def _on_row_changed(self, row: int) -> None:
        if row < len(self.library.routines):
            entry = self.library.routines[row]
            self.title.setText(entry.routine.title)
            self.details.setText(describe_routine(entry))
        elif row >= 0:
            broken = self.library.broken[row - len(self.library.routines)]
            self.title.setText(self.tr("This routine file has problems"))
            self.details.setText("\n".join(str(p) for p in broken.problems))


def describe_routine(entry: RoutineEntry) -> str:
    """The routine as text: description, plan, estimated minutes, the exercises and the source."""
    routine = entry.routine
    minutes = round(estimated_minutes(routine))
    lines = [routine.description, ""]
    if routine.sessions_per_week:
        lines.append(f"{routine.sessions_per_week} sessions a week · about {minutes} min")
    else:
        lines.append(f"About {minutes} min")
    lines.append("")
    lines += [f"• {e.name} — {e.prescription()}" for e in routine.exercises]
    if routine.source:
        lines += ["", f"Source: {routine.source}"]
    return "\n".join(lines)
