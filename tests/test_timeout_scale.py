"""The budget every wait is given: an idle machine's, stretched for this one (tests.helpers)."""

from __future__ import annotations

import os

import pytest

from tests.helpers import CI_TIMEOUT_SCALE, TIMEOUT_SCALE_VARIABLE, scaled, scaled_ms, timeout_scale


@pytest.fixture
def idle(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """A machine with nothing else running, not CI, no scale set."""
    monkeypatch.delenv(TIMEOUT_SCALE_VARIABLE, raising=False)
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(os, "getloadavg", lambda: (0.0, 0.0, 0.0))
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    return monkeypatch


def test_an_idle_machine_gets_the_budget_as_written(idle: pytest.MonkeyPatch) -> None:
    assert timeout_scale() == 1.0
    assert scaled(30) == 30.0
    assert scaled_ms(0.5) == 500


def test_the_budget_grows_with_the_load_per_core(idle: pytest.MonkeyPatch) -> None:
    idle.setattr(os, "getloadavg", lambda: (3.0, 1.0, 0.5))  # the tests and two busy loops on two cores

    assert timeout_scale() == 2.5


def test_ci_gets_at_least_three_times_the_budget(idle: pytest.MonkeyPatch) -> None:
    idle.setenv("CI", "true")

    assert timeout_scale() == CI_TIMEOUT_SCALE == 3.0


def test_a_scale_that_is_set_wins(idle: pytest.MonkeyPatch) -> None:
    idle.setenv("CI", "true")
    idle.setenv(TIMEOUT_SCALE_VARIABLE, "1.5")

    assert timeout_scale() == 1.5


@pytest.mark.parametrize("given", ["fast", "0", "-2"])
def test_a_scale_that_makes_no_sense_is_refused(idle: pytest.MonkeyPatch, given: str) -> None:
    idle.setenv(TIMEOUT_SCALE_VARIABLE, given)

    with pytest.raises(ValueError, match=TIMEOUT_SCALE_VARIABLE):
        timeout_scale()


def test_a_machine_without_a_load_average_counts_as_idle(idle: pytest.MonkeyPatch) -> None:
    def no_load_average() -> tuple[float, float, float]:
        raise OSError("no load average here")

    idle.setattr(os, "getloadavg", no_load_average)

    assert timeout_scale() == 1.0
