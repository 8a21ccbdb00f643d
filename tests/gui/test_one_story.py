"""Both faces tell one story: what an operation changes reaches every open window, and a session has one
outcome word in the app, `coach history`, the CSV files and the PDF report."""

from __future__ import annotations

import csv
import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from pytestqt.qtbot import QtBot

from coach.cli import main
from coach.core.history.period import Period
from coach.core.operations import export_csv_files, export_report
from coach.core.session.clock import FakeClock
from coach.gui.app import CoachApp
from coach.gui.history import HistoryWindow
from coach.gui.report import draw_report
from coach.gui.session_end import SessionEndPage
from tests.gui.driving import finish_a_session
from tests.helpers import over
from tests.seeding import add_session


def table_outcomes(window: HistoryWindow) -> list[str]:
    model = window.model
    return [model.index(row, 2).data(Qt.ItemDataRole.DisplayRole) for row in range(model.rowCount())]


def test_a_session_finished_while_history_is_open_appears_in_its_table(
    qtbot: QtBot, coach_app: CoachApp, fake_clock: FakeClock
) -> None:
    history = coach_app.show_history()
    qtbot.waitExposed(history)
    assert history.model.rowCount() == 0

    with qtbot.waitSignal(coach_app.runner.changed):
        page = finish_a_session(qtbot, coach_app, fake_clock)

    assert history.model.rowCount() == 1
    assert table_outcomes(history) == ["done"]
    page.pain_slider.setValue(3)
    with qtbot.waitSignal(coach_app.runner.changed):
        page.save_button.click()
    pain_column = history.model.index(0, 5).data(Qt.ItemDataRole.DisplayRole)
    assert pain_column == "3"


def test_a_mark_made_in_the_dialog_reaches_the_main_window(qtbot: QtBot, coach_app: CoachApp) -> None:
    history = coach_app.show_history()
    dialog = history.edit_marks()
    seen: list[object] = []
    coach_app.runner.changed.connect(seen.append)

    dialog.reason.setText("holiday")
    assert dialog.add() is not None

    assert len(seen) == 1
    assert dialog.list.count() == 1
    assert [m.reason for m in coach_app.coach.store.day_marks()] == ["holiday"]


def test_a_refused_mark_is_said_under_the_form_and_nothing_is_stored(
    qtbot: QtBot, coach_app: CoachApp
) -> None:
    dialog = coach_app.show_history().edit_marks()
    dialog.first.setDate(dialog.first.date().addDays(3))
    dialog.last.setDate(dialog.first.date().addDays(-2))

    with qtbot.waitSignal(coach_app.runner.refused):
        assert dialog.add() is None

    assert "before it starts" in dialog.problem.text()
    assert coach_app.coach.store.day_marks() == []


def pdf_text(path: Path) -> str:
    document = QPdfDocument()
    assert document.load(str(path)) == QPdfDocument.Error.None_
    text = "\n".join(document.getAllText(page).text() for page in range(document.pageCount()))
    document.close()
    return text


def test_a_session_with_17_of_249_steps_done_is_mostly_skipped_everywhere(
    qtbot: QtBot,
    coach_app: CoachApp,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    entry = coach_app.coach.library.find("hip-strength")
    assert entry is not None
    session_id = add_session(coach_app.coach.store, date(2026, 3, 2), entry.routine, done=17, hour=8)
    record = coach_app.coach.store.session(session_id)
    assert (record.steps_completed, record.steps_total) == (17, 249)

    page = SessionEndPage(record, coach_app.runner)
    qtbot.addWidget(page)
    history = coach_app.show_history()
    assert "most of it was skipped" in page.heading.text()
    assert "(mostly skipped)" in page.summary.text()
    assert table_outcomes(history) == ["mostly skipped"]

    assert main(["history", "--json"]) == 0
    [listed] = json.loads(capsys.readouterr().out)["sessions"]
    assert (listed["outcome"], listed["status"]) == ("mostly skipped", "completed")

    folder = tmp_path / "csv"
    export_csv_files(over(coach_app.coach.store), folder, Period())
    with (folder / "sessions.csv").open(encoding="utf-8-sig", newline="") as handle:
        [row] = list(csv.DictReader(handle))
    assert row["outcome"] == "mostly skipped"

    pdf = tmp_path / "report.pdf"
    export_report(
        over(coach_app.coach.store, now=datetime(2026, 3, 2, 12, tzinfo=UTC)), pdf, Period(), draw_report
    )
    text = pdf_text(pdf)
    assert "1 mostly skipped" in text
    assert "Mostly skipped" in text  # the column of the table of sessions by routine


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock(wall=datetime(2026, 3, 2, 12, 0, tzinfo=UTC), monotonic=1000.0)
