from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from coach.core.history.checkin import morning_check_in_due, morning_questions
from coach.core.history.records import SessionStatus
from coach.core.store.adherence import AdherenceStore
from tests.core.history_builders import session_on
from tests.seeding import add_session

TUESDAY = date(2026, 3, 3)
MORNING = datetime(2026, 3, 3, 7, 30, tzinfo=UTC)
MONDAY = TUESDAY - timedelta(days=1)


def test_the_morning_after_a_session_asks_about_it() -> None:
    earlier = session_on(MONDAY, hour=8, session_id=1)
    latest = session_on(MONDAY, hour=19, session_id=2)

    assert morning_check_in_due([earlier, latest], MORNING, UTC) == latest


def test_an_answered_or_skipped_session_is_not_asked_again() -> None:
    answered = session_on(MONDAY, morning_pain=2)
    skipped = replace(session_on(MONDAY), morning_at=MORNING)

    assert morning_check_in_due([answered], MORNING, UTC) is None
    assert morning_check_in_due([skipped], MORNING, UTC) is None


def test_a_session_two_days_ago_is_not_asked_about() -> None:
    assert morning_check_in_due([session_on(MONDAY - timedelta(days=1))], MORNING, UTC) is None


def test_nothing_is_asked_on_the_day_of_a_session_or_after_exercising_today() -> None:
    monday = session_on(MONDAY)
    today = session_on(TUESDAY, hour=6)

    assert morning_check_in_due([monday, today], MORNING, UTC) is None
    assert morning_check_in_due([monday], datetime(2026, 3, 2, 21, 0, tzinfo=UTC), UTC) is None


def test_demos_icing_alone_and_sessions_without_work_are_not_asked_about() -> None:
    for session in (
        session_on(MONDAY, simulated=True),
        session_on(MONDAY, per_week=0),
        session_on(MONDAY, done=0, status=SessionStatus.STOPPED),
        session_on(MONDAY, status=SessionStatus.OPEN),
    ):
        assert morning_check_in_due([session], MORNING, UTC) is None


def test_yesterday_is_the_day_before_in_the_zone_the_person_is_in_now() -> None:
    # A session on Monday evening in New York, asked about on Tuesday morning in London
    monday_in_new_york = session_on(MONDAY, hour=21, tz=ZoneInfo("America/New_York"))
    tuesday_morning = datetime(2026, 3, 3, 8, 0, tzinfo=UTC)

    assert morning_check_in_due([monday_in_new_york], tuesday_morning, ZoneInfo("Europe/London"))


def test_the_morning_asks_the_sessions_night_question_and_weekly_the_two_new_nhs_red_flags() -> None:
    questions = morning_questions(None, MORNING)

    assert questions.night_pain.question == (
        "Since your last session, has knee pain woken you at night and not eased when you changed position?"
    )
    keys = [sign.key for sign in questions.red_flags]
    assert keys[-2:] == ["weight_loss", "several_joints"]
    assert "night_pain" not in keys  # asked on its own every morning
    assert morning_questions(MORNING - timedelta(days=2), MORNING).red_flags == ()


def test_a_yes_to_a_new_weekly_sign_is_stored_by_its_key_with_no_new_column(store: AdherenceStore) -> None:
    session_id = add_session(store, MONDAY)

    store.record_warning_signs(session_id, {"weight_loss": True, "several_joints": False}, asked_in="weekly")

    assert dict(store.session(session_id).warning_signs)["weight_loss"] is True
    assert store.session(session_id).warning_signs_reported == ("weight_loss",)
