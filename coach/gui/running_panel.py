"""History's running: the plan's stage, and each recent week's running minutes beside the exercise sessions
done, with the highest pain the runs gave (during, an hour after, the next morning): pain against running
load, as a table (its own text alternative) and a sentence for screen readers."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coach.core.history.running_load import (
    RunningStage,
    RunningWeek,
    describe_running_week,
    running_summary,
)
from coach.core.i18n import N_, _, format_date, language
from coach.gui import style

MIN_ROWS = 2  # in view on a small screen, where the sessions table needs its rows too
WEEKS_SHOWN = 8  # (ours) two months: enough to see a trend, short enough to read at a glance
COLUMNS = (  # N_-marked English: translated where shown
    N_("Week of"),
    N_("Running, min"),
    N_("Runs"),
    "km",
    N_("Exercise sessions"),
    N_("Pain during (highest)"),
    N_("An hour after"),
    N_("Next morning"),
)


class RunningPanel(QWidget):
    """History's Running tab, which History shows once a run is recorded."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel()
        style.plain(self.summary, wrap=False)  # one line; a wrapped one left the table too little room
        self.summary.setAccessibleName(_("Running"))
        self.table = _WholeTable(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([_(c) if c != "km" else c for c in COLUMNS])
        self.table.setAccessibleName(_("Running each week beside the exercise sessions, and pain"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAlternatingRowColors(True)
        title = QLabel(_("Running each week, beside the exercise sessions"))
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)

    def set_data(self, weeks: Sequence[RunningWeek], stage: RunningStage | None) -> None:
        """The weeks of the chart (oldest first); the latest WEEKS_SHOWN, newest first, are shown."""
        shown = list(reversed(weeks[-WEEKS_SHOWN:]))
        if not weeks:
            self.table.setRowCount(0)
            self.summary.clear()
            return
        self.summary.setText(running_summary(shown[0], stage))
        self.table.setRowCount(len(shown))
        for row, week in enumerate(shown):
            cells = (
                f"{week.monday:%d %b %Y}" if language() == "en" else format_date(week.monday),
                _number(week.minutes),
                str(week.runs),
                "" if week.distance_km is None else _number(week.distance_km),
                str(week.sessions),
                _pain(week.pain_during),
                _pain(week.pain_after_hour),
                _pain(week.pain_next_morning),
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.setAccessibleDescription("\n".join(describe_running_week(w) for w in shown))
        self.table.updateGeometry()

    def row_texts(self) -> list[list[str]]:
        """What the table shows, row by row (for tests and a screen reader's summary)."""
        rows = []
        for r in range(self.table.rowCount()):
            items = [self.table.item(r, c) for c in range(self.table.columnCount())]
            rows.append([item.text() if item is not None else "" for item in items])
        return rows


class _WholeTable(QTableWidget):
    """A table that asks for the height of all its rows, and gives way to MIN_ROWS on a small screen (as
    History's sessions table does, the charts first); measured when laid out, once styled."""

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        height = self.horizontalHeader().sizeHint().height() + self.verticalHeader().length()
        return QSize(super().sizeHint().width(), height + 2 * self.frameWidth())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        rows = min(self.rowCount(), MIN_ROWS) * self.verticalHeader().defaultSectionSize()
        height = self.horizontalHeader().sizeHint().height() + rows + 2 * self.frameWidth()
        return QSize(super().minimumSizeHint().width(), height)


def _pain(value: int | None) -> str:
    return "–" if value is None else str(value)


def _number(value: float) -> str:
    """30, 12.3: as few digits as the value needs, with the language's decimal sign."""
    shown = f"{value:g}"
    return shown if language() == "en" else shown.replace(".", ",")
