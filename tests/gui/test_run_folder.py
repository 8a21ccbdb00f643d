"""Session ▸ Watch a folder for runs…: the chosen folder is remembered, what it holds is imported, a file
that lands in it later is imported too, and a bad one is said once."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from coach.core.running.runs import RunSource
from coach.core.session.clock import FakeClock
from coach.core.settings import load_settings
from coach.gui.app import CoachApp
from coach.gui.run_log import RunQuestionsDialog
from tests.run_files import fit_bytes, gpx_text, tcx_text, write_run_file


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock(wall=datetime(2026, 3, 4, 12, 0, tzinfo=UTC), monotonic=1000.0)


def test_a_chosen_folder_is_remembered_and_what_it_holds_is_imported(
    coach_app: CoachApp, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "watch-sync"
    folder.mkdir()
    write_run_file(folder, "morning.gpx", gpx_text())
    write_run_file(folder, "notes.txt", "not a run")
    watched = coach_app.runs.run_folder
    monkeypatch.setattr(watched, "choose_folder", lambda: folder)

    watched.action.trigger()

    assert load_settings(coach_app.coach.places.data_dir).run_folder == str(folder)
    [run] = coach_app.coach.store.runs()
    assert run.source is RunSource.GPX
    assert "morning.gpx: imported as run 1" in coach_app.window.banner_text.text()
    questions = coach_app.runs.questions
    assert isinstance(questions, RunQuestionsDialog)  # the pain during it, which the file cannot say
    assert set(questions.boxes[run.id]) == {"during", "after_hour", "next_morning"}


def test_a_file_that_lands_in_the_folder_later_is_imported_and_a_bad_one_said_once(
    coach_app: CoachApp, qtbot: QtBot, tmp_path: Path
) -> None:
    folder = tmp_path / "watch-sync"
    folder.mkdir()
    watched = coach_app.runs.run_folder
    watched.set_folder(folder)
    assert coach_app.coach.store.runs() == []

    write_run_file(folder, "run.fit", fit_bytes())
    qtbot.waitUntil(lambda: len(coach_app.coach.store.runs()) == 1, timeout=10_000)
    write_run_file(folder, "ride.tcx", tcx_text(sport="Biking"))
    qtbot.waitUntil(lambda: "ride.tcx" in coach_app.window.banner_text.text(), timeout=10_000)
    assert coach_app.window.banner_text.text() == "ride.tcx: this is a biking activity, not a run"
    coach_app.window.banner.hide()
    watched.import_new()  # nothing new: nothing said again

    assert coach_app.window.banner.isHidden()
    assert [r.source for r in coach_app.coach.store.runs()] == [RunSource.FIT]
