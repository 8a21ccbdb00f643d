"""Small builders for tests (routines in code, so a test shows exactly the dose it is about), and the budget
every wait on another process, a socket or the event loop is given.
"""

from __future__ import annotations

import os
import tempfile
from datetime import datetime, tzinfo
from pathlib import Path

from coach.core.operations.context import Coach
from coach.core.paths import Places, shipped
from coach.core.routines.library import Library
from coach.core.routines.model import Exercise, ExerciseKind, Routine
from coach.core.session.clock import Clock, FakeClock
from coach.core.store.adherence import AdherenceStore

TIMEOUT_SCALE_VARIABLE = "COACH_TEST_TIMEOUT_SCALE"
# A fresh CI machine is often shared with other jobs (the run that took 471 s had two beside it).
CI_TIMEOUT_SCALE = 3.0


def timeout_scale() -> float:
    """How many times its idle-machine budget a wait is given here.

    COACH_TEST_TIMEOUT_SCALE sets it. Otherwise it grows with the machine's load per core (two busy loops
    beside the suite on two cores: about 2.5), and is at least 3 under CI=true. A budget only bounds how long
    a failing test hangs, so a generous one costs nothing when the test passes.
    """
    given = os.environ.get(TIMEOUT_SCALE_VARIABLE, "").strip()
    if given:
        try:
            scale = float(given)
        except ValueError:
            raise ValueError(f"{TIMEOUT_SCALE_VARIABLE} must be a number, got {given!r}") from None
        if not scale > 0:
            raise ValueError(f"{TIMEOUT_SCALE_VARIABLE} must be above 0, got {given!r}")
        return scale
    floor = CI_TIMEOUT_SCALE if os.environ.get("CI", "").lower() == "true" else 1.0
    return max(floor, 1.0 + _load_per_core())


def _load_per_core() -> float:
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):  # Windows keeps no load average
        return 0.0
    return load / (os.cpu_count() or 1)


def scaled(seconds: float) -> float:
    """`seconds`, an idle machine's budget for a wait, stretched for this machine (`timeout_scale`)."""
    return seconds * timeout_scale()


def scaled_ms(seconds: float) -> int:
    """`scaled(seconds)` in whole milliseconds, as Qt and pytest-qt take a timeout."""
    return round(scaled(seconds) * 1000)


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
