"""Small builders for tests: routines in code, so a test shows exactly the dose it is about."""

from __future__ import annotations

from coach.core.routines.model import Exercise, ExerciseKind, Routine


def reps(
    exercise_id: str = "clamshell",
    *,
    sets: int = 2,
    reps: int = 3,
    rep_seconds: float = 2.0,
    hold_seconds: float = 0.0,
    sides: tuple[str, ...] = (),
    rest_seconds: float = 10.0,
) -> Exercise:
    return Exercise(
        id=exercise_id,
        name=exercise_id.replace("-", " ").title(),
        kind=ExerciseKind.REPS,
        sets=sets,
        reps=reps,
        rep_seconds=rep_seconds,
        hold_seconds=hold_seconds,
        sides=sides,
        rest_seconds=rest_seconds,
    )


def hold(
    exercise_id: str = "calf-stretch",
    *,
    sets: int = 2,
    seconds: float = 30.0,
    sides: tuple[str, ...] = (),
    rest_seconds: float = 15.0,
) -> Exercise:
    return Exercise(
        id=exercise_id,
        name=exercise_id.replace("-", " ").title(),
        kind=ExerciseKind.HOLD,
        sets=sets,
        hold_seconds=seconds,
        sides=sides,
        rest_seconds=rest_seconds,
    )


def timer(exercise_id: str = "ice", *, minutes: float = 20.0, icing: bool = True) -> Exercise:
    return Exercise(
        id=exercise_id, name="Ice the knee", kind=ExerciseKind.TIMER, timer_minutes=minutes, icing=icing
    )


def routine(*exercises: Exercise, routine_id: str = "test-routine", per_week: int = 3) -> Routine:
    return Routine(id=routine_id, title="Test routine", exercises=exercises, sessions_per_week=per_week)
