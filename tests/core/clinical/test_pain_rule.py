"""The graded, bounded pain rule: each decision, the routine's own limit, the baseline before a session,
and a warning sign that overrides everything."""

from __future__ import annotations

import pytest

from coach.core.clinical.pain_rule import (
    Progression,
    SessionPain,
    WarningSignsSinceReview,
    morning_advice,
    progression_rule,
    settled,
)
from coach.core.clinical.safety import STOP_FOR_TODAY, pain_advice


def session(pain: int | None = 2, morning: int | None = 1, before: int | None = None) -> SessionPain:
    return SessionPain(fully_done=True, pain=pain, morning_pain=morning, pain_before=before)


def test_a_warning_sign_yes_means_see_a_clinician_whatever_the_pain() -> None:
    signs = WarningSignsSinceReview(("night_pain",), "3 March 2026")

    advice = progression_rule([session(), session()], warning_signs=signs)

    assert advice.outcome is Progression.SEE_CLINICIAN
    assert "knee pain at night" in advice.reason
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
        (4, None, "The knee has not settled yet."),
        (9, None, "9 out of 10 this morning is a lot. Rest the knee today."),
    ],
)
def test_the_morning_check_in_has_its_own_wording(pain: int, before: int | None, starts: str) -> None:
    advice = morning_advice(pain, before)

    assert advice.startswith(starts)
    assert "Next time, stop an exercise" not in advice
    assert "acceptable" not in advice
