"""Pain-guided progression: what the rule in safety.py advises for a routine, the concrete change, and the
person's own copy of the routine with that change (bundled files are never modified).

One step (ours, CLINICAL.md): two more reps on an exercise done in reps, five more seconds on a hold; easing
is the same step back, never below 1 rep or a 5-second hold. Timers (icing above all) are never changed.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from pathlib import Path

from coach.core.clinical.safety import (
    MORNING_TREND_MIN_ANSWERS,
    Progression,
    ProgressionAdvice,
    SessionPain,
    progression_rule,
)
from coach.core.history.pain import morning_pain_by_day
from coach.core.history.records import SessionRecord, SessionStatus
from coach.core.history.stats import days_between
from coach.core.paths import ensure_private_dir
from coach.core.routines.loader import ILLUSTRATIONS
from coach.core.routines.model import Exercise, ExerciseKind, Routine
from coach.core.routines.toml_writer import comment_lines, routine_toml

REPS_STEP = 2
HOLD_STEP_SECONDS = 5.0
MIN_REPS = 1
MIN_HOLD_SECONDS = 5.0
# The loader's upper limits (a file above them would not load).
MAX_REPS = 100
MAX_HOLD_SECONDS = 600.0


@dataclass(frozen=True, slots=True)
class DoseChange:
    """One exercise's dose before and after, as a physiotherapist writes it."""

    exercise_id: str
    exercise_name: str
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class Proposal:
    """A suggested new version of a routine, the advice behind it and what changes."""

    advice: ProgressionAdvice
    routine: Routine
    changes: tuple[DoseChange, ...]


def _at_this_dose(session: SessionRecord, routine: Routine) -> bool:
    same_version = not routine.content_hash or session.routine_hash in ("", routine.content_hash)
    return (
        session.routine_id == routine.id
        and same_version
        and not session.simulated
        and session.status is not SessionStatus.OPEN
    )


def recent_pain(
    sessions: Sequence[SessionRecord], routine: Routine, tz: tzinfo | None = None
) -> list[SessionPain]:
    """The sessions of this version of `routine`, oldest first, as the pain rule sees them."""
    mornings = morning_pain_by_day(sessions, tz)
    ordered = sorted((s for s in sessions if _at_this_dose(s, routine)), key=lambda s: s.started_at)
    return [SessionPain(s.fully_done, s.pain, s.morning_pain, mornings.get(s.local_day(tz))) for s in ordered]


def _mean(values: list[int]) -> float | None:
    return sum(values) / len(values) if len(values) >= MORNING_TREND_MIN_ANSWERS else None


def morning_means(
    sessions: Sequence[SessionRecord], today: date, tz: tzinfo | None = None
) -> tuple[float | None, float | None]:
    """The mean morning pain of the 7 days before last and of the last 7 days (None: too few answers)."""
    mornings = morning_pain_by_day(sessions, tz)
    last_week = days_between(today - timedelta(days=6), today)
    week_before = days_between(today - timedelta(days=13), today - timedelta(days=7))
    return (
        _mean([mornings[d] for d in week_before if d in mornings]),
        _mean([mornings[d] for d in last_week if d in mornings]),
    )


def advise(
    sessions: Sequence[SessionRecord], routine: Routine, today: date, tz: tzinfo | None = None
) -> ProgressionAdvice:
    """Progress, hold or ease `routine`, and why, from the stored sessions."""
    return progression_rule(recent_pain(sessions, routine, tz), morning_means(sessions, today, tz))


def step_exercise(exercise: Exercise, outcome: Progression) -> Exercise:
    """The exercise one step up (PROGRESS) or down (EASE); unchanged for HOLD, timers and limits."""
    sign = {Progression.PROGRESS: 1, Progression.EASE: -1, Progression.HOLD: 0}[outcome]
    if exercise.kind is ExerciseKind.REPS and exercise.reps is not None:
        reps = min(MAX_REPS, max(MIN_REPS, exercise.reps + sign * REPS_STEP))
        return dataclasses.replace(exercise, reps=reps)
    if exercise.kind is ExerciseKind.HOLD:
        hold = exercise.hold_seconds + sign * HOLD_STEP_SECONDS
        return dataclasses.replace(exercise, hold_seconds=min(MAX_HOLD_SECONDS, max(MIN_HOLD_SECONDS, hold)))
    return exercise


def step_routine(routine: Routine, outcome: Progression) -> Routine:
    """`routine` with every exercise one step up or down."""
    return dataclasses.replace(routine, exercises=tuple(step_exercise(e, outcome) for e in routine.exercises))


def propose(routine: Routine, advice: ProgressionAdvice) -> Proposal | None:
    """The concrete change the advice asks for, or None (hold, or nothing left to change)."""
    if advice.outcome is Progression.HOLD:
        return None
    changed = step_routine(routine, advice.outcome)
    changes = tuple(
        DoseChange(old.id, old.name, old.prescription(), new.prescription())
        for old, new in zip(routine.exercises, changed.exercises, strict=True)
        if old != new
    )
    return Proposal(advice, changed, changes) if changes else None


def user_copy_path(routine: Routine, user_dir: Path) -> Path:
    """Where the person's own copy goes: over their own file if the routine is theirs, else `<id>.toml`."""
    origin = routine.path
    if origin is not None and origin.parent.resolve() == user_dir.resolve():
        return origin
    return user_dir / f"{routine.id}.toml"


def _image_name(image: Path, origin_dir: Path | None, target_dir: Path, assets: Path | None) -> str:
    """The name to write for an image so the copy still finds it; copies an image kept beside the origin."""
    if assets is not None and image.is_relative_to((assets / ILLUSTRATIONS).resolve()):
        return image.relative_to((assets / ILLUSTRATIONS).resolve()).as_posix()
    relative = Path(image.name)
    if origin_dir is not None and image.is_relative_to(origin_dir.resolve()):
        relative = image.relative_to(origin_dir.resolve())
    destination = target_dir / relative
    if not destination.exists():
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(image, destination)
    return relative.as_posix()


def _header(proposal: Proposal, origin: Path | None, today: date) -> list[str]:
    verb = "progressed" if proposal.advice.outcome is Progression.PROGRESS else "eased"
    lines = [
        f"Your own copy of {origin or 'a routine'}, {verb} one step by Rehab Coach on {today.isoformat()}.",
        f"Why: {proposal.advice.reason}",
        *(f"{c.exercise_name}: {c.before} → {c.after}" for c in proposal.changes),
        "Delete this file to go back to the original.",
    ]
    if origin is not None and origin.is_file():
        notes = [line for line in _leading_comments(origin) if not line.startswith("# Your own copy of")]
        lines += ["", "Notes from the original file:"] if notes else []
        return [*comment_lines("\n".join(lines)), *notes]
    return comment_lines("\n".join(lines))


def _leading_comments(path: Path) -> list[str]:
    comments = []
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        if not line.startswith("#"):
            break
        comments.append(line)
    return comments


def write_user_copy(proposal: Proposal, user_dir: Path, today: date, assets: Path | None = None) -> Path:
    """Write the proposed routine as the person's own file (same id, so it takes the bundled one's place).

    An existing file there is kept as `<name>.bak` first; the write is atomic.
    """
    origin = proposal.routine.path
    target = user_copy_path(proposal.routine, user_dir)
    ensure_private_dir(user_dir)
    origin_dir = origin.parent if origin is not None else None
    images = {
        e.id: _image_name(e.image, origin_dir, target.parent, assets)
        for e in proposal.routine.exercises
        if e.image is not None
    }
    text = routine_toml(proposal.routine, images, _header(proposal, origin, today))
    if target.exists():
        shutil.copyfile(target, target.with_name(target.name + ".bak"))
    descriptor, temporary = tempfile.mkstemp(prefix=".routine-", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target
