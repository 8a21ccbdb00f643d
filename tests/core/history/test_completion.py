from __future__ import annotations

from coach.core.history.completion import exercise_completion
from coach.core.history.work import PlannedWork, WorkCount


def test_completion_is_counted_per_exercise_and_side() -> None:
    planned = [
        PlannedWork(1, "clamshell", "Clamshells", "left", 2),
        PlannedWork(1, "clamshell", "Clamshells", "right", 2),
        PlannedWork(1, "bridge", "Glute bridge", None, 3),
    ]
    work = [
        WorkCount(1, "clamshell", "left", 2, 2),
        WorkCount(1, "clamshell", "right", 0, 1),
        WorkCount(1, "bridge", None, 1, 1),
    ]

    rows = [(c.exercise_name, c.side, c.done, c.planned) for c in exercise_completion(planned, work)]

    assert rows == [
        ("Clamshells", "left", 2, 2),
        ("Clamshells", "right", 0, 2),
        ("Glute bridge", None, 1, 3),
    ]


def test_sessions_without_a_stored_plan_count_the_steps_they_reached() -> None:
    (row,) = exercise_completion([], [WorkCount(7, "clamshell", None, 1, 2)])

    assert (row.done, row.planned, row.share) == (1, 2, 0.5)
