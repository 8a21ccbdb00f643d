"""The runners' pain rule: which stage of a return-to-running plan the next run is at, and why.

The current stage is derived from the run history, never stored: start at the stage the file names
(`run_walk`, else the first), then walk through the runs oldest first (guided, logged and imported alike,
those of this plan or of none): a good run (pain during at most the limit, settled within an hour and by
the next morning, a guided run done in full) counts one; two in a row move up a stage; a run above the limit
at any of the three moves back a stage; a run whose answers are not all in yet counts neither way. So a
corrected answer, an imported run or an edited plan gives the right stage at once. The numbers and sentences
are in coach/core/clinical/running.py (docs/clinical.md "Back to running").
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Sequence
from dataclasses import dataclass

from coach.core.clinical.running import (
    AT_THE_START,
    DONE_IN_FULL_SHARE,
    GOOD_RUNS_TO_MOVE_UP,
    HOLD_AT_TOP,
    HOLD_FOR_ANSWERS,
    HOLD_NOT_IN_FULL,
    HOLD_ONE_MORE,
    MOVE_BACK,
    MOVE_UP,
    RUN_PAIN_LIMIT,
    next_run_sentence,
)
from coach.core.i18n import _
from coach.core.routines.model import Routine, RunWalk
from coach.core.running.runs import Run, RunSource


class StageMove(enum.Enum):
    """What the rule did with the stage after the last run."""

    UP = "up"
    HOLD = "hold"
    BACK = "back"


class Verdict(enum.Enum):
    """One run, judged."""

    GOOD = "good"
    TOO_MUCH = "too-much"  # above the limit during, after an hour or the next morning
    NOT_IN_FULL = "not-in-full"
    WAITING = "waiting"  # an answer is not in yet


@dataclass(frozen=True, slots=True)
class RunPlan:
    """A routine's return-to-running plan: its stages, the stage it starts at and its pain limit."""

    routine_id: str
    stages: tuple[RunWalk, ...]
    start: int
    pain_limit: int

    @classmethod
    def of(cls, routine: Routine) -> RunPlan | None:
        """The plan of `routine`'s run-walk; None for a routine without one. The limit is the sheet's own
        (the exercise's, else the routine's), else the runners' default of 3."""
        exercise = routine.run_walk_exercise
        if exercise is None:
            return None
        given = exercise.pain_limit
        if given is None and routine.pain_limit_given:
            given = routine.pain_limit
        limit = RUN_PAIN_LIMIT if given is None else given
        return cls(routine.id, exercise.stages, exercise.stage, limit)


@dataclass(frozen=True, slots=True)
class RunAdvice:
    """The stage of the next run, the run itself, what moved and why."""

    stage: int
    next_run: RunWalk
    move: StageMove
    reason: str

    def sentence(self) -> str:
        """The reason and the next run, e.g. '… Next run: 2 min run, 1 min walk, 8 times.'"""
        return f"{self.reason} {next_run_sentence(self.next_run.describe())}"


def judge(run: Run, limit: int, stage: RunWalk | None) -> Verdict:
    """One run against the rule; `stage` is the run-walk a guided run followed (for "done in full")."""
    answers = (run.pain.during, run.pain.after_hour, run.pain.next_morning)
    if any(pain is not None and pain > limit for pain in answers):
        return Verdict.TOO_MUCH
    if any(pain is None for pain in answers):
        return Verdict.WAITING
    if (
        run.source is RunSource.GUIDED
        and stage is not None
        and run.minutes * 60 < DONE_IN_FULL_SHARE * stage.seconds
    ):
        return Verdict.NOT_IN_FULL
    return Verdict.GOOD


def runs_of(plan: RunPlan, runs: Sequence[Run]) -> list[Run]:
    """The runs the rule reads for `plan`: its own guided runs and every run of no plan (logged, imported)."""
    return [run for run in runs if run.routine_id in (None, plan.routine_id)]


def runner_advice(plan: RunPlan, runs: Sequence[Run]) -> RunAdvice:
    """The stage of the next run, derived from `runs` (oldest first), and why."""
    last = len(plan.stages) - 1
    stage, good, move, reason = plan.start, 0, StageMove.HOLD, _(AT_THE_START)
    limit = {"limit": plan.pain_limit}
    for run in runs_of(plan, runs):
        verdict = judge(run, plan.pain_limit, plan.stages[stage])
        move = StageMove.HOLD
        if verdict is Verdict.TOO_MUCH:
            stage, good, move, reason = max(stage - 1, 0), 0, StageMove.BACK, _(MOVE_BACK).format(**limit)
        elif verdict is Verdict.NOT_IN_FULL:
            good, reason = 0, _(HOLD_NOT_IN_FULL)
        elif verdict is Verdict.WAITING:
            reason = _(HOLD_FOR_ANSWERS)
        elif good + 1 >= GOOD_RUNS_TO_MOVE_UP and stage < last:
            stage, good, move, reason = stage + 1, 0, StageMove.UP, _(MOVE_UP).format(**limit)
        else:
            good += 1
            reason = _(HOLD_AT_TOP) if stage == last else _(HOLD_ONE_MORE).format(**limit)
    return RunAdvice(stage, plan.stages[stage], move, reason)


def at_stage(routine: Routine, stage: int) -> Routine:
    """`routine` with its run-walk at `stage` of its plan: what a session of it plans today."""
    exercises = tuple(
        dataclasses.replace(e, run_walk=e.stages[stage], stage=stage) if e.run_walk is not None else e
        for e in routine.exercises
    )
    return dataclasses.replace(routine, exercises=exercises)
