from __future__ import annotations

import dataclasses

from coach.core.routines.model import (
    GET_READY_SECONDS,
    SWITCH_SIDE_SECONDS,
    StepKind,
    estimated_minutes,
    plan_steps,
    total_seconds,
)
from tests.helpers import hold, reps, routine, timer


def test_reps_expand_set_by_side_by_rep_with_rests_between_sets() -> None:
    steps = plan_steps(routine(reps(sets=2, reps=2, sides=("left", "right"), rest_seconds=30)))

    assert [(s.kind.value, s.set_number, s.side, s.rep) for s in steps] == [
        ("get_ready", 1, "left", 0),
        ("rep", 1, "left", 1),
        ("rep", 1, "left", 2),
        ("switch_side", 1, "right", 0),
        ("rep", 1, "right", 1),
        ("rep", 1, "right", 2),
        ("rest", 1, None, 0),
        ("rep", 2, "left", 1),
        ("rep", 2, "left", 2),
        ("switch_side", 2, "right", 0),
        ("rep", 2, "right", 1),
        ("rep", 2, "right", 2),
    ]
    assert [s.index for s in steps] == list(range(len(steps)))


def test_a_rep_lasts_its_movement_plus_its_hold() -> None:
    steps = plan_steps(routine(reps(sets=1, reps=1, rep_seconds=2, hold_seconds=2)))

    assert steps[1].seconds == 4
    assert steps[1].hold_seconds == 2


def test_holds_and_timers_are_one_step_per_set() -> None:
    steps = plan_steps(routine(hold(sets=3, seconds=30, rest_seconds=0), timer(minutes=20)))

    assert [s.kind for s in steps] == [
        StepKind.GET_READY,
        StepKind.HOLD,
        StepKind.HOLD,
        StepKind.HOLD,
        StepKind.GET_READY,
        StepKind.TIMER,
    ]
    assert steps[-1].seconds == 20 * 60
    assert steps[-1].uses_wall_clock


def test_total_seconds_adds_every_step() -> None:
    plan = routine(reps(sets=2, reps=3, rep_seconds=2, sides=("l", "r"), rest_seconds=10))

    expected = GET_READY_SECONDS + 2 * (3 * 2 * 2 + SWITCH_SIDE_SECONDS) + 10
    assert total_seconds(plan_steps(plan)) == expected


def test_prescription_reads_like_a_physio_wrote_it() -> None:
    assert reps(sets=3, reps=12, sides=("left", "right")).prescription() == "3 × 12 each side"
    assert reps(sets=2, reps=15, hold_seconds=10).prescription() == "2 × 15, 10 s hold"
    assert hold(sets=3, seconds=30).prescription() == "3 × 30 s hold"
    assert timer(minutes=20).prescription() == "20 min"


def test_describe_a_step_for_a_screen_reader() -> None:
    steps = plan_steps(routine(reps(exercise_id="clamshell", sets=3, reps=12, sides=("left", "right"))))

    assert steps[1].describe() == "Clamshell, left side, set 1 of 3, rep 1 of 12"
    assert steps[13].describe() == "Switch to the right side"


def test_estimated_minutes_include_every_pause() -> None:
    plan = routine(hold(sets=2, seconds=30, rest_seconds=30))

    assert estimated_minutes(plan) == (GET_READY_SECONDS + 30 + 30 + 30) / 60


def test_the_load_follows_the_instructions_and_the_dose() -> None:
    banded = dataclasses.replace(reps(sets=3, reps=12), instructions=("Knees bent.",), load="red band")

    assert banded.directions == ("Knees bent.", "With: red band")
    assert banded.prescription() == "3 × 12, red band"
    assert reps().directions == reps().instructions
