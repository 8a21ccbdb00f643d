"""Format 3's back-to-running keys, read and checked apart from the loader (as format3.py is).

A return-to-running plan is an exercise of intervals: `run_walk = { run_seconds = 60, walk_seconds = 60,
repeats = 10 }`, the plan's `stages` easiest first up to continuous running, and an optional metronome at
`cadence_bpm`; the routine's `requires` names the stage that must be going well first. Which stage a person
is at comes from their runs (coach/core/running/plan.py), not from the file.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from coach.core.clinical.running import CADENCE_BPM_RANGE
from coach.core.clinical.safety import PAIN_ACCEPTABLE_MAX
from coach.core.i18n import N_
from coach.core.routines.model import Requirement, RunWalk
from coach.core.routines.values import Said, Sentence, ValueReader, show

RUN_WALK_KEYS = ("run_walk", "stages", "cadence_bpm")
ROUTINE_RUN_KEYS = ("requires",)
# Limits (ours) that catch typos while leaving room for any plan we have seen: an interval of 10 s to an
# hour of running, up to 10 minutes of walking, up to 30 repeats, at most 2 hours in all, up to 20 stages.
_INTERVAL_LIMITS: dict[str, tuple[float, float]] = {
    "run_seconds": (10, 3600),
    "walk_seconds": (0, 600),
    "repeats": (1, 30),
}
MAX_RUN_WALK_SECONDS = 2 * 3600
MAX_STAGES = 20
# What a run-walk is not: it is one block of intervals, at the plan's stage.
_NOT_WITH_RUN_WALK = ("reps", "hold_seconds", "timer_minutes", "sets", "sides", "rest_seconds", "icing")

Line = Callable[[str], int]


@dataclass(frozen=True, slots=True)
class RunWalkExtras:
    """An exercise's back-to-running values; `run_walk` None: not a run-walk."""

    run_walk: RunWalk | None = None
    stages: tuple[RunWalk, ...] = ()
    stage: int = 0
    cadence_bpm: int | None = None


def is_run_walk(table: dict[str, Any]) -> bool:
    """Whether an exercise's table is a run-walk (it gives `run_walk` or `stages`)."""
    return "run_walk" in table or "stages" in table


def read_run_walk(reader: ValueReader, table: dict[str, Any], line: Line) -> RunWalkExtras:
    """The run-walk keys of one exercise: every problem recorded, an empty RunWalkExtras after any."""
    errors_before = reader.error_count()
    cadence = _cadence(reader, table, line("cadence_bpm"))
    if not is_run_walk(table):
        if "cadence_bpm" in table:
            reader.error(
                line("cadence_bpm"),
                Sentence(N_("cadence_bpm is the metronome of a run-walk: it goes with run_walk")),
            )
        return RunWalkExtras()
    for key in _NOT_WITH_RUN_WALK:
        if key in table:
            reader.error(
                line(key), Sentence(N_("a run-walk is one block of intervals: remove {key}"), key=key)
            )
    given = (
        _intervals(reader, table["run_walk"], "run_walk", line("run_walk")) if "run_walk" in table else None
    )
    stages = _stages(reader, table["stages"], line("stages")) if "stages" in table else ()
    stage = 0
    if stages and given is not None:
        if given not in stages:
            reader.error(
                line("run_walk"),
                Sentence(
                    N_("run_walk must be one of the stages (where the plan starts), got {run_walk}"),
                    run_walk=_described(given),
                ),
            )
        else:
            stage = stages.index(given)
    if reader.error_count() > errors_before:
        return RunWalkExtras()
    start = given or stages[0]
    return RunWalkExtras(start, stages or (start,), stage, cadence)


def _intervals(reader: ValueReader, value: object, name: str | Sentence, line: int) -> RunWalk | None:
    """`{ run_seconds = 60, walk_seconds = 60, repeats = 10 }`."""
    if not isinstance(value, dict) or set(value) != set(_INTERVAL_LIMITS):
        reader.error(
            line,
            Sentence(
                N_("{name} must be {{ run_seconds = N, walk_seconds = N, repeats = N }}, got {value}"),
                name=name,
                value=show(value),
            ),
        )
        return None
    named = {f"{name}.{key}": number for key, number in value.items()}
    numbers = {
        key: reader.number(
            named, f"{name}.{key}", line, limits=_INTERVAL_LIMITS[key], integer=key == "repeats"
        )
        for key in _INTERVAL_LIMITS
    }
    if any(number is None for number in numbers.values()):
        return None
    run, walk, repeats = (numbers[key] or 0.0 for key in _INTERVAL_LIMITS)
    intervals = RunWalk(run, walk, int(repeats))
    if intervals.seconds > MAX_RUN_WALK_SECONDS:
        said = N_("{name} takes {minutes} minutes: at most {limit}")
        reader.error(
            line,
            Sentence(
                said, name=name, minutes=f"{intervals.seconds / 60:g}", limit=MAX_RUN_WALK_SECONDS // 60
            ),
        )
        return None
    return intervals


def _stages(reader: ValueReader, value: object, line: int) -> tuple[RunWalk, ...]:
    """`stages = [ {…}, {…} ]`: 2 to 20 run-walks, easiest first (no stage runs less than the one before)."""
    if not isinstance(value, list) or not 2 <= len(value) <= MAX_STAGES:
        said = N_("stages must be a list of 2 to {limit} run-walks, easiest first, got {value}")
        reader.error(line, Sentence(said, limit=MAX_STAGES, value=show(value)))
        return ()
    stages = [
        _intervals(reader, item, Sentence(N_("stage {number}"), number=number), line)
        for number, item in enumerate(value, 1)
    ]
    found = tuple(stage for stage in stages if stage is not None)
    if len(found) != len(stages):
        return ()
    for number, (before, after) in enumerate(itertools.pairwise(found), 2):
        if after.running_seconds < before.running_seconds:
            reader.error(
                line,
                Sentence(
                    N_(
                        "stage {number} runs less than stage {before_number} ({after} after "
                        "{before}): stages go "
                        "easiest first"
                    ),
                    number=number,
                    before_number=number - 1,
                    after=_described(after),
                    before=_described(before),
                ),
            )
            return ()
    if len(set(found)) != len(found):
        reader.error(line, Sentence(N_("stages lists the same run-walk twice")))
        return ()
    return found


def _described(intervals: RunWalk) -> Said:
    """A run-walk in words, in the chosen language and in English."""
    return Said(intervals.describe(), intervals.in_english())


def _cadence(reader: ValueReader, table: dict[str, Any], line: int) -> int | None:
    value = reader.number(table, "cadence_bpm", line, limits=CADENCE_BPM_RANGE, integer=True)
    return None if value is None else int(value)


def read_requires(reader: ValueReader, doc: dict[str, Any], line: int) -> Requirement | None:
    """`requires = { routine = "hip-strength", pain_at_most = 3 }`: the stage that must be going well first
    and its pain condition (at most 0–5, as a routine's pain_limit)."""
    if "requires" not in doc:
        return None
    value = doc["requires"]
    if not isinstance(value, dict) or set(value) != {"routine", "pain_at_most"}:
        said = N_('requires must be {{ routine = "ID", pain_at_most = N }}, got {value}')
        reader.error(line, Sentence(said, value=show(value)))
        return None
    routine = value["routine"]
    if not isinstance(routine, str) or not routine.strip():
        said = N_(
            'requires must be {{ routine = "ID", pain_at_most = N }}: routine is the id of a routine in '
            "quotes, "
            "got {value}"
        )
        reader.error(line, Sentence(said, value=show(routine)))
        return None
    named = {"requires.pain_at_most": value["pain_at_most"]}
    pain = reader.number(named, "requires.pain_at_most", line, limits=(0, PAIN_ACCEPTABLE_MAX), integer=True)
    return None if pain is None else Requirement(routine.strip(), int(pain))
