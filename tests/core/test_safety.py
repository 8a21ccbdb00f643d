from __future__ import annotations

import pytest

from coach.core.safety import (
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
