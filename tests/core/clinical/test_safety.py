from __future__ import annotations

import pytest

from coach.core.clinical.pain_days import SessionPain
from coach.core.clinical.pain_rule import Progression, progression_rule, settled
from coach.core.clinical.safety import (
    ICING_MAX_MINUTES,
    ICING_REPEAT_GAP_MINUTES,
    ICING_REPEAT_WARNING,
    ICING_SKIN_CHECK_ADVICE,
    ICING_SKIN_CHECK_CUE,
    ICING_SKIN_CHECK_MINUTES,
    KNEE_WARNING_SIGNS,
    MORNING_NIGHT_PAIN,
    PAIN_MODEL_SUMMARY,
    SEE_A_DOCTOR,
    SEE_URGENT_CARE,
    SESSION_WARNING_SIGNS,
    URGENT_SIGN_KEYS,
    PainZone,
    any_urgent,
    check_icing_minutes,
    check_pain,
    check_warning_sign,
    pain_advice,
    pain_zone,
    warning_sign_advice,
    warning_sign_question,
)
from coach.core.clinical.sources import CLINICAL_SOURCES


def test_icing_up_to_twenty_minutes_is_allowed() -> None:
    assert ICING_MAX_MINUTES == 20
    assert check_icing_minutes(20) is None
    assert check_icing_minutes(5) is None


@pytest.mark.parametrize("minutes", [20.5, 25, 60])
def test_longer_icing_is_refused_with_the_reason(minutes: float) -> None:
    reason = check_icing_minutes(minutes)

    assert reason is not None
    assert "skin and nerves" in reason


def test_icing_needs_positive_minutes() -> None:
    assert check_icing_minutes(0) is not None


@pytest.mark.parametrize(
    ("pain", "zone"),
    [
        (0, PainZone.SAFE),
        (3, PainZone.SAFE),
        (4, PainZone.ACCEPTABLE),
        (5, PainZone.ACCEPTABLE),
        (6, PainZone.TOO_MUCH),
    ],
)
def test_pain_zones_follow_the_pain_monitoring_model(pain: int, zone: PainZone) -> None:
    assert pain_zone(pain) is zone


@pytest.mark.parametrize("pain", [-1, 11, True, 2.5])
def test_pain_outside_the_scale_is_refused(pain: object) -> None:
    assert check_pain(pain) is not None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("pain", "starts"), [(0, "0–3 is safe"), (5, "4–5 is acceptable"), (6, "Above 5 is too much")]
)
def test_pain_advice_follows_the_zones(pain: int, starts: str) -> None:
    assert pain_advice(pain).startswith(starts)


# -- the pain-monitoring rule -----------------------------------------------------------------------------


def pain_record(
    pain: int | None = 3, morning: int | None = 2, *, done: bool = True, baseline: int | None = None
) -> SessionPain:
    return SessionPain(fully_done=done, pain=pain, morning_pain=morning, baseline=baseline)


def test_two_full_sessions_with_settled_pain_progress() -> None:
    advice = progression_rule([pain_record(4, 1), pain_record(5, 3)])

    assert advice.outcome is Progression.PROGRESS
    assert advice.reason.startswith("Pain settled by the morning after your last two sessions")


def test_pain_above_5_during_a_session_eases() -> None:
    advice = progression_rule([pain_record(3, 1), pain_record(6, 2)])

    assert advice.outcome is Progression.EASE
    assert "reached 6 out of 10" in advice.reason


def test_pain_not_settled_by_the_morning_eases() -> None:
    advice = progression_rule([pain_record(3, 4), pain_record(3, 1)])

    assert advice.outcome is Progression.EASE
    assert "not settled by the next morning (4 out of 10)" in advice.reason


def test_rising_morning_pain_week_on_week_eases() -> None:
    advice = progression_rule([pain_record(), pain_record()], morning_means=(1.5, 2.5))

    assert advice.outcome is Progression.EASE
    assert "rose from 1.5 to 2.5" in advice.reason


@pytest.mark.parametrize(
    ("recent", "why"),
    [
        ([pain_record()], "two full sessions"),
        ([pain_record(), pain_record(done=False)], "not both done in full"),
        ([pain_record(), pain_record(pain=None)], "Pain was not recorded"),
        ([pain_record(), pain_record(morning=None)], "check-in is missing"),
        ([], "two full sessions"),
    ],
)
def test_otherwise_hold_and_say_why(recent: list[SessionPain], why: str) -> None:
    advice = progression_rule(recent)

    assert advice.outcome is Progression.HOLD
    assert why in advice.reason


def test_only_the_last_two_sessions_count() -> None:
    assert progression_rule([pain_record(8, 7), pain_record(), pain_record()]).outcome is Progression.PROGRESS


@pytest.mark.parametrize(
    ("morning", "baseline", "expected"),
    [
        (0, None, True),
        (3, None, True),
        (4, None, False),
        (4, 4, True),
        (5, 4, False),
        (6, 6, False),
        (4, 7, True),
    ],
)
def test_settled_means_safe_or_back_to_an_acceptable_level_from_before(
    morning: int, baseline: int | None, expected: bool
) -> None:
    assert settled(morning, baseline) is expected


# -- warning signs, icing texts (issue 19) -----------------------------------------------------------------

NIGHT = "Since your last session, has knee pain woken you at night and not eased when you changed position?"


def test_the_night_question_is_the_same_at_the_end_of_a_session_and_in_the_morning() -> None:
    (night, _swelling) = SESSION_WARNING_SIGNS

    assert night.question == MORNING_NIGHT_PAIN.question == NIGHT
    assert warning_sign_question("night_pain") == NIGHT


@pytest.mark.parametrize(
    ("key", "question"),
    [
        ("weight_loss", "Unexplained weight loss, night sweats or a past cancer."),
        ("several_joints", "Pain or swelling in several joints."),
    ],
)
def test_the_weekly_list_asks_about_weight_loss_and_several_joints(key: str, question: str) -> None:
    sign = next(s for s in KNEE_WARNING_SIGNS if s.key == key)

    assert sign.question == question
    assert not sign.urgent
    assert check_warning_sign(key) is None
    assert warning_sign_advice([key]) == SEE_A_DOCTOR


@pytest.mark.parametrize(
    ("keys", "urgent"),
    [
        (["calf"], True),
        (["nerves", "swelling"], True),
        (["infection"], True),
        (["night_pain", "weight_loss"], False),
        ([], False),
    ],
)
def test_infection_nerves_and_calf_are_the_urgent_signs(keys: list[str], urgent: bool) -> None:
    assert {"infection", "nerves", "calf"} == URGENT_SIGN_KEYS
    assert any_urgent(keys) is urgent
    assert (warning_sign_advice(keys) == SEE_URGENT_CARE) is urgent


def test_the_icing_texts_say_one_repeat_interval_and_the_5_minute_skin_check() -> None:
    assert ICING_REPEAT_GAP_MINUTES == 120
    assert "less than 2 hours ago" in ICING_REPEAT_WARNING
    assert ICING_SKIN_CHECK_MINUTES == 5
    assert "5 minutes" in ICING_SKIN_CHECK_ADVICE
    assert ICING_SKIN_CHECK_CUE.startswith("5 minutes: lift the ice and check your skin.")


def test_the_pain_model_is_cited_to_silbernagel_not_thomee() -> None:
    everything = " ".join((PAIN_MODEL_SUMMARY, *CLINICAL_SOURCES))

    assert "Silbernagel" in PAIN_MODEL_SUMMARY
    assert "Thomeé" not in everything
    assert not any("Bassett" in source for source in CLINICAL_SOURCES)  # gives no minutes
    assert any("Br J Sports Med 2018;52(10):659" in source for source in CLINICAL_SOURCES)


@pytest.mark.parametrize(("code", "word"), [("de", "Kniescheibe"), ("es", "rótula")])
def test_a_warning_sign_is_asked_in_the_language_chosen_wherever_it_is_shown(code: str, word: str) -> None:
    from coach.core.i18n import use_language
    from coach.core.paths import catalogues

    use_language(code, catalogues())

    swelling = next(sign for sign in SESSION_WARNING_SIGNS if sign.key == "swelling")
    assert word in swelling.question
    assert warning_sign_question("swelling") == swelling.question
    assert swelling.english == "Is there swelling around the knee cap?"
