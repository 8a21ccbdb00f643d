"""The graded, bounded pain rule: each decision, the routine's own limit, the baseline before a session,
and a warning sign that overrides everything."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.core.clinical.pain_days import SessionPain
from coach.core.clinical.pain_rule import (
    STOP_AND_ASK_FOR_REVIEW,
    Progression,
    WarningSignsSinceReview,
    morning_advice,
    progression_rule,
    settled,
)
from coach.core.clinical.safety import SEE_URGENT_CARE, STOP_FOR_TODAY, pain_advice


def session(pain: int | None = 2, morning: int | None = 1, before: int | None = None) -> SessionPain:
    return SessionPain(fully_done=True, pain=pain, morning_pain=morning, pain_before=before)


def test_a_warning_sign_yes_means_see_a_clinician_whatever_the_pain() -> None:
    signs = WarningSignsSinceReview(("night_pain",), "3 March 2026")

    advice = progression_rule([session(), session()], warning_signs=signs)

    assert advice.outcome is Progression.SEE_CLINICIAN
    assert "has knee pain woken you at night" in advice.reason
    assert "3 March 2026" in advice.reason
    assert "no change is offered until you say you have been seen" in advice.reason


def test_two_yes_answers_in_a_row_make_the_wording_firmer() -> None:
    once = progression_rule([], warning_signs=WarningSignsSinceReview(("swelling",), "3 March 2026"))
    twice = progression_rule(
        [], warning_signs=WarningSignsSinceReview(("swelling",), "3 March 2026", twice_in_a_row=True)
    )

    assert "second time in a row" not in once.reason
    assert "second time in a row" in twice.reason


def test_pain_above_the_routines_own_limit_eases() -> None:
    advice = progression_rule([session(pain=3), session(pain=4)], pain_limit=3)

    assert advice.outcome is Progression.EASE
    assert advice.reason == "Pain reached 4 out of 10 during a recent session; this routine's limit is 3."


def test_pain_at_the_routines_own_limit_can_progress() -> None:
    assert progression_rule([session(pain=3), session(pain=3)], pain_limit=3).outcome is Progression.PROGRESS


@pytest.mark.parametrize("pain", [8, 9, 10])
def test_pain_of_8_or_more_eases_and_says_stop_for_today(pain: int) -> None:
    advice = progression_rule([session(), session(pain=pain)])

    assert advice.outcome is Progression.EASE
    assert advice.reason == f"Pain reached {pain} out of 10 during a recent session. {STOP_FOR_TODAY}"


def test_pain_of_6_eases_without_stopping_for_today() -> None:
    advice = progression_rule([session(), session(pain=6)])

    assert advice.outcome is Progression.EASE
    assert STOP_FOR_TODAY not in advice.reason


def test_settled_means_back_to_the_pain_before_the_session() -> None:
    # 0 before, 3 the next morning: within the safe zone, but not back to where it started.
    advice = progression_rule([session(before=0, morning=3), session(before=0, morning=0)])

    assert advice.outcome is Progression.EASE
    assert (
        advice.reason
        == "The knee had not settled by the next morning (3 out of 10, against 0 before the session)."
    )
    assert settled(3, pain_before=3)
    assert not settled(3, pain_before=0)


@pytest.mark.parametrize(
    ("pain", "limit", "starts"),
    [
        (2, 5, "0–3 is safe"),
        (4, 5, "4–5 is acceptable"),
        (6, 5, "Above 5 is too much"),
        (4, 3, "Above 3 is more than this routine allows"),
        (2, 2, "0–2 is within this routine's limit"),
        (0, 2, "0–2 is within this routine's limit"),
        (3, 3, "0–3 is within this routine's limit"),
        (0, 0, "No pain is within this routine's limit"),
        (1, 0, "Above 0 is more than this routine allows"),
        (8, 5, "8 out of 10 is far too much. Stop for today"),
        (10, 3, "10 out of 10 is far too much. Stop for today"),
    ],
)
def test_the_end_of_session_advice_is_graded_against_the_limit(pain: int, limit: int, starts: str) -> None:
    assert pain_advice(pain, limit).startswith(starts)


def test_pain_6_8_and_10_no_longer_get_the_same_sentence() -> None:
    assert len({pain_advice(6), pain_advice(8)}) == 2
    assert pain_advice(10) != pain_advice(8)


@pytest.mark.parametrize(
    ("pain", "before", "starts"),
    [
        (2, 2, "The knee has settled"),
        (4, 1, "The knee has not settled yet (it was 1 before the session)"),
        (7, 7, "The knee is at 7 out of 10 this morning (7 before the session), above the limit of 5"),
        (4, None, "The knee has not settled yet."),
        (9, None, "9 out of 10 this morning is a lot. Rest the knee today."),
    ],
)
def test_the_morning_check_in_has_its_own_wording(pain: int, before: int | None, starts: str) -> None:
    advice = morning_advice(pain, before)

    assert advice.startswith(starts)
    assert "Next time, stop an exercise" not in advice
    assert "acceptable" not in advice
    assert "will be eased" not in advice  # a change is suggested, never promised


# -- issue 19: the rule a clinician would use ---------------------------------------------------------------


def test_pain_7_before_and_7_the_next_morning_is_not_settled_and_does_not_progress() -> None:
    assert not settled(7, pain_before=7)

    advice = progression_rule([session(pain=5, before=7, morning=7), session(pain=5, before=7, morning=7)])

    assert advice.outcome is Progression.HOLD
    assert "7 out of 10 before a recent session" in advice.reason
    assert "tell your physiotherapist" in advice.reason


@pytest.mark.parametrize(
    ("morning", "before", "limit", "expected"),
    [
        (2, 2, 5, True),  # back to where it started
        (3, 2, 5, False),  # above the pain before
        (4, 4, 5, True),
        (4, 4, 2, False),  # back to where it started, but above the sheet's limit
        (2, 4, 2, True),  # at the limit, below the pain before
        (5, 7, 5, True),
        (6, 7, 5, False),
    ],
)
def test_settled_is_at_most_the_lower_of_the_pain_before_and_the_limit(
    morning: int, before: int, limit: int, expected: bool
) -> None:
    assert settled(morning, pain_before=before, limit=limit) is expected


@pytest.mark.parametrize(
    ("morning", "limit", "expected"), [(3, 5, True), (4, 5, False), (3, 2, False), (2, 2, True)]
)
def test_without_a_pain_before_the_fallback_is_the_safe_zone_within_the_limit(
    morning: int, limit: int, expected: bool
) -> None:
    assert settled(morning, limit=limit) is expected


def test_pain_4_at_rest_on_a_sheet_that_stops_above_2_holds_and_says_tell_your_physiotherapist() -> None:
    advice = progression_rule(
        [session(pain=2, before=4, morning=2), session(pain=2, before=4, morning=2)], pain_limit=2
    )

    assert advice.outcome is Progression.HOLD
    assert advice.reason == (
        "Your knee was at 4 out of 10 before a recent session, above this routine's limit of 2: keep "
        "this dose for now and tell your physiotherapist."
    )


def test_a_morning_worse_than_the_pain_before_still_eases_when_the_pain_before_was_high() -> None:
    advice = progression_rule([session(), session(pain=5, before=6, morning=7)])

    assert advice.outcome is Progression.EASE
    assert "(7 out of 10, against 6 before the session)" in advice.reason


@given(st.integers(0, 10), st.none() | st.integers(0, 10), st.integers(0, 5))
def test_the_morning_advice_never_says_carry_on_while_the_knee_has_not_settled(
    pain: int, before: int | None, limit: int
) -> None:
    advice = morning_advice(pain, before, limit)

    assert ("Carry on" in advice) is settled(pain, pain_before=before, limit=limit)


def test_the_morning_advice_follows_the_sheets_limit() -> None:
    assert morning_advice(3, 3).startswith("The knee has settled")
    assert not morning_advice(3, 3, limit=2).startswith("The knee has settled")


def test_two_eases_in_a_row_with_pain_still_above_the_limit_stop_and_ask_for_a_review() -> None:
    hurting = [session(), SessionPain(True, 6, 2, hurt=frozenset({"wall-squat"}))]

    once = progression_rule(hurting, eases_in_a_row=1)
    twice = progression_rule(hurting, eases_in_a_row=2)

    assert once.outcome is Progression.EASE
    assert twice.outcome is Progression.STOP_AND_REVIEW
    assert twice.reason.endswith(STOP_AND_ASK_FOR_REVIEW)
    assert "stop the exercises that hurt and ask your physiotherapist for a review" in twice.reason
    assert twice.hurt == frozenset({"wall-squat"})


def test_after_two_eases_a_morning_not_back_to_the_baseline_but_within_the_limit_eases_again() -> None:
    advice = progression_rule([session(), session(pain=3, before=1, morning=3)], eases_in_a_row=2)

    assert advice.outcome is Progression.EASE


def day(n: int, *, pain: int = 2, morning: int | None = None, done: bool = True) -> SessionPain:
    return SessionPain(fully_done=done, pain=pain, morning_pain=morning, day=date(2026, 3, n))


def test_three_times_a_day_progresses_on_the_days_highest_pain_and_one_morning_answer() -> None:
    # The morning check-in is answered once a day, about the day's last session.
    days = [day(2), day(2, pain=3), day(2, morning=1), day(3), day(3), day(3, pain=4, morning=2)]

    advice = progression_rule(days, times_per_day=3)

    assert advice.outcome is Progression.PROGRESS
    assert "your last two days" in advice.reason


def test_three_times_a_day_eases_on_the_days_highest_pain() -> None:
    days = [day(2), day(2), day(2, morning=1), day(3, pain=6), day(3), day(3, morning=2)]

    advice = progression_rule(days, times_per_day=3)

    assert advice.outcome is Progression.EASE
    assert "Pain reached 6 out of 10" in advice.reason


@pytest.mark.parametrize(
    ("days", "why"),
    [
        (
            [day(2), day(2), day(2, morning=1), day(3), day(3, morning=1)],
            "did not each have 3 sessions done in full",
        ),
        (
            [day(2), day(2), day(2, morning=1), day(3), day(3), day(3, done=False, morning=1)],
            "did not each have 3",
        ),
        ([day(2), day(2), day(2, morning=1), day(3), day(3), day(3)], "check-in is missing for a recent day"),
        ([day(3), day(3), day(3, morning=1)], "Do two full days at this dose (3 sessions each)"),
    ],
)
def test_three_times_a_day_holds_until_two_whole_days_are_done_and_answered(
    days: list[SessionPain], why: str
) -> None:
    advice = progression_rule(days, times_per_day=3)

    assert advice.outcome is Progression.HOLD
    assert why in advice.reason


def test_an_urgent_sign_uses_the_urgent_care_wording_and_says_so() -> None:
    urgent = WarningSignsSinceReview(("calf",), "3 March 2026", urgent=True)
    calm = WarningSignsSinceReview(("swelling",), "3 March 2026")

    advice = progression_rule([], warning_signs=urgent)

    assert advice.outcome is Progression.SEE_CLINICIAN
    assert advice.urgent
    assert SEE_URGENT_CARE in advice.reason
    assert "before changing the dose" not in advice.reason
    assert not progression_rule([], warning_signs=calm).urgent
    assert SEE_URGENT_CARE not in progression_rule([], warning_signs=calm).reason


def test_every_decision_has_a_heading() -> None:
    assert {p.heading for p in Progression} >= {
        "See a clinician first",
        "Stop what hurts and ask for a review",
    }
