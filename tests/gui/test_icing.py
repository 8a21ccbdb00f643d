from __future__ import annotations

import sqlite3
import time
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap, QPixmapCache
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from coach.core.clinical.safety import (
    ICING_END_ADVICE,
    ICING_LIMIT_REASON,
    ICING_START_ADVICE,
    ICING_WHO_SHOULD_NOT,
)
from coach.core.history.records import IcingStatus
from coach.core.session.clock import FakeClock
from coach.gui.app import CoachApp, Services
from coach.services.sound import Cue
from tests.gui.driving import click, key_click
from tests.gui.fakes import RecordingNotifier, RecordingSound


@pytest.fixture
def services() -> Services:
    return Services(sound=RecordingSound(), notifier=RecordingNotifier())


def test_the_ice_button_starts_twenty_minutes(qtbot: QtBot, coach_app: CoachApp) -> None:
    click(coach_app.window.ice_button)

    window = coach_app.ice.icing_window
    assert coach_app.ice.controller.running
    assert window.isVisible()
    assert window.countdown.text() == "20:00"
    assert ICING_START_ADVICE in window.advice.text()
    assert window.help.text() == ICING_WHO_SHOULD_NOT
    (record,) = coach_app.coach.store.icing_runs()
    assert (record.status, record.planned_minutes) == (IcingStatus.OPEN, 20)


def test_ctrl_i_starts_icing(qtbot: QtBot, coach_app: CoachApp) -> None:
    key_click(coach_app.window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)

    assert coach_app.ice.controller.running


def test_the_countdown_follows_the_clock_and_wakes_once_a_second(
    coach_app: CoachApp, fake_clock: FakeClock
) -> None:
    coach_app.ice.start(20)
    timer = coach_app.ice.controller.timer
    assert timer.isSingleShot()
    assert 1000 <= timer.interval() <= 1010

    fake_clock.advance(65.4)
    coach_app.ice.controller.tick()

    assert coach_app.ice.icing_window.countdown.text() == "18:55"
    assert 600 <= timer.interval() <= 610, "the next wake-up is when the shown second changes"


def test_a_run_lets_qts_pixmap_cache_go_so_its_timer_stops_waking_the_app(
    qtbot: QtBot, coach_app: CoachApp, fake_clock: FakeClock
) -> None:
    # Given the icing window painted, with pieces of it in Qt's pixmap cache (which then wakes every 30 s)
    coach_app.ice.start(20)
    qtbot.waitExposed(coach_app.ice.icing_window)
    drawn = QPixmapCache.insert(QPixmap(8, 8))

    # When the countdown ticks for the first time
    fake_clock.advance(1.0)
    coach_app.ice.controller.tick()

    # Then the cache is empty (its timer stopped), and the countdown still shows the second
    assert not QPixmapCache.find(drawn, QPixmap())
    assert coach_app.ice.icing_window.countdown.text() == "19:59"


def test_the_end_rings_notifies_advises_and_is_recorded(
    coach_app: CoachApp, fake_clock: FakeClock, services: Services
) -> None:
    coach_app.ice.start(20)

    fake_clock.advance(20 * 60)
    coach_app.ice.controller.tick()

    window = coach_app.ice.icing_window
    assert window.countdown.text() == "00:00"
    assert window.advice.text() == ICING_END_ADVICE
    assert window.status.text().startswith("Done at ")
    assert services.sound.played == [Cue.ICING_DONE]  # type: ignore[attr-defined]
    assert services.notifier.shown == [("Icing done", ICING_END_ADVICE)]  # type: ignore[attr-defined]
    (record,) = coach_app.coach.store.icing_runs()
    assert (record.status, record.actual_minutes) == (IcingStatus.FINISHED, 20)
    assert not coach_app.ice.controller.timer.isActive()


def test_the_end_waits_its_turn_while_another_program_holds_the_lock_without_freezing_the_window(
    qtbot: QtBot, coach_app: CoachApp, fake_clock: FakeClock, services: Services
) -> None:
    coach_app.ice.start(20)
    assert coach_app.coach.store.path is not None
    other_writer = sqlite3.connect(coach_app.coach.store.path)
    other_writer.execute("BEGIN IMMEDIATE")  # held for as long as the store would wait (10 s), and more
    fake_clock.advance(20 * 60)

    started = time.monotonic()
    coach_app.ice.controller.tick()
    stalled = time.monotonic() - started

    assert stalled < 0.5, f"the GUI thread waited {stalled:.2f} s for the lock"
    assert coach_app.ice.icing_window.status.text().startswith("Done at "), "the end is shown at once"
    assert services.sound.played == [Cue.ICING_DONE]  # type: ignore[attr-defined]
    (record,) = coach_app.coach.store.icing_runs()
    assert record.status is IcingStatus.OPEN, "its record waits its turn"
    other_writer.commit()
    other_writer.close()
    qtbot.waitUntil(lambda: coach_app.ice.controller.ending is None)  # the saving timer's next try
    (record,) = coach_app.coach.store.icing_runs()
    assert (record.status, record.actual_minutes) == (IcingStatus.FINISHED, 20)
    assert not coach_app.ice.controller.saving.isActive()


def test_a_start_waits_its_turn_while_another_program_holds_the_lock_and_counts_from_the_ask(
    qtbot: QtBot, coach_app: CoachApp, fake_clock: FakeClock
) -> None:
    asked_at = fake_clock.wall()
    assert coach_app.coach.store.path is not None
    other_writer = sqlite3.connect(coach_app.coach.store.path)
    other_writer.execute("BEGIN IMMEDIATE")  # held for as long as the store would wait (10 s), and more

    started = time.monotonic()
    coach_app.ice.start(20)
    stalled = time.monotonic() - started

    assert stalled < 0.5, f"the GUI thread waited {stalled:.2f} s for the lock"
    window = coach_app.ice.icing_window
    assert "starts as soon as it has finished" in window.warning.text()
    assert coach_app.coach.store.icing_runs() == []
    fake_clock.advance(3)
    other_writer.commit()
    other_writer.close()
    qtbot.waitUntil(lambda: coach_app.ice.controller.running)  # the saving timer's next try
    (record,) = coach_app.coach.store.icing_runs()
    assert (record.status, record.started_at) == (IcingStatus.OPEN, asked_at)
    assert window.countdown.text() == "19:57", "counted from when the person asked"
    assert not window.warning.isVisible()


def test_a_sleep_past_the_deadline_says_it_ended_while_asleep(
    coach_app: CoachApp, fake_clock: FakeClock
) -> None:
    started = fake_clock.wall()
    coach_app.ice.start(20)
    fake_clock.advance(3 * 60)

    fake_clock.suspend(2 * 3600)
    coach_app.ice.controller.tick()

    end = (started + timedelta(minutes=20)).astimezone().strftime("%H:%M")
    assert coach_app.ice.icing_window.status.text() == f"Ended at {end} while the computer was asleep"
    (record,) = coach_app.coach.store.icing_runs()
    assert record.status is IcingStatus.FINISHED
    assert record.actual_minutes == 20
    assert record.finished_at == started + timedelta(minutes=20)


def test_twenty_five_minutes_is_refused_with_the_reason(coach_app: CoachApp) -> None:
    refusal = coach_app.ice.start(25)

    assert refusal is not None
    assert ICING_LIMIT_REASON in refusal
    assert ICING_LIMIT_REASON in coach_app.ice.icing_window.warning.text()
    assert not coach_app.ice.controller.running
    assert coach_app.coach.store.icing_runs() == []


def test_the_minutes_box_cannot_go_past_twenty_and_says_why(coach_app: CoachApp) -> None:
    box = coach_app.ice.icing_window.minutes

    box.setValue(25)

    assert box.value() == 20
    assert ICING_LIMIT_REASON in box.toolTip()


def test_starting_again_while_running_only_shows_the_window(
    coach_app: CoachApp, fake_clock: FakeClock
) -> None:
    coach_app.ice.start(10)
    fake_clock.advance(60)
    coach_app.ice.icing_window.close()

    coach_app.window.ice_action.trigger()

    assert coach_app.ice.icing_window.isVisible()
    assert coach_app.ice.controller.run is not None
    assert coach_app.ice.controller.run.planned_minutes == 10
    assert len(coach_app.coach.store.icing_runs()) == 1


def test_stop_asks_once_then_records_the_minutes(
    qtbot: QtBot, coach_app: CoachApp, fake_clock: FakeClock
) -> None:
    coach_app.ice.start(20)
    fake_clock.advance(6 * 60)
    window = coach_app.ice.icing_window

    click(window.stop_button)
    box = window.confirm_box
    assert box is not None
    assert box.isVisible()
    running_until_the_answer = coach_app.ice.controller.running
    box.button(QMessageBox.StandardButton.Yes).click()

    assert running_until_the_answer, "nothing stops before the answer"

    assert not coach_app.ice.controller.running
    (record,) = coach_app.coach.store.icing_runs()
    assert (record.status, record.actual_minutes) == (IcingStatus.STOPPED, 6)
    assert window.status.text().startswith("Stopped at ")
    assert window.advice.text() == ICING_END_ADVICE


def test_answering_no_keeps_icing(qtbot: QtBot, coach_app: CoachApp) -> None:
    coach_app.ice.start(20)
    coach_app.ice.icing_window.ask_to_stop()
    box = coach_app.ice.icing_window.confirm_box
    assert box is not None

    box.button(QMessageBox.StandardButton.No).click()

    assert coach_app.ice.controller.running


def test_icing_again_soon_shows_the_soft_warning(coach_app: CoachApp, fake_clock: FakeClock) -> None:
    coach_app.ice.start(1)
    fake_clock.advance(60)
    coach_app.ice.controller.tick()

    coach_app.ice.start(1)

    assert coach_app.ice.controller.running
    assert "less than 2 hours ago" in coach_app.ice.icing_window.warning.text()


def test_closing_the_app_stops_a_running_timer_and_records_it(
    coach_app: CoachApp, fake_clock: FakeClock
) -> None:
    coach_app.ice.start(20)
    fake_clock.advance(120)

    coach_app.ice.controller.stop()

    assert coach_app.coach.store.icing_runs()[0].status is IcingStatus.STOPPED


@pytest.mark.parametrize(
    ("answer", "quits", "status"),
    [
        ("keep_and_quit", True, IcingStatus.OPEN),
        ("stop_and_quit", True, IcingStatus.STOPPED),
        (None, False, IcingStatus.OPEN),
    ],
)
def test_quitting_during_icing_asks_whether_to_stop_the_ice(
    qtbot: QtBot,
    coach_app: CoachApp,
    monkeypatch: pytest.MonkeyPatch,
    answer: str | None,
    quits: bool,
    status: IcingStatus,
) -> None:
    left: list[bool] = []
    monkeypatch.setattr("coach.gui.app.QApplication.quit", lambda: left.append(True))
    coach_app.ice.start(20)

    coach_app.quit()

    box = coach_app.ice.quit_box
    assert box is not None
    assert box.isVisible(), "Ctrl+Q during icing asks first"
    assert left == []
    chosen = getattr(coach_app.ice, answer) if answer else box.button(QMessageBox.StandardButton.Cancel)
    chosen.click()
    qtbot.waitUntil(lambda: coach_app.ice.quit_box is None)
    assert left == ([True] if quits else [])
    (run,) = coach_app.coach.store.icing_runs()
    assert run.status is status
