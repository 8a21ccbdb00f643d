"""The pain before a session: above the sheet's limit it says so (tell your physiotherapist); 8 or more means
not today."""

from __future__ import annotations

import pytest

from coach.core.clinical.pain_before import PainBeforeAdvice, pain_before_advice


@pytest.mark.parametrize(("pain", "limit"), [(None, 5), (0, 5), (5, 5), (2, 2), (0, 0)])
def test_within_the_limit_start_with_nothing_to_say(pain: int | None, limit: int) -> None:
    assert pain_before_advice(pain, limit) == PainBeforeAdvice(start=True, advice=None)


@pytest.mark.parametrize(
    ("pain", "limit", "words"), [(6, 5, "the limit of 5"), (4, 2, "this routine's limit of 2")]
)
def test_above_the_limit_start_but_say_so_and_tell_the_physiotherapist(
    pain: int, limit: int, words: str
) -> None:
    advice = pain_before_advice(pain, limit)

    assert advice.start
    assert advice.advice is not None
    assert advice.advice.startswith(f"{pain} out of 10 before you start is above {words}.")
    assert "tell your physiotherapist" in advice.advice


@pytest.mark.parametrize(("pain", "limit"), [(8, 5), (10, 5), (8, 2)])
def test_8_or_more_before_means_not_today(pain: int, limit: int) -> None:
    advice = pain_before_advice(pain, limit)

    assert not advice.start
    assert advice.advice is not None
    assert "not today" in advice.advice
