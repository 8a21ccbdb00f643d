from __future__ import annotations

import pytest

from coach.core.clinical.pain_rule import Progression, SessionPain, progression_rule, settled
from coach.core.clinical.safety import (
    ICING_MAX_MINUTES,
    PainZone,
    check_icing_minutes,
    check_pain,
    pain_advice,
    pain_zone,
)


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
