from __future__ import annotations

from datetime import UTC, datetime

from coach.core.completion import exercise_completion
from coach.core.records import PlannedWork, StepResult

T = datetime(2026, 3, 2, 9, tzinfo=UTC)


def result(
    session_id: int, index: int, exercise: str, side: str | None, *, skipped: bool = False, kind: str = "rep"
) -> StepResult:
    return StepResult(session_id, index, kind, exercise, 1, side, 1, 3.0, T, T, skipped)


def test_completion_is_counted_per_exercise_and_side() -> None:
    planned = [
        PlannedWork(1, "clamshell", "Clamshells", "left", 2),
        PlannedWork(1, "clamshell", "Clamshells", "right", 2),
        PlannedWork(1, "bridge", "Glute bridge", None, 3),
    ]
    results = [
        result(1, 0, "clamshell", None, kind="get_ready"),
        result(1, 1, "clamshell", "left"),
        result(1, 2, "clamshell", "left"),
        result(1, 3, "clamshell", "right", skipped=True),
        result(1, 4, "bridge", None),
    ]

    rows = [(c.exercise_name, c.side, c.done, c.planned) for c in exercise_completion(planned, results)]

    assert rows == [
        ("Clamshells", "left", 2, 2),
        ("Clamshells", "right", 0, 2),
        ("Glute bridge", None, 1, 3),
    ]


def test_sessions_without_a_stored_plan_count_the_steps_they_reached() -> None:
    results = [result(7, 1, "clamshell", None), result(7, 2, "clamshell", None, skipped=True)]

    (row,) = exercise_completion([], results)

    assert (row.done, row.planned, row.share) == (1, 2, 0.5)
