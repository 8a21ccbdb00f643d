"""Session ▸ Log a run…: typed in by keyboard alone, a file imported from the dialog or dropped on the main
window, and the later pain questions asked when their time has come."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from coach.core.running.runs import NewRun, RunPain, RunSource
from coach.core.session.clock import FakeClock
from coach.gui.app import CoachApp
from coach.gui.run_log import RunLogDialog, RunQuestionsDialog
from tests.gui.accessibility import unnamed_controls
from tests.gui.driving import click, key_click, type_text
from tests.run_files import fit_bytes, gpx_text, write_run_file

NOW = datetime(2026, 3, 4, 12, 0, tzinfo=UTC)


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock(wall=NOW, monotonic=1000.0)


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def open_by_keyboard(coach_app: CoachApp, qtbot: QtBot) -> RunLogDialog:
    coach_app.window.activateWindow()
    key_click(coach_app.window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    dialog = coach_app.runs.dialog
    assert isinstance(dialog, RunLogDialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.pain)  # what it asks first
    return dialog


def test_a_run_is_logged_with_the_keyboard_alone(coach_app: CoachApp, qtbot: QtBot) -> None:
    dialog = open_by_keyboard(coach_app, qtbot)
    assert not dialog.save_button.isEnabled()  # the pain during is asked first

    key_click(focused(), Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    assert focused() is dialog.minutes
    key_click(focused(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(focused(), "25")
    key_click(focused(), Qt.Key.Key_Tab)
    assert focused() is dialog.distance
    key_click(focused(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(focused(), "4.10")
    key_click(focused(), Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    assert focused() is dialog.pain
    for _ in range(3):  # from "not answered" to 0, 1, 2
        key_click(focused(), Qt.Key.Key_Up)
    key_click(focused(), Qt.Key.Key_Return)

    assert dialog.result() == RunLogDialog.DialogCode.Accepted
    [run] = coach_app.coach.store.runs()
    assert run.source is RunSource.LOGGED
    assert (run.minutes, run.distance_km, run.pain) == (25, 4.1, RunPain(during=2))
    assert run.started_at == NOW - timedelta(minutes=25)


def test_import_file_reads_the_chosen_file_with_the_pain_during(
    coach_app: CoachApp, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_run_file(tmp_path, "watch.fit", fit_bytes(minutes=31, km=5.1))
    dialog = open_by_keyboard(coach_app, qtbot)
    monkeypatch.setattr(dialog, "choose_files", lambda: [path])

    key_click(focused(), Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)  # Import file…
    qtbot.waitUntil(lambda: dialog.files == [path])  # a mnemonic clicks as an animated press does
    assert dialog.files_line.text() == "To import: watch.fit"
    assert not dialog.minutes.isVisible()
    dialog.pain.setValue(1)
    click(dialog.save_button)

    [run] = coach_app.coach.store.runs()
    assert (run.source, run.minutes, run.distance_km, run.pain) == (RunSource.FIT, 31, 5.1, RunPain(1))
    assert dialog.result() == RunLogDialog.DialogCode.Accepted


def test_a_bad_or_known_file_is_said_in_the_dialog_and_changes_nothing(
    coach_app: CoachApp, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ride = write_run_file(tmp_path, "ride.gpx", gpx_text(sport="cycling"))
    dialog = open_by_keyboard(coach_app, qtbot)
    monkeypatch.setattr(dialog, "choose_files", lambda: [ride])

    click(dialog.import_button)
    dialog.pain.setValue(0)
    click(dialog.save_button)

    assert dialog.outcome.text() == "ride.gpx: this is a cycling activity, not a run"
    assert dialog.isVisible()
    assert coach_app.coach.store.runs() == []


def _dragged(mime: QMimeData, *urls: QUrl) -> tuple[QDragEnterEvent, QDropEvent]:
    """The events of dragging `urls` in; `mime` (the caller's, kept alive: the events do not own it)."""
    mime.setUrls(list(urls))
    at, copy = QPoint(20, 20), Qt.DropAction.CopyAction
    no_button, no_key = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    return QDragEnterEvent(at, copy, mime, no_button, no_key), QDropEvent(
        QPointF(at), copy, mime, no_button, no_key
    )


def test_a_file_dropped_on_the_main_window_opens_the_dialog_to_import_it(
    coach_app: CoachApp, qtbot: QtBot, tmp_path: Path
) -> None:
    path = write_run_file(tmp_path, "morning.gpx", gpx_text())
    mime = QMimeData()
    enter, drop = _dragged(mime, QUrl.fromLocalFile(str(path)))

    # Qt hands a drop to the window's handlers when the widget under the pointer takes none
    coach_app.window.dragEnterEvent(enter)
    coach_app.window.dropEvent(drop)

    assert enter.isAccepted()
    dialog = coach_app.runs.dialog
    assert isinstance(dialog, RunLogDialog)
    assert dialog.files == [path]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.pain)
    type_text(dialog.pain, "3")
    key_click(dialog.pain, Qt.Key.Key_Return)
    [run] = coach_app.coach.store.runs()
    assert (run.source, run.pain.during) == (RunSource.GPX, 3)


def test_a_web_link_dragged_over_the_window_is_not_taken(coach_app: CoachApp) -> None:
    mime = QMimeData()
    enter, drop = _dragged(mime, QUrl("https://example.org/run.gpx"))
    enter.ignore()

    coach_app.window.dragEnterEvent(enter)
    coach_app.window.dropEvent(drop)

    assert not enter.isAccepted()
    assert coach_app.runs.dialog is None


def test_the_later_questions_are_asked_once_their_time_has_come(
    coach_app: CoachApp, qtbot: QtBot, fake_clock: FakeClock
) -> None:
    store = coach_app.coach.store
    yesterday = store.record_run(
        NewRun(NOW - timedelta(days=1), 30, RunSource.LOGGED, pain=RunPain(during=2))
    )
    just_now = store.record_run(NewRun(NOW - timedelta(minutes=40), 30, RunSource.LOGGED, pain=RunPain(1)))
    assert yesterday is not None
    assert just_now is not None

    dialog = coach_app.runs.offer_questions()

    assert isinstance(dialog, RunQuestionsDialog)
    assert set(dialog.boxes) == {yesterday}  # the run that ended 10 minutes ago waits for its hour
    assert set(dialog.boxes[yesterday]) == {"after_hour", "next_morning"}
    dialog.boxes[yesterday]["after_hour"].setValue(1)
    dialog.boxes[yesterday]["next_morning"].setValue(0)
    click(dialog.save_button)
    assert store.run(yesterday).pain == RunPain(2, 1, 0)
    assert store.run(just_now).pain == RunPain(1)
    coach_app.runs.questions = None
    assert coach_app.runs.offer_questions() is None
    fake_clock.advance(3600)
    later = coach_app.runs.offer_questions()
    assert isinstance(later, RunQuestionsDialog)
    assert set(later.boxes) == {just_now}
    assert set(later.boxes[just_now]) == {"after_hour"}


def test_every_control_of_the_run_dialogs_has_an_accessible_name(coach_app: CoachApp) -> None:
    store = coach_app.coach.store
    store.record_run(NewRun(NOW - timedelta(days=1), 30, RunSource.GPX))  # every question due
    log = coach_app.runs.log_run()
    importing = RunLogDialog(coach_app.runner, coach_app.window, [Path("run.fit")])
    questions = coach_app.runs.offer_questions()
    assert questions is not None

    unnamed = {
        name: unnamed_controls(d) for name, d in (("log", log), ("import", importing), ("ask", questions))
    }

    assert {name: names for name, names in unnamed.items() if names} == {}
    importing.close()
