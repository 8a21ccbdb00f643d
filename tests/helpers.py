"""Small builders for tests: routines in code, so a test shows exactly the dose it is about."""

from __future__ import annotations

import tempfile
from datetime import datetime, tzinfo
from pathlib import Path

from coach.core.operations.context import Coach
from coach.core.paths import Places, shipped
from coach.core.routines.library import Library
from coach.core.routines.model import Exercise, ExerciseKind, Routine
from coach.core.session.clock import Clock, FakeClock
from coach.core.store.adherence import AdherenceStore


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


def over(
    store: AdherenceStore,
    clock: Clock | None = None,
    *,
    now: datetime | None = None,
    library: Library | None = None,
    zone: tzinfo | None = None,
) -> Coach:
    """A Coach context over a store a test opened: on `clock`, or on a FakeClock at `now` (default: a fake
    clock at its default start), with `library` if the test has one (else the bundled routines)."""
    if clock is None:
        clock = FakeClock(wall=now) if now is not None else FakeClock()
    data_dir = store.path.parent if store.path is not None else Path(tempfile.gettempdir())
    places = Places(data_dir=data_dir, bundled_routines=shipped("routines"), assets=shipped("assets"))
    return Coach(places, clock, store=store, library=library, backups=False, zone=zone)
