"""The next-morning check-in: asked once on the day after a session, stored with it, never again."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from coach.core.clinical.safety import SEE_A_DOCTOR, SEE_URGENT_CARE
from coach.core.history.checkin import WEEKLY_RED_FLAGS
from coach.core.session.clock import FakeClock
from coach.gui.app import CoachApp
from coach.gui.check_in import MorningCheckIn
from tests.gui.driving import click, key_click
from tests.seeding import add_session

YESTERDAY = date(2026, 3, 17)


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock(wall=datetime(2026, 3, 18, 9, 0, tzinfo=UTC), monotonic=1000.0)


def ask(app: CoachApp, qtbot: QtBot) -> MorningCheckIn:
    dialog = app.sessions.offer_morning_check_in()
    assert isinstance(dialog, MorningCheckIn)
    qtbot.waitExposed(dialog)
    return dialog


def test_the_answer_is_stored_with_yesterdays_session_and_not_asked_again(
    coach_app: CoachApp, qtbot: QtBot
) -> None:
    session_id = add_session(coach_app.coach.store, YESTERDAY, pain=3, hour=8)
    dialog = ask(coach_app, qtbot)
    assert not dialog.save_button.isEnabled()  # not answered until the slider is touched

    dialog.slider.setValue(2)
    click(dialog.save_button)

    record = coach_app.coach.store.session(session_id)
    assert (record.morning_pain, record.morning_at) == (2, datetime(2026, 3, 18, 9, 0, tzinfo=UTC))
    coach_app.sessions.check_in = None  # a new start of the app
    assert coach_app.sessions.offer_morning_check_in() is None


def test_skip_stores_no_answer_and_the_question_never_comes_back(coach_app: CoachApp, qtbot: QtBot) -> None:
    session_id = add_session(coach_app.coach.store, YESTERDAY, pain=3, hour=8)
    dialog = ask(coach_app, qtbot)

    click(dialog.skip_button)

    record = coach_app.coach.store.session(session_id)
    assert record.morning_pain is None
    assert record.morning_asked
    coach_app.sessions.check_in = None
    assert coach_app.sessions.offer_morning_check_in() is None


def test_a_zero_answered_by_key_counts(coach_app: CoachApp, qtbot: QtBot) -> None:
    session_id = add_session(coach_app.coach.store, YESTERDAY, hour=8)
    dialog = ask(coach_app, qtbot)

    dialog.slider.setFocus()
    key_click(dialog.slider, Qt.Key.Key_Home)
    qtbot.waitUntil(dialog.save_button.isEnabled)
    click(dialog.save_button)

    assert coach_app.coach.store.session(session_id).morning_pain == 0


def test_nothing_is_asked_without_a_session_yesterday(coach_app: CoachApp) -> None:
    add_session(coach_app.coach.store, date(2026, 3, 15), hour=8)

    assert coach_app.sessions.offer_morning_check_in() is None


def test_the_morning_has_its_own_wording_compared_with_before_the_session(
    coach_app: CoachApp, qtbot: QtBot
) -> None:
    session_id = add_session(coach_app.coach.store, YESTERDAY, pain=3, hour=8)
    coach_app.coach.store.record_pain_before(session_id, 1)
    dialog = ask(coach_app, qtbot)

    dialog.slider.setValue(3)
    assert dialog.advice.text().startswith("The knee has not settled yet (it was 1 before the session)")
    dialog.slider.setValue(9)
    assert dialog.advice.text().startswith("9 out of 10 this morning is a lot. Rest the knee today.")
    assert "Next time, stop an exercise" not in dialog.advice.text()


def test_night_pain_is_asked_every_morning_and_a_yes_says_see_a_doctor(
    coach_app: CoachApp, qtbot: QtBot
) -> None:
    session_id = add_session(coach_app.coach.store, YESTERDAY, pain=3, hour=8)
    dialog = ask(coach_app, qtbot)
    assert dialog.doctor.isHidden()

    dialog.night_yes.click()
    assert dialog.doctor.text() == SEE_A_DOCTOR
    click(dialog.save_button)

    record = coach_app.coach.store.session(session_id)
    assert dict(record.warning_signs)["night_pain"] is True
    assert record.morning_asked


def test_the_fuller_list_comes_once_a_week_and_every_box_is_an_answer(
    coach_app: CoachApp, qtbot: QtBot, fake_clock: FakeClock
) -> None:
    session_id = add_session(coach_app.coach.store, YESTERDAY, pain=3, hour=8)
    dialog = ask(coach_app, qtbot)
    assert set(dialog.red_flags) == {s.key for s in WEEKLY_RED_FLAGS}
    assert "calf" in dialog.red_flags

    dialog.red_flags["calf"].click()
    assert dialog.doctor.text() == SEE_URGENT_CARE  # a painful, swollen calf is urgent
    click(dialog.save_button)

    signs = dict(coach_app.coach.store.session(session_id).warning_signs)
    assert signs["calf"] is True
    assert signs["locking"] is False
    fake_clock.advance(2 * 86_400)  # two days on, after another session: night pain only
    add_session(coach_app.coach.store, date(2026, 3, 19), hour=8)
    coach_app.sessions.check_in = None
    assert ask(coach_app, qtbot).red_flags == {}
    fake_clock.advance(5 * 86_400)
    add_session(coach_app.coach.store, date(2026, 3, 24), hour=8)
    coach_app.sessions.check_in = None
    assert ask(coach_app, qtbot).red_flags != {}  # a week after the last answer


@pytest.mark.parametrize("leave", ["skip", "escape", "close"])
def test_a_ticked_warning_sign_is_kept_whichever_way_the_check_in_is_left(
    coach_app: CoachApp, qtbot: QtBot, leave: str
) -> None:
    session_id = add_session(coach_app.coach.store, YESTERDAY, pain=3, hour=8)
    dialog = ask(coach_app, qtbot)
    dialog.red_flags["calf"].click()

    if leave == "skip":
        click(dialog.skip_button)
    elif leave == "escape":
        key_click(dialog, Qt.Key.Key_Escape)
    else:
        dialog.close()

    record = coach_app.coach.store.session(session_id)
    assert "calf" in record.warning_signs_reported
    assert dict(record.warning_signs).get("injury") is None  # an empty box, not saved, stays unanswered
    assert coach_app.coach.store.last_answered("weekly") is not None


def test_no_carry_on_line_stands_beside_a_ticked_warning_sign(coach_app: CoachApp, qtbot: QtBot) -> None:
    add_session(coach_app.coach.store, YESTERDAY, pain=3, hour=8)
    dialog = ask(coach_app, qtbot)
    dialog.slider.setValue(1)
    assert dialog.advice.text() != ""

    dialog.red_flags["calf"].click()

    assert dialog.advice.text() == ""
    assert dialog.doctor.text() == SEE_URGENT_CARE
    dialog.red_flags["calf"].click()  # unticked: the morning's advice comes back
    assert dialog.advice.text()
