"""A chart with its figures behind it: a button shows them as a table, which a screen reader can read."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coach.core.i18n import _, language
from coach.gui.charts.base import ChartView


class ChartOrTable(QWidget):
    """A chart's title and the chart, or the same figures as a table: "Show as table" swaps them."""

    def __init__(self, title: str, chart: ChartView) -> None:
        super().__init__()
        self.chart = chart
        chart.setAccessibleDescription(_("A chart; Show as table gives its figures."))
        heading = QLabel(title)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        self.toggle = QPushButton(_("Show as table"))
        self.toggle.setCheckable(True)
        self.toggle.setAccessibleName(_("Show {chart}, as a table").format(chart=_lowered(title)))
        self.toggle.toggled.connect(self._on_toggled)
        self.table = QTableWidget()
        self.table.setAccessibleName(_("{chart}, as a table").format(chart=title))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.pages = QStackedWidget()
        self.pages.addWidget(chart)
        self.pages.addWidget(self.table)
        top = QHBoxLayout()
        top.addWidget(heading, 1)
        top.addWidget(self.toggle)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(top)
        column.addWidget(self.pages, 1)
        chart.drawn.connect(self._fill)

    def _on_toggled(self, as_table: bool) -> None:
        self.toggle.setText(_("Show as chart") if as_table else _("Show as table"))
        self.pages.setCurrentWidget(self.table if as_table else self.chart)
        if as_table:
            self._fill()

    def _fill(self) -> None:
        """The chart's figures now, into the table (only while it shows: a year of days is many rows)."""
        if not self.toggle.isChecked():
            return
        figures = self.chart.drawing.table()
        self.table.clear()
        self.table.setColumnCount(len(figures.headings))
        self.table.setHorizontalHeaderLabels(list(figures.headings))
        self.table.setRowCount(len(figures.rows))
        for row, values in enumerate(figures.rows):
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))


def _lowered(title: str) -> str:
    """A title inside a sentence: 'pain, 0 to 10' in English; German keeps its nouns' capitals."""
    return title[:1].lower() + title[1:] if language() != "de" else title
