"""Guided runs: a session of a return-to-running plan is recorded as a run the moment it ends (finished or
stopped), and the end page's pain becomes the run's pain during it. The runners' pain rule then reads it
with the runs logged or imported (coach/core/running/rule.py)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from coach.core.operations.changes import Changes, OpResult
from coach.core.operations.context import Coach
from coach.core.routines.model import Routine
from coach.core.running.runs import NewRun, RunPain, RunSource
from coach.core.session.events import StepCompleted

RUNS = Changes(sessions=True)


def run_seconds_done(completed: Sequence[StepCompleted]) -> float:
    """The seconds of running and walking intervals done in full (a skipped interval is not a run)."""
    return sum(
        (event.finished_at - event.started_at).total_seconds()
        for event in completed
        if event.step.kind.is_interval and not event.skipped
    )


def record_guided_run(
    coach: Coach,
    routine: Routine,
    session_id: int,
    *,
    started_at: datetime,
    seconds: float,
    simulated: bool,
) -> OpResult[int | None]:
    """Record a guided session of `routine`'s run-walk as a run, at the stage it planned; its id, or None
    when the session has no run-walk or was recorded already (one session is one run)."""
    exercise = routine.run_walk_exercise
    if exercise is None:
        return OpResult(None)
    run = NewRun(
        started_at=started_at,
        minutes=seconds / 60,
        source=RunSource.GUIDED,
        pain=RunPain(),
        fingerprint=f"guided-session-{session_id}",
        stage=exercise.stage,
        routine_id=routine.id,
        session_id=session_id,
        simulated=simulated,
    )
    return OpResult(coach.store.record_run(run), RUNS)


def answer_guided_run_pain(coach: Coach, session_id: int, pain: int | None) -> OpResult[None]:
    """The end page's pain of a guided run's session, stored as the run's pain during it."""
    if pain is None:
        return OpResult(None)
    found = [r for r in coach.store.runs(include_simulated=True) if r.session_id == session_id]
    for run in found:
        coach.store.answer_run_pain(run.id, during=pain)
    return OpResult(None, RUNS if found else Changes())
