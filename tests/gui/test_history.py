"""The history window on a seeded database: what the heat map, the streak, the charts and the table show."""

from __future__ import annotations

import subprocess
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QEvent, QPoint, QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QHelpEvent, QImage
from PySide6.QtWidgets import QDialogButtonBox, QHeaderView, QPushButton, QToolTip
from pytestqt.qtbot import QtBot

from coach.core import export as export_module
from coach.core.history.records import DayMarkKind
from coach.core.history.tension import NO_TENSION, TENSION_HEADING
from coach.core.routines.library import Origin
from coach.core.session.clock import FakeClock
from coach.core.settings import load_settings
from coach.core.store.errors import StoreError
from coach.gui.app import CoachApp
from coach.gui.charts import ACCENT, ChartView
from coach.gui.export_progress import ExportProgress
from coach.gui.history import HistoryWindow
from tests.gui.driving import click, key_click
from tests.helpers import hold, reps, routine
from tests.seeding import add_session

TODAY = date(2026, 3, 18)  # a Wednesday
# Sessions are at 08:00 UTC and the clock at noon, so every day is the same in any zone from -11 to +11.
WEEK_BEFORE_LAST = date(2026, 3, 9)


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock(wall=datetime(2026, 3, 18, 12, 0, tzinfo=UTC), monotonic=1000.0)


MARKED_AT = datetime(2026, 3, 1, 9, tzinfo=UTC)


def three_a_week(app: CoachApp, mondays: list[date], *, pain: int | None = None) -> None:
    for monday in mondays:
        for offset in (0, 1, 2):
            add_session(app.coach.store, monday + timedelta(days=offset), pain=pain, hour=8)


def open_history(app: CoachApp, qtbot: QtBot) -> HistoryWindow:
    window = app.show_history()
    qtbot.waitExposed(window)
    return window


def pixel(chart: ChartView, point: QPointF) -> QColor:
    image: QImage = chart.grab().toImage()
    return image.pixelColor(point.toPoint())


def test_a_full_day_is_a_full_accent_cell_with_a_tooltip_saying_what_was_done(
    coach_app: CoachApp, qtbot: QtBot
) -> None:
    add_session(coach_app.coach.store, date(2026, 3, 16), pain=3, hour=8)
    add_session(coach_app.coach.store, date(2026, 3, 17), done=1, hour=8)

    window = open_history(coach_app, qtbot)

    heat_map = window.heat_map
    full, half = heat_map.map.day(date(2026, 3, 16)), heat_map.map.day(date(2026, 3, 17))
    assert full is not None
    assert half is not None
    assert (full.share, half.share) == (1.0, 0.5)
    assert pixel(heat_map, heat_map.cell_rect(date(2026, 3, 16)).center()) == ACCENT
    assert pixel(heat_map, heat_map.cell_rect(date(2026, 3, 17)).center()) != ACCENT
    assert heat_map.map.tooltip(full).splitlines() == [
        "Monday 16 March 2026",
        "Test routine: 2 of 2 reps and holds (done), pain 3 of 10",
        "100 % of the day's planned dose",
    ]
    centre = heat_map.cell_rect(date(2026, 3, 16)).center().toPoint()
    heat_map.event(QHelpEvent(QEvent.Type.ToolTip, centre, heat_map.mapToGlobal(centre)))
    assert QToolTip.text().startswith("Monday 16 March 2026\nTest routine: 2 of 2")
    QToolTip.hideText()


def test_a_rest_week_shows_as_rest_and_does_not_break_the_streak(coach_app: CoachApp, qtbot: QtBot) -> None:
    three_a_week(coach_app, [date(2026, 2, 23), date(2026, 3, 2), date(2026, 3, 16)])
    coach_app.coach.store.add_day_mark(
        DayMarkKind.REST, WEEK_BEFORE_LAST, date(2026, 3, 15), "holiday", at=MARKED_AT
    )

    window = open_history(coach_app, qtbot)

    assert window.streak.text() == "3 weeks in a row on plan · longest 3 weeks"
    rest = window.heat_map.map.day(date(2026, 3, 11))
    assert rest is not None
    assert rest.mark is DayMarkKind.REST
    assert "Planned rest: holiday" in window.heat_map.map.tooltip(rest)
    assert window.adherence_short.text() == "100 %"


def test_removing_the_rest_mark_breaks_the_streak_and_the_main_window_hears_of_it(
    coach_app: CoachApp, qtbot: QtBot
) -> None:
    three_a_week(coach_app, [date(2026, 2, 23), date(2026, 3, 2), date(2026, 3, 16)])
    coach_app.coach.store.add_day_mark(
        DayMarkKind.REST, WEEK_BEFORE_LAST, date(2026, 3, 15), "holiday", at=MARKED_AT
    )
    coach_app.refresh_summary()
    window = open_history(coach_app, qtbot)
    assert "streak: 3 weeks" in coach_app.window.summary.text()

    dialog = window.edit_marks()
    qtbot.waitExposed(dialog)
    assert dialog.list.item(0).text() == "Planned rest, 09 Mar 2026 – 15 Mar 2026: holiday"
    dialog.list.setCurrentRow(0)
    click(dialog.remove_button)

    assert coach_app.coach.store.day_marks() == []
    assert window.streak.text() == "1 week in a row on plan · longest 2 weeks"
    assert "streak: 1 week" in coach_app.window.summary.text()
    dialog.close()


def test_marking_a_flare_up_in_the_dialog_shows_it_on_the_map(coach_app: CoachApp, qtbot: QtBot) -> None:
    window = open_history(coach_app, qtbot)
    dialog = window.edit_marks()
    dialog.kind.setCurrentIndex(dialog.kind.findData(DayMarkKind.FLARE_UP))
    dialog.reason.setText("swollen after a run")

    click(dialog.add_button)

    [mark] = coach_app.coach.store.day_marks()
    assert (mark.kind, mark.first_day, mark.reason) == (DayMarkKind.FLARE_UP, TODAY, "swollen after a run")
    today = window.heat_map.map.day(TODAY)
    assert today is not None
    assert today.mark is DayMarkKind.FLARE_UP
    dialog.close()


def test_the_weekly_bars_and_the_plan_line_show_the_seeded_dose(coach_app: CoachApp, qtbot: QtBot) -> None:
    three_a_week(coach_app, [date(2026, 3, 2), date(2026, 3, 16)])
    add_session(coach_app.coach.store, date(2026, 3, 12), hour=8)

    window = open_history(coach_app, qtbot)

    bars = window.weekly.bars
    assert len(bars.weeks) == 26
    assert [(w.monday, w.done, w.planned) for w in bars.weeks[-3:]] == [
        (date(2026, 3, 2), 3, 3),
        (WEEK_BEFORE_LAST, 1, 3),
        (date(2026, 3, 16), 3, 3),
    ]
    rect = QRectF(window.weekly.rect())
    met, short = bars.bar_rect(25, rect), bars.bar_rect(24, rect)
    assert pixel(window.weekly, met.center()) == ACCENT
    assert pixel(window.weekly, short.center()) != ACCENT
    assert short.height() == pytest.approx(met.height() / 3)
    assert bars.plan_y(25, rect) == pytest.approx(met.top())


def test_the_pain_trend_shows_session_and_morning_pain_with_their_means(
    coach_app: CoachApp, qtbot: QtBot
) -> None:
    add_session(coach_app.coach.store, date(2026, 3, 16), pain=2, morning=1, hour=8)
    add_session(coach_app.coach.store, date(2026, 3, 17), pain=4, morning=3, hour=8)

    window = open_history(coach_app, qtbot)

    days = {d.day: d for d in window.pain.trend.days}
    assert len(days) == 90
    assert (days[date(2026, 3, 16)].session_pain, days[date(2026, 3, 17)].session_pain) == (2, 4)
    assert (days[date(2026, 3, 17)].morning_pain, days[TODAY].morning_pain) == (1, 3)
    assert days[date(2026, 3, 17)].session_mean == 3.0
    point = window.pain.trend.point(date(2026, 3, 17), 4, QRectF(window.pain.rect()))
    assert pixel(window.pain, point) == ACCENT


def test_the_table_lists_sessions_newest_first_and_filters_by_routine(
    coach_app: CoachApp, qtbot: QtBot
) -> None:
    other = routine(reps("bridge", sets=1, reps=1), routine_id="bridges", per_week=3)
    first = add_session(
        coach_app.coach.store, date(2026, 3, 16), pain=2, note="stiff", hour=8, signs={"swelling": False}
    )
    coach_app.coach.store.record_pain_before(first, 1)
    add_session(coach_app.coach.store, date(2026, 3, 17), of=other, hour=8, signs={"night_pain": True})
    window = open_history(coach_app, qtbot)
    table = window.table.model()
    assert table.rowCount() == 2
    assert table.index(0, 0).data() == "Tue 17 Mar 2026 08:00"
    assert [table.index(1, c).data() for c in (3, 4, 5, 7, 8)] == ["2 of 2", "1", "2", "none", "stiff"]
    assert table.index(0, 7).data() == "night pain"

    window.filter_routine("test-routine")

    assert table.rowCount() == 1
    assert table.index(0, 1).data() == "Test routine"
    assert window.routine_box.currentText() == "Test routine"


def test_a_header_click_sorts_the_table_and_the_order_holds_through_the_routine_filter(
    coach_app: CoachApp, qtbot: QtBot
) -> None:
    other = routine(reps("bridge", sets=1, reps=1), routine_id="bridges", per_week=3)
    for day, pain in ((16, 5), (18, 3), (19, None)):
        add_session(coach_app.coach.store, date(2026, 3, day), pain=pain, hour=8)
    add_session(coach_app.coach.store, date(2026, 3, 17), pain=1, of=other, hour=8)
    window = open_history(coach_app, qtbot)
    table = window.table.model()
    header = window.table.horizontalHeader()

    def pains() -> list[str]:
        return [table.index(row, 5).data() for row in range(table.rowCount())]

    click(header.viewport(), pos=header_point(header, 5))
    ascending = pains()
    click(header.viewport(), pos=header_point(header, 5))
    descending = pains()
    window.filter_routine("test-routine")

    assert {tuple(ascending), tuple(descending)} == {("", "1", "3", "5"), ("5", "3", "1", "")}
    assert pains() == [p for p in descending if p != "1"]
    window.filter_routine(None)
    window.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert table.index(0, 0).data() == "Thu 19 Mar 2026 08:00"


def _years_of_sessions(app: CoachApp) -> list[date]:
    """Two sessions a month for two years back from TODAY; a routine done only in the first months."""
    days = [TODAY - timedelta(days=15 * n) for n in range(48)]
    for day in days:
        add_session(app.coach.store, day, hour=8)
    old = routine(reps("bridge", sets=1, reps=1), routine_id="bridges", per_week=3)
    add_session(app.coach.store, days[-1] + timedelta(days=1), of=old, hour=8)
    return days


def test_the_table_reads_older_sessions_when_scrolled_to_its_end(coach_app: CoachApp, qtbot: QtBot) -> None:
    # Given two years of sessions: the window reads those of the twelve months it shows
    days = _years_of_sessions(coach_app)
    window = open_history(coach_app, qtbot)
    table = window.table.model()
    shown = table.rowCount()
    older_to_read = window.model.has_older
    assert 24 <= shown < len(days)
    assert older_to_read

    # When the table is scrolled to its end
    window.table.scrollToBottom()
    bar = window.table.verticalScrollBar()
    bar.setValue(bar.maximum())

    # Then the older sessions are read and listed below, newest first still
    qtbot.waitUntil(lambda: table.rowCount() == len(days) + 1)
    assert not window.model.has_older
    assert table.index(table.rowCount() - 1, 0).data() == f"{days[-1]:%a %d %b %Y} 08:00"


def test_sorting_or_choosing_an_old_routine_shows_every_session(coach_app: CoachApp, qtbot: QtBot) -> None:
    # Given two years of sessions, of which the window has read the last twelve months
    days = _years_of_sessions(coach_app)
    window = open_history(coach_app, qtbot)
    table = window.table.model()
    assert window.routine_box.findData("bridges") > 0  # every routine done is offered

    # When a routine done only two years ago is chosen
    window.filter_routine("bridges")

    # Then its session is shown (read from the earlier ones)
    assert table.rowCount() == 1
    window.filter_routine(None)
    assert table.rowCount() == len(days) + 1

    # And sorting by date the other way starts with the very first session
    window.close()
    window = open_history(coach_app, qtbot)
    window.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert window.table.model().index(0, 0).data() == f"{days[-1]:%a %d %b %Y} 08:00"


def test_older_sessions_that_cannot_be_read_are_said_and_the_table_keeps_its_rows(
    coach_app: CoachApp, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given the window on two years of sessions, and a store that fails when the older ones are read
    _years_of_sessions(coach_app)
    window = open_history(coach_app, qtbot)
    shown = window.table.model().rowCount()

    def fails(*_: object, **__: object) -> None:
        raise StoreError("the history file is locked by another program")

    monkeypatch.setattr(coach_app.coach.store, "sessions_before", fails)

    # When the table is scrolled to its end
    with qtbot.waitSignal(coach_app.runner.refused) as said:
        window.model.fetchMore()

    # Then the failure is said in a sentence, and the rows already shown stay
    assert said.args == ["the history file is locked by another program"]
    assert window.table.model().rowCount() == shown


def header_point(header: QHeaderView, section: int) -> QPoint:
    return QPoint(header.sectionViewportPosition(section) + header.sectionSize(section) // 2, 5)


def test_the_history_action_opens_one_window_and_escape_closes_it(coach_app: CoachApp, qtbot: QtBot) -> None:
    coach_app.window.history_action.trigger()
    window = coach_app.history_window
    assert window is not None
    qtbot.waitExposed(window)

    coach_app.window.history_action.trigger()

    assert coach_app.history_window is window
    key_click(window, Qt.Key.Key_Escape)
    assert not window.isVisible()


def test_exports_from_the_window_write_the_csv_files_and_the_pdf(
    coach_app: CoachApp, qtbot: QtBot, tmp_path: Path
) -> None:
    add_session(coach_app.coach.store, date(2026, 3, 16), pain=2, hour=8)
    window = open_history(coach_app, qtbot)

    assert window.export_csv(tmp_path / "csv")
    assert window.export_pdf(tmp_path / "report.pdf")

    assert (tmp_path / "csv" / "sessions.csv").is_file()
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")
    assert window.status.text() == f"Wrote the report to {tmp_path / 'report.pdf'}."
    assert not window.export_csv(tmp_path / "csv")
    assert window.status.text().startswith("Not exported:")


def test_accepting_a_progression_writes_the_users_own_copy_and_the_library_shows_it(
    coach_app: CoachApp, qtbot: QtBot
) -> None:
    entry = coach_app.coach.library.find("hip-strength")
    assert entry is not None
    for day in (date(2026, 3, 16), date(2026, 3, 17)):
        add_session(coach_app.coach.store, day, entry.routine, pain=2, morning=1, hour=8)
    window = open_history(coach_app, qtbot)
    assert window.advice.heading.text() == "Hip and knee strength (weeks 3–6): Ready for a little more"
    assert window.advice.reason.text().startswith("Pain settled by the morning after")
    assert "Wall squat: 3 × 20 s hold → 3 × 25 s hold" in window.advice.changes.text()

    click(window.advice.accept_button)

    copy = coach_app.coach.places.user_routines / "hip-strength.toml"
    assert copy.read_text(encoding="utf-8").startswith("# Your own copy of")
    assert str(copy) in window.advice.result.text()
    mine = coach_app.coach.library.find("hip-strength")
    assert mine is not None
    assert mine.origin is Origin.USER
    assert coach_app.window.selected_routine() is not None
    assert window.advice.heading.text() == "Hip and knee strength (weeks 3–6): Keep this dose for now"
    assert window.advice.result.isVisible()


@pytest.mark.slow
def test_the_pdf_export_asks_for_the_days_and_the_name_line_as_the_command_line_does(
    coach_app: CoachApp, qtbot: QtBot, tmp_path: Path
) -> None:
    for day in (date(2026, 3, 2), date(2026, 3, 10), date(2026, 3, 16)):
        add_session(coach_app.coach.store, day, pain=2, hour=8)
    window = open_history(coach_app, qtbot)
    window.pdf_action.trigger()
    dialog = window.report_dialog
    assert dialog is not None
    assert not dialog.first.isEnabled()  # all of history, until asked otherwise

    dialog.everything.setChecked(False)
    dialog.first.setDate(QDate(2026, 3, 16))
    dialog.last.setDate(QDate(2026, 3, 9))
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    dialog.first.setDate(QDate(2026, 3, 9))
    dialog.last.setDate(QDate(2026, 3, 16))
    dialog.name.setText(" Alex Example ")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert window.file_dialog is not None
    window.file_dialog.fileSelected.emit(str(tmp_path / "report.pdf"))

    text = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(tmp_path / "report.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert "Alex Example" in text
    assert "9 Mar 2026 to 16 Mar 2026" in text
    assert load_settings(coach_app.coach.places.data_dir).report_name == "Alex Example"
    assert coach_app.coach.settings.report_name == "Alex Example"  # the app heard of the change
    window.file_dialog.close()


def test_a_long_csv_export_shows_its_progress_and_cancelling_it_writes_nothing(
    coach_app: CoachApp, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export_module, "PAGE", 1)  # a page a session: a tell after each
    for day in range(2, 20):
        add_session(coach_app.coach.store, date(2026, 3, day), pain=2, hour=8)
    window = open_history(coach_app, qtbot)
    window.progress_shown_after_ms = 0  # as an export that has run for over a second
    shown: list[bool] = []

    def press_cancel() -> None:  # runs in the event loop that the dialog's progress lets run
        dialog = window.export_progress_dialog
        assert dialog is not None
        shown.append(dialog.isVisible())
        cancel = dialog.findChild(QPushButton)
        assert cancel is not None
        click(cancel)

    out = tmp_path / "exports"
    out.mkdir()
    QTimer.singleShot(0, press_cancel)
    assert not window.export_csv(out / "csv")

    assert shown == [True]
    assert window.status.text() == "Not exported: cancelled; nothing was written."
    assert list(out.iterdir()) == []  # no folder, no hidden draft beside it
    assert window.export_progress_dialog is None
    assert window.export_csv(out / "csv")  # and the next export runs to its end
    assert len((out / "csv" / "sessions.csv").read_text(encoding="utf-8-sig").splitlines()) == 19


def test_a_short_csv_export_shows_no_progress(coach_app: CoachApp, qtbot: QtBot, tmp_path: Path) -> None:
    add_session(coach_app.coach.store, date(2026, 3, 16), pain=2, hour=8)
    window = open_history(coach_app, qtbot)
    progress: list[ExportProgress] = []
    original = ExportProgress.tell

    def noted(self: ExportProgress, fraction: float) -> None:
        progress.append(self)
        original(self, fraction)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ExportProgress, "tell", noted)
        assert window.export_csv(tmp_path / "csv")

    assert progress  # it was told, and never shown (the export took well under a second)
    assert not any(p.isVisible() for p in progress)


def test_history_shows_the_dose_done_under_tension_over_the_last_four_weeks(
    coach_app: CoachApp, qtbot: QtBot
) -> None:
    # Given nothing done yet, History says there is nothing to count
    window = open_history(coach_app, qtbot)
    assert window.dose_done.lines.text() == NO_TENSION
    assert window.dose_done.title() == f"{TENSION_HEADING}, last 4 weeks"

    # When two 30 s wall squats were done in full in January (outside the four weeks) and only the first of
    # them this Monday
    squats = routine(hold("wall-squat", sets=2, seconds=30))
    add_session(coach_app.coach.store, date(2026, 1, 12), squats, hour=8)
    add_session(coach_app.coach.store, date(2026, 3, 16), squats, done=1, hour=8)
    window.refresh()

    # Then the panel shows the last four weeks' line, in the core's words, as plain text
    assert window.dose_done.lines.text() == "Wall Squat: 30 s of 1 min under tension (50 %)"
    assert window.dose_done.lines.textFormat() == Qt.TextFormat.PlainText
    assert window.dose_done.lines.isVisible()


def test_the_advice_on_a_running_plan_says_the_next_run(coach_app: CoachApp, qtbot: QtBot) -> None:
    from coach.core.running.runs import NewRun, RunPain, RunSource

    store = coach_app.coach.store
    entry = coach_app.coach.library.find("back-to-running")
    assert entry is not None
    add_session(store, date(2026, 3, 14), entry.routine, pain=2, hour=8)
    for day in (10, 12, 14, 16):  # two good runs at the first stage, two at the second
        started = datetime(2026, 3, day, 8, tzinfo=UTC)
        store.record_run(NewRun(started, 20.0, RunSource.LOGGED, pain=RunPain(2, 1, 1)))

    window = open_history(coach_app, qtbot)

    assert window.advice.heading.text() == "Back to running (run-walk): Ready for a little more"
    assert window.advice.reason.text().endswith("Next run: 2 min run, 1 min walk, 8 times.")
    assert not window.advice.accept_button.isVisible()  # the stage follows the runs: nothing to write
