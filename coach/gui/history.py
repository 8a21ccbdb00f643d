"""The history window: streaks and adherence, the year's heat map, weekly doses against the plan, the pain
trend, the dose done (time under tension), advice on the dose, and a table of sessions that can be filtered
by routine.

It computes everything once when it opens and again when something changes (a mark, an export's new
file does not count), never in a paint; all figures come from coach.core (overview, progression).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, tzinfo
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from coach.core.clinical.pain_rule import ProgressionAdvice
from coach.core.history.overview import HistoryOverview
from coach.core.history.period import Period
from coach.core.history.stats import LONG_WEEKS, SHORT_WEEKS, describe_streak
from coach.core.i18n import _, ngettext
from coach.core.operations import (
    Changes,
    change_settings,
    export_csv_files,
    export_report,
)
from coach.core.operations.history_view import HistoryView, read_history
from coach.core.operations.queries import first_session_day, sessions_before
from coach.gui.charts import ChartOrTable, HeatMap, PainChart, WeeklyDoseChart
from coach.gui.day_marks import DayMarkDialog
from coach.gui.dose_done import DoseDonePanel
from coach.gui.export_progress import SHOWN_AFTER_MS, ExportProgress
from coach.gui.fit import fit_to_screen
from coach.gui.history_table import RoutineFilter, SessionRow, SessionTableModel, session_rows
from coach.gui.operations import OperationRunner
from coach.gui.progression_panel import ProgressionPanel
from coach.gui.report import draw_report
from coach.gui.report_dialog import ReportDialog
from coach.gui.running_panel import RunningPanel

ROWS_TO_SIZE_COLUMNS = 50


def describe_adherence(percent: float | None) -> str:
    return _("nothing planned") if percent is None else f"{percent:.0f} %"


class HistoryWindow(QWidget):
    """History over the store: what was done, against the plan, and how the knee felt."""

    def __init__(self, runner: OperationRunner) -> None:
        super().__init__()
        self.runner = runner
        runner.changed.connect(self._on_changes)
        self.setWindowTitle(_("History — Rehab Coach"))
        self.overview: HistoryOverview | None = None
        self.marks_dialog: DayMarkDialog | None = None
        self.file_dialog: QFileDialog | None = None
        self.progress_shown_after_ms = SHOWN_AFTER_MS  # how long an export runs before it shows its progress
        self.export_progress_dialog: ExportProgress | None = None
        self.report_dialog: ReportDialog | None = None
        self.report_period, self.report_name = Period(), ""
        self._build()
        fit_to_screen(self, QSize(1120, 860))
        self.refresh()

    # -- building ------------------------------------------------------------------------------------------

    def _action(self, text: str, shortcut: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build(self) -> None:
        self.mark_action = self._action(_("&Mark rest or flare-up…"), "Ctrl+M", self.edit_marks)
        self.csv_action = self._action(_("Export &CSV…"), "Ctrl+E", self.choose_csv_folder)
        self.pdf_action = self._action(_("Export &PDF report…"), "Ctrl+P", self.choose_report)
        self.close_action = self._action(_("Close"), "Escape", self.close)
        self._build_header()
        self.heat_map = HeatMap()
        self.weekly = WeeklyDoseChart()
        self.pain = PainChart()
        self.advice = ProgressionPanel(self.runner)
        self.running = RunningPanel()
        self.dose_done = DoseDonePanel()
        self._build_table()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName(_("Export status"))
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        # Each chart has its figures behind it, as a table at the press of a button (a screen reader's view).
        self.calendar_panel = ChartOrTable(_("The last 12 months"), self.heat_map)
        self.weekly_panel = ChartOrTable(_("Sessions each week against the plan"), self.weekly)
        self.pain_panel = ChartOrTable(_("Pain, 0 to 10"), self.pain)
        charts = QHBoxLayout()
        charts.addWidget(self.weekly_panel)
        charts.addWidget(self.pain_panel)
        buttons = QHBoxLayout()
        for action in (self.mark_action, self.csv_action, self.pdf_action):
            buttons.addWidget(_button(action))
        buttons.addWidget(self.status, 1)
        buttons.addWidget(_button(self.close_action))
        filter_row = QHBoxLayout()
        self.sessions_title = _title(_("Sessions"))  # the tab's name says it where there are two tabs
        filter_row.addWidget(self.sessions_title)
        filter_row.addStretch(1)
        filter_row.addWidget(self.routine_label)
        filter_row.addWidget(self.routine_box)
        # The sessions and, once a run is recorded, the running weeks share the bottom as two tabs: one above
        # the other, a 1366×768 laptop showed one row of sessions before scrolling.
        sessions_page = QWidget()
        sessions_column = QVBoxLayout(sessions_page)
        sessions_column.setContentsMargins(0, 6, 0, 0)
        sessions_column.addLayout(filter_row)
        sessions_column.addWidget(self.table, 1)
        self.lists = QTabWidget()
        self.lists.setDocumentMode(True)
        self.lists.addTab(sessions_page, _("Sessions"))
        self._running_tab = self.lists.addTab(self.running, _("Running"))
        self._show_running_tab(False)

        content = QWidget()
        column = _ShrinkingColumn(content)
        column.setContentsMargins(16, 12, 16, 4)
        column.setSpacing(8)
        column.addLayout(self.header)
        column.addWidget(self.calendar_panel)
        column.addLayout(charts)
        advice_row = QHBoxLayout()  # the dose done beside the advice: no taller on a laptop's screen
        advice_row.addWidget(self.advice, 3)
        advice_row.addWidget(self.dose_done, 2)
        column.addLayout(advice_row)
        self.more_advice_column = QVBoxLayout()  # the other exercise routines of the last two weeks
        column.addLayout(self.more_advice_column)
        self.more_advice: list[ProgressionPanel] = []
        column.addWidget(self.lists, 1)
        # A few rows at least, on the smallest screen too; the charts give way first (their minimums are
        # smaller than their preferred sizes), so that a 1366×768 laptop shows rows without scrolling.
        rows = self.table.verticalHeader().defaultSectionSize()
        self.table.setMinimumHeight(self.table.horizontalHeader().sizeHint().height() + 4 * rows + 4)
        # Everything but the buttons scrolls, so that a laptop screen still shows Export and Close.
        self.scroll_area = QScrollArea()
        self.scroll_area.setAccessibleName(_("History"))
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 12)
        layout.setSpacing(8)
        layout.addWidget(self.scroll_area, 1)
        buttons.setContentsMargins(16, 0, 16, 0)
        layout.addLayout(buttons)

    def _build_header(self) -> None:
        self.streak = _figure(_("Streak"))
        self.adherence_short = _figure(_("Adherence, last {weeks} weeks").format(weeks=SHORT_WEEKS))
        self.adherence_long = _figure(_("Adherence, last {weeks} weeks").format(weeks=LONG_WEEKS))
        self.icing = _figure(_("Icing, last {weeks} weeks").format(weeks=SHORT_WEEKS))
        self.programme = _figure(_("Programme"))
        self.programme.setWordWrap(True)  # a finished stage says its dates and the next stage: it wraps
        self.header = QGridLayout()
        self.header.setHorizontalSpacing(28)
        for column, (words, value) in enumerate(
            (
                (_("Streak"), self.streak),
                (_("Last {weeks} weeks").format(weeks=SHORT_WEEKS), self.adherence_short),
                (_("Last {weeks} weeks").format(weeks=LONG_WEEKS), self.adherence_long),
                (_("Icing, last {weeks} weeks").format(weeks=SHORT_WEEKS), self.icing),
                (_("Programme"), self.programme),
            )
        ):
            caption = QLabel(words)  # in the text's colour: the placeholder grey reads under 4.5:1 on light
            self.header.addWidget(caption, 0, column)
            self.header.addWidget(value, 1, column)
        self.streak.setWordWrap(True)  # a long streak (in German, say) wraps before the programme is cut
        self.header.setColumnStretch(0, 1)
        self.header.setColumnStretch(4, 2)

    def _build_table(self) -> None:
        self.model = SessionTableModel(self)
        self.rows = RoutineFilter(self)
        self.rows.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setAccessibleName(_("Sessions"))
        self.table.setModel(self.rows)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Sized to the rows near the top, not to ten years of them on every layout (bench/history.py).
        header.setResizeContentsPrecision(ROWS_TO_SIZE_COLUMNS)
        header.setStretchLastSection(True)
        self.routine_box = QComboBox()
        self.routine_box.setAccessibleName(_("Show the sessions of"))
        self.routine_box.currentIndexChanged.connect(self._on_routine_chosen)
        self.routine_label = QLabel(_("&Show:"))
        self.routine_label.setBuddy(self.routine_box)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        """Esc closes, as in a dialog, also when the window shortcut has not reached us."""
        if event.key() == Qt.Key.Key_Escape:
            self.close()
        else:
            super().keyPressEvent(event)

    # -- what it shows -----------------------------------------------------------------------------------

    def _today(self) -> tuple[date, tzinfo | None]:
        return self.runner.coach.today()

    def _show_running_tab(self, shown: bool) -> None:
        """The Running tab once a run is recorded; until then no tab bar (one tab is no choice) and the
        sessions' own heading."""
        self.lists.setTabVisible(self._running_tab, shown)
        self.lists.tabBar().setVisible(shown)
        # Without its bar the tab widget would take Tab's focus for a hidden bar, and keep it
        self.lists.setFocusPolicy(Qt.FocusPolicy.TabFocus if shown else Qt.FocusPolicy.NoFocus)
        self.sessions_title.setVisible(not shown)

    def running_shown(self) -> bool:
        """Whether the Running tab is there (a run is recorded)."""
        return self.lists.isTabVisible(self._running_tab)

    def refresh(self) -> None:
        """Read the store and compute everything the window shows, once."""
        with self.runner.reading(self):
            today, tz = self._today()
            view = read_history(self.runner.coach)
            overview = view.overview
            self.overview = overview
            self.streak.setText(describe_streak(overview.streak))
            self.adherence_short.setText(describe_adherence(overview.adherence_short))
            self.adherence_long.setText(describe_adherence(overview.adherence_long))
            icing = overview.icing_short
            self.icing.setText(ngettext("{count} time", "{count} times", icing).format(count=icing))
            self.programme.setText("—" if view.programme is None else str(view.programme))
            self.heat_map.set_data(overview.calendar, overview.marks, overview.changes)
            self.weekly.set_data(overview.weeks, overview.changes, today)
            self.pain.set_data(overview.pain, overview.changes)
            self.running.set_data(view.running, view.stage)
            self._show_running_tab(bool(view.running))
            self.model.set_rows(session_rows(view.sessions, tz), older=self._older_rows(view.since, tz))
            self.dose_done.show_doses(view.tension)
            self._fill_routine_box(view.titles)
            self._show_advice(view, today)

    def _older_rows(self, since: date, tz: tzinfo | None) -> Callable[[], list[SessionRow]]:
        """The rows of the sessions before `since`, read when the table first needs them."""

        def read() -> list[SessionRow]:
            rows: list[SessionRow] = []  # if the store fails: said by the runner, the table keeps its rows
            with self.runner.reading(self):
                rows = session_rows(sessions_before(self.runner.coach, since), tz)
            return rows  # noqa: RET504 (reading() swallows a store failure: then the empty list is returned)

        return read

    def set_library(self) -> None:
        """The routines changed (a user's copy was written): advise on the routine now in force."""
        self.refresh()

    def _fill_routine_box(self, titles: dict[str, str]) -> None:
        chosen = self.routine_box.currentData()
        self.routine_box.blockSignals(True)
        self.routine_box.clear()
        self.routine_box.addItem(_("All routines"), None)
        for routine_id, title in sorted(titles.items(), key=lambda item: item[1]):
            self.routine_box.addItem(title, routine_id)
        self.routine_box.setCurrentIndex(max(0, self.routine_box.findData(chosen)))
        self.routine_box.blockSignals(False)
        self._show_routine(self.routine_box.currentData())

    def _show_advice(self, view: HistoryView, today: date) -> None:
        """Advice on each exercise routine of the last two weeks, the one done last first (none for icing)."""
        if view.routine is None or view.advice is None:
            self.advice.show_advice(None, None, None, today)
        else:
            advice = ProgressionAdvice(view.advice.decision, view.advice.reason)
            self.advice.show_advice(view.routine, advice, view.advice.proposal, today)
        others = view.advices[1:]
        while len(self.more_advice) > len(others):
            panel = self.more_advice.pop()
            self.more_advice_column.removeWidget(panel)
            panel.deleteLater()
        while len(self.more_advice) < len(others):
            panel = ProgressionPanel(self.runner)
            self.more_advice.append(panel)
            self.more_advice_column.addWidget(panel)
        for panel, found in zip(self.more_advice, others, strict=True):
            said = ProgressionAdvice(found.decision, found.reason)
            panel.show_advice(found.routine, said, found.proposal, today)

    def filter_routine(self, routine_id: str | None) -> None:
        """Show only the sessions of `routine_id` (None: all)."""
        self.routine_box.setCurrentIndex(max(0, self.routine_box.findData(routine_id)))

    def _on_routine_chosen(self) -> None:
        self._show_routine(self.routine_box.currentData())

    def _show_routine(self, routine_id: str | None) -> None:
        """Filter the table to one routine; one not done in the months shown needs the earlier rows."""
        if routine_id is not None and all(row.routine_id != routine_id for row in self.model.rows):
            self.model.fetch_all()
        self.rows.set_routine(routine_id)

    def _on_changes(self, changes: Changes) -> None:
        """Whatever an operation changed anywhere in the app, history shows it at once."""
        if (changes.history or changes.routines) and self.isVisible():
            self.refresh()

    # -- rest and flare-up days ----------------------------------------------------------------------------

    def edit_marks(self) -> DayMarkDialog:
        """Open the dialog that marks rest and flare-up days (it does not block the window)."""
        if self.marks_dialog is None:
            self.marks_dialog = DayMarkDialog(self.runner, self._today()[0], self)
        self.marks_dialog.open()
        return self.marks_dialog

    # -- exports -------------------------------------------------------------------------------------------

    def choose_csv_folder(self) -> QFileDialog:
        dialog = self._file_dialog(_("Export CSV into a folder"))
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.fileSelected.connect(self._on_csv_folder)
        dialog.open()
        return dialog

    def choose_report(self) -> ReportDialog:
        """Which days the report covers and its name line, then where to save it."""
        today = self._today()[0]
        first = self.runner.query(first_session_day, self) or today
        dialog = ReportDialog(today, first, self.runner.coach.settings.report_name, self)
        dialog.accepted.connect(self._on_report_chosen)
        self.report_dialog = dialog
        dialog.open()
        return dialog

    def _on_report_chosen(self) -> None:
        dialog = self.report_dialog
        if dialog is None:
            return
        self.report_period, self.report_name = dialog.period(), dialog.name_line()
        settings = self.runner.coach.settings
        if settings.report_name != self.report_name:  # kept for the next report
            chosen = settings.replace(report_name=self.report_name)
            self.runner.run(lambda coach: change_settings(coach, chosen), self)
        self.choose_pdf_file()

    def choose_pdf_file(self) -> QFileDialog:
        dialog = self._file_dialog(_("Export the PDF report"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(_("PDF files (*.pdf)"))
        dialog.setDefaultSuffix("pdf")
        dialog.selectFile(f"rehab-coach-report-{self._today()[0].isoformat()}.pdf")
        dialog.fileSelected.connect(self._on_pdf_file)
        dialog.open()
        return dialog

    def _file_dialog(self, title: str) -> QFileDialog:
        if self.file_dialog is not None:
            self.file_dialog.deleteLater()
        dialog = QFileDialog(self, title, str(Path.home()))
        self.file_dialog = dialog
        return dialog

    def _on_csv_folder(self, folder: str) -> None:
        self.export_csv(Path(folder))

    def _on_pdf_file(self, file: str) -> None:
        self.export_pdf(Path(file))

    def export_csv(self, folder: Path) -> bool:
        """Write sessions.csv and steps.csv into `folder` (never over existing files); say how it went.

        An export that takes over a second shows its progress, and can be cancelled (ExportProgress).
        """
        progress = ExportProgress(
            _("Writing sessions.csv and steps.csv…"), self, shown_after_ms=self.progress_shown_after_ms
        )
        self.export_progress_dialog = progress
        try:
            done = self.runner.run(
                lambda coach: export_csv_files(coach, folder, Period(), progress=progress.tell),
                self,
                show_refusal=self._not_exported,
            )
        finally:
            progress.finish()
            self.export_progress_dialog = None
        if done is None:
            return False
        reviews = done.reviews_path.name if done.reviews_path is not None else ""
        runs = done.runs_path.name if done.runs_path is not None else ""
        self.status.setText(
            _("Wrote {sessions}, {steps}, {reviews} and {runs}.").format(
                sessions=done.sessions_path, steps=done.steps_path.name, reviews=reviews, runs=runs
            )
        )
        return True

    def export_pdf(self, path: Path) -> bool:
        """Write the report for the chosen days (at first, all of history) to `path` (the save dialog asked
        before replacing), with the name line and the library's routines for the prescription."""
        period, name = self.report_period, self.report_name
        report = self.runner.run(
            lambda coach: export_report(coach, path, period, draw_report, name=name),
            self,
            show_refusal=self._not_exported,
        )
        if report is None:
            return False
        self.status.setText(_("Wrote the report to {path}.").format(path=path))
        return True

    def _not_exported(self, sentence: str) -> None:
        self.status.setText(_("Not exported: {reason}.").format(reason=sentence))


class _ShrinkingColumn(QVBoxLayout):
    """A column that lets a scroll area shrink it to the window, charts first, before it scrolls.

    A layout with word-wrapped labels reports height-for-width, and QScrollArea then sizes its content to
    the preferred height for the width: the charts keep their full size and the table falls below the
    fold on a 1366×768 laptop. Without it, the content takes the viewport's height and scrolls only
    below its minimum.
    """

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt's name)
        return False


def _title(words: str) -> QLabel:
    label = QLabel(words)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def _figure(name: str) -> QLabel:
    label = QLabel()
    label.setAccessibleName(name)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.35)
    font.setBold(True)
    label.setFont(font)
    return label


def _button(action: QAction) -> QPushButton:
    """A button that triggers `action` and shows its shortcut in the tooltip."""
    text = action.text()
    button = QPushButton(text)
    button.clicked.connect(action.trigger)
    shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    plain = text.replace("&", "")
    button.setToolTip(f"{plain} ({shortcut})" if shortcut else plain)
    button.setAccessibleName(plain)
    return button
