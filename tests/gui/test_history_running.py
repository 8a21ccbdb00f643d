"""History's running: each week's running minutes beside the exercise sessions, the pain the runs gave, the
plan's stage; and the window hears of a run logged anywhere."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from pytestqt.qtbot import QtBot

from coach.core.running.runs import NewRun, RunPain, RunSource
from coach.core.session.clock import FakeClock
from coach.gui.app import CoachApp
from tests.seeding import add_session

MONDAY = date(2026, 3, 16)
LAST_MONDAY = date(2026, 3, 9)


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock(wall=datetime(2026, 3, 18, 12, 0, tzinfo=UTC), monotonic=1000.0)


def a_run(
    day: date, minutes: float, pain: RunPain, *, stage: int | None = None, km: float | None = None
) -> NewRun:
    start = datetime(day.year, day.month, day.day, 7, 0, tzinfo=UTC)
    return NewRun(
        start,
        minutes,
        RunSource.GUIDED if stage is not None else RunSource.LOGGED,
        km,
        pain=pain,
        stage=stage,
    )


def test_history_shows_weekly_running_minutes_beside_the_sessions_and_the_pain(
    coach_app: CoachApp, qtbot: QtBot
) -> None:
    store = coach_app.coach.store
    for day in (LAST_MONDAY, LAST_MONDAY + timedelta(days=2), MONDAY):
        add_session(store, day, pain=2, hour=8)
    store.record_run(a_run(LAST_MONDAY + timedelta(days=1), 20, RunPain(1, 1, 0), stage=0))
    store.record_run(a_run(LAST_MONDAY + timedelta(days=3), 24, RunPain(3, 2, 1), stage=1, km=3.5))
    store.record_run(a_run(MONDAY + timedelta(days=1), 30, RunPain(2, None, None), km=4.8))

    window = coach_app.show_history()
    qtbot.waitExposed(window)

    panel = window.running
    assert window.running_shown()
    window.lists.setCurrentWidget(panel)
    assert panel.isVisible()
    assert panel.row_texts()[:2] == [
        ["16 Mar 2026", "30", "1", "4.8", "1", "2", "–", "–"],
        ["09 Mar 2026", "44", "2", "3.5", "2", "3", "2", "1"],
    ]
    assert panel.summary.text() == (
        "This week: 30 min of running, 1 exercise session. "
        "Stage of the return to running: stage 2 (last run 12 Mar)."
    )
    assert "Week of 09 Mar: 2 runs, 44 min, 3.5 km, 2 exercise sessions; pain during at most 3" in (
        panel.table.accessibleDescription()
    )


def test_history_hides_running_until_a_run_is_recorded_and_hears_of_one(
    coach_app: CoachApp, qtbot: QtBot
) -> None:
    from coach.core.operations import log_run

    window = coach_app.show_history()
    qtbot.waitExposed(window)
    assert not window.running_shown()

    coach_app.runner.run(lambda coach: log_run(coach, 25, 1))

    assert window.running_shown()
    assert window.running.row_texts()[0][:3] == ["16 Mar 2026", "25", "1"]


def test_the_running_weeks_are_a_tab_beside_the_sessions_that_the_keyboard_reaches(
    coach_app: CoachApp, qtbot: QtBot
) -> None:
    """Below each other the two tables left a 1366×768 laptop one row of sessions in view; as tabs each has
    the room, and Tab then an arrow key go from one to the other."""
    from PySide6.QtCore import Qt

    from coach.core.operations import log_run
    from tests.gui.accessibility import accessible_name
    from tests.gui.test_keyboard_only import focus, press, tab_order

    coach_app.runner.run(lambda coach: log_run(coach, 25, 1))
    window = coach_app.show_history()
    qtbot.waitExposed(window)
    assert window.lists.currentIndex() == 0  # the sessions first
    assert not window.sessions_title.isVisible()  # the tab's name says it

    tab_order(qtbot, window, 4)  # the window, then the charts' three buttons
    assert accessible_name(focus()) == "Sessions"  # the tab bar, its tab chosen
    press(Qt.Key.Key_Right)

    assert window.running.isVisible()
    assert window.running.row_texts()[0][:3] == ["16 Mar 2026", "25", "1"]
