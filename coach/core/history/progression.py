"""Pain-guided progression: what the rule in clinical/pain_rule.py advises for a routine, the concrete
change, and the person's own copy of the routine with that change (bundled files are never modified).

One step (ours, CLINICAL.md): two more reps, five more seconds on a hold, or one more set, as the exercise
allows; easing is the same step back. Only what the sheet allows moves (CLINICAL.md "What moves"):
progression stays within the sheet's range and a single number is a fixed dose, never raised past it (no
ceiling is invented); easing stops at the range's bottom, or at half the sheet's dose. A hold without reps,
a stretch whatever its name, and a timer (icing above all) are never changed unless the sheet says how; an
exercise with a load is raised by its load (the physiotherapist's call), not by reps, unless the sheet says
`progression = "reps"`. Easing goes first to the exercises the person said hurt, else to the loaded ones,
else to the knee-targeted work.
"""

from __future__ import annotations

import dataclasses
import math
import shutil
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path

from coach.core.clinical.pain_days import SessionPain
from coach.core.clinical.pain_rule import (
    MORNING_TREND_MIN_ANSWERS,
    Progression,
    ProgressionAdvice,
    WarningSignsSinceReview,
    progression_rule,
)
from coach.core.clinical.safety import any_urgent
from coach.core.files import write_text_whole
from coach.core.history.dose_changes import RecordedDoseChange
from coach.core.history.pain import morning_pain_by_day
from coach.core.history.records import SessionRecord, SessionStatus
from coach.core.history.stats import days_between
from coach.core.i18n import _, format_date
from coach.core.paths import ensure_private_dir
from coach.core.routines.bounds import UnreadableRoutineError, too_many_steps
from coach.core.routines.loader import ILLUSTRATIONS, RoutineError, check_routine_text, read_routine_text
from coach.core.routines.model import Exercise, ProgressionKind, Routine, Target
from coach.core.routines.values import Problem

REPS_STEP = 2
HOLD_STEP_SECONDS = 5.0
SETS_STEP = 1
# The floor where the sheet gives no range: half the sheet's dose (CLINICAL.md "Bounds").
FLOOR_SHARE = 0.5


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


def _at_this_dose(session: SessionRecord, routine: Routine, include_simulated: bool) -> bool:
    same_version = not routine.content_hash or session.routine_hash in ("", routine.content_hash)
    return (
        session.routine_id == routine.id
        and same_version
        and (include_simulated or not session.simulated)
        and session.status is not SessionStatus.OPEN
    )


def recent_pain(
    sessions: Sequence[SessionRecord],
    routine: Routine,
    tz: tzinfo | None = None,
    *,
    include_simulated: bool = False,
) -> list[SessionPain]:
    """The sessions of this version of `routine`, oldest first, as the pain rule sees them (with their day,
    so that a sheet done several times a day is read day by day)."""
    mornings = morning_pain_by_day(sessions, tz)
    mine = (s for s in sessions if _at_this_dose(s, routine, include_simulated))
    ordered = sorted(mine, key=lambda s: s.started_at)
    return [
        SessionPain(
            s.fully_done,
            s.pain,
            s.morning_pain,
            mornings.get(s.local_day(tz)),
            s.pain_before,
            day=s.local_day(tz),
            hurt=s.hurt,
        )
        for s in ordered
    ]


def after_review(sessions: Sequence[SessionRecord], last_review: datetime | None) -> list[SessionRecord]:
    """The sessions started after the last clinician review: only they count towards a change."""
    return [s for s in sessions if last_review is None or s.started_at > last_review]


def answered_at(session: SessionRecord) -> datetime:
    """When a session's warning-sign answers were last given: the next morning, else its end or start."""
    return session.morning_at or session.finished_at or session.started_at


def warning_signs_since_review(
    sessions: Sequence[SessionRecord], last_review: datetime | None, tz: tzinfo | None = None
) -> WarningSignsSinceReview:
    """The warning signs answered yes (in any routine) since the person said a clinician had seen them.

    A sign counts from when it was answered (the end of its session, or the next morning), not from when its
    session began, and it is dated by that day: a "yes" given after a review always stands.
    """
    answered = sorted(
        (s for s in sessions if s.warning_signs and (last_review is None or answered_at(s) > last_review)),
        key=answered_at,
    )
    answered = [s for s in answered if any(answer is not None for _, answer in s.warning_signs)]
    with_yes = [s for s in answered if s.warning_signs_reported]
    if not with_yes:
        return WarningSignsSinceReview()
    keys = tuple(dict.fromkeys(k for s in with_yes for k in s.warning_signs_reported))
    twice = len(answered) >= 2 and all(s.warning_signs_reported for s in answered[-2:])
    latest = with_yes[-1]
    zone = tz if latest.utc_offset_minutes is None else latest.local_start(tz).tzinfo
    on = format_date(answered_at(latest).astimezone(zone), "long")  # "4 December 2026"
    return WarningSignsSinceReview(keys, on, twice, urgent=any_urgent(keys))


def eases_in_a_row(changes: Sequence[RecordedDoseChange], routine_id: str, since: date | None = None) -> int:
    """How many eases of `routine_id` the person took in a row, newest back to the last progression (one
    a day at most), leaving out those on or before `since` (the day of the last clinician review)."""
    decisions: dict[date, str] = {}
    for change in sorted(changes, key=lambda c: c.changed_on):
        if change.routine_id == routine_id and (since is None or change.changed_on > since):
            decisions[change.changed_on] = change.decision
    count = 0
    for decision in reversed(decisions.values()):
        if decision != Progression.EASE.value:
            break
        count += 1
    return count


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
    sessions: Sequence[SessionRecord],
    routine: Routine,
    today: date,
    tz: tzinfo | None = None,
    last_review: datetime | None = None,
    *,
    include_simulated: bool = False,
    dose_changes: Sequence[RecordedDoseChange] = (),
) -> ProgressionAdvice:
    """See a clinician, progress, hold, ease or stop and ask for a review of `routine`, and why.

    `last_review` is when the person last said a clinician had seen them (None: never): only sessions after
    it count towards a change. `dose_changes` are the changes the person accepted (the store's), from which
    the eases taken in a row are counted. Simulated sessions count only with `include_simulated` (a demo or
    a test of the command line).
    """
    counted = after_review(sessions, last_review)
    review_day = None if last_review is None else last_review.astimezone(tz).date()
    return progression_rule(
        recent_pain(counted, routine, tz, include_simulated=include_simulated),
        morning_means(counted, today, tz),
        pain_limit=routine.pain_limit,
        warning_signs=warning_signs_since_review(sessions, last_review, tz),
        times_per_day=routine.times_per_day,
        eases_in_a_row=eases_in_a_row(dose_changes, routine.id, review_day),
    )


def _floor(dose: float) -> int:
    return max(1, math.ceil(dose * FLOOR_SHARE))


def reps_bounds(exercise: Exercise) -> tuple[int, int]:
    """The lowest and highest reps the rule may set: the sheet's range, else half its dose to its dose."""
    if exercise.reps_range is not None:
        return exercise.reps_range
    prescribed = exercise.prescribed_reps or exercise.reps or 1
    return _floor(prescribed), prescribed


def hold_bounds(exercise: Exercise) -> tuple[float, float]:
    """The shortest and longest hold the rule may set, as for reps."""
    if exercise.hold_range is not None:
        return exercise.hold_range
    prescribed = exercise.prescribed_hold_seconds or exercise.hold_seconds
    return float(_floor(prescribed)), prescribed


def sets_bounds(exercise: Exercise) -> tuple[int, int]:
    """The fewest and most sets the rule may set: half the sheet's sets to the sheet's sets."""
    prescribed = exercise.prescribed_sets or exercise.sets
    return _floor(prescribed), prescribed


def _moved(value: float, bounds: tuple[float, float], step: float) -> float:
    """One step up (step > 0) or down within `bounds`; never down by a step up, nor up by a step down."""
    low, high = bounds
    if step > 0:
        return min(value + step, max(value, high))
    return max(value + step, min(value, low))


def step_exercise(exercise: Exercise, outcome: Progression) -> Exercise:
    """The exercise one step up (PROGRESS) or down (EASE) within its bounds; else unchanged.

    Where the sheet gave a single number, the copy keeps the sheet's dose (`prescribed_*`), so that a
    second ease stops at half of it and progression comes back up to it, never past it.
    """
    sign = {Progression.PROGRESS: 1, Progression.EASE: -1}.get(outcome, 0)
    kind = exercise.progresses_by if sign > 0 else exercise.eases_by
    if sign == 0 or kind is ProgressionKind.NONE:
        return exercise
    if kind is ProgressionKind.REPS_THEN_LOAD:
        return _step_reps_then_load(exercise, sign)
    if kind is ProgressionKind.LEVEL:
        return _step_level(exercise, sign)
    if kind is ProgressionKind.REPS and exercise.reps is not None:
        low, high = reps_bounds(exercise)
        reps = int(_moved(exercise.reps, (low, high), sign * REPS_STEP))
        fixed = exercise.reps_range is None and reps != high
        return dataclasses.replace(exercise, reps=reps, prescribed_reps=high if fixed else None)
    if kind is ProgressionKind.HOLD and exercise.hold_seconds:
        bounds = hold_bounds(exercise)
        hold = _moved(exercise.hold_seconds, bounds, sign * HOLD_STEP_SECONDS)
        fixed = exercise.hold_range is None and hold != bounds[1]
        prescribed = bounds[1] if fixed else None
        return dataclasses.replace(exercise, hold_seconds=hold, prescribed_hold_seconds=prescribed)
    if kind is ProgressionKind.SETS:
        low_sets, high_sets = sets_bounds(exercise)
        sets = int(_moved(exercise.sets, (low_sets, high_sets), sign * SETS_STEP))
        return dataclasses.replace(
            exercise, sets=sets, prescribed_sets=high_sets if sets != high_sets else None
        )
    return exercise


def _step_reps_then_load(exercise: Exercise, sign: int) -> Exercise:
    """Format 3's "reps-then-load": reps climb to the top of the range, then the next load with reps back at
    `reps_after_load` (the sheet's "at 3 × 40 add a 1 lb ankle weight and start again at 3 × 20"). Easing
    takes reps off down to the range's bottom, then the load before at the top of the range *(ours: the
    same work at the lighter load)*."""
    if exercise.reps is None or exercise.reps_range is None:
        return exercise
    low, high = exercise.reps_range
    last = len(exercise.loads) - 1
    if sign > 0 and exercise.reps >= high and exercise.load_step < last:
        step = exercise.load_step + 1
        reps = exercise.reps_after_load or low
    elif sign < 0 and exercise.reps <= low and exercise.load_step > 0:
        step, reps = exercise.load_step - 1, high
    else:
        step = exercise.load_step
        reps = int(_moved(exercise.reps, (low, high), sign * REPS_STEP))
    load = exercise.loads[step] if exercise.loads else exercise.load
    return dataclasses.replace(exercise, reps=reps, load_step=step, load=load)


def _step_level(exercise: Exercise, sign: int) -> Exercise:
    """Format 3's levels: the reps of a range climb first, then the next level with reps back at the range's
    bottom (the sheet's "step-downs from 10 cm, then 20 cm"); easing goes back a level, reps unchanged."""
    last = len(exercise.levels) - 1
    range_top = exercise.reps_range[1] if exercise.reps_range is not None else None
    climbing = range_top is not None and exercise.reps is not None and exercise.reps < range_top
    if sign > 0 and climbing and exercise.reps is not None and exercise.reps_range is not None:
        return dataclasses.replace(exercise, reps=int(_moved(exercise.reps, exercise.reps_range, REPS_STEP)))
    if sign > 0 and exercise.level_step < last:
        reps = exercise.reps_range[0] if exercise.reps_range is not None else exercise.reps
        return dataclasses.replace(exercise, level_step=exercise.level_step + 1, reps=reps)
    if sign < 0 and exercise.level_step > 0:
        return dataclasses.replace(exercise, level_step=exercise.level_step - 1)
    return exercise


def step_routine(routine: Routine, outcome: Progression, only: Collection[str] | None = None) -> Routine:
    """`routine` with every exercise (or those whose ids are in `only`) one step up or down."""
    exercises = tuple(
        step_exercise(e, outcome) if only is None or e.id in only else e for e in routine.exercises
    )
    return dataclasses.replace(routine, exercises=exercises)


def ease_targets(routine: Routine, hurt: Collection[str] = ()) -> frozenset[str]:
    """The exercises an ease goes to: those the person said hurt, else the loaded ones, else the knee-targeted
    work, else every one that can be eased; never a stretch, a hold without reps or a timer."""
    easable = [e for e in routine.exercises if e.eases_by is not ProgressionKind.NONE]
    for group in (
        [e for e in easable if e.id in hurt],
        [e for e in easable if e.load],
        [e for e in easable if e.targets is Target.KNEE],
        easable,
    ):
        if group:
            return frozenset(e.id for e in group)
    return frozenset()


def held_back(
    sessions: Sequence[SessionRecord],
    routine: Routine,
    today: date,
    tz: tzinfo | None = None,
    *,
    include_simulated: bool = False,
) -> frozenset[str]:
    """The exercises a progression leaves as they are (format 3): those whose `progress_after_weeks` (or the
    routine's) have not passed since the first session at this dose, and those with their own pain limit
    that a session at this dose went above."""
    mine = [s for s in sessions if _at_this_dose(s, routine, include_simulated)]
    first = min((s.local_day(tz) for s in mine), default=today)
    worst = max((s.pain for s in mine if s.pain is not None), default=0)
    held = set()
    for exercise in routine.exercises:
        weeks = exercise.progress_after_weeks or routine.progress_after_weeks
        if weeks and (today - first).days < weeks * 7:
            held.add(exercise.id)
        if exercise.pain_limit is not None and worst > exercise.pain_limit:
            held.add(exercise.id)
    return frozenset(held)


def propose(routine: Routine, advice: ProgressionAdvice, held: Collection[str] = ()) -> Proposal | None:
    """The concrete change the advice asks for, or None (hold, or nothing left to change); a progression
    leaves the exercises in `held` as they are (see `held_back`)."""
    if advice.outcome is Progression.PROGRESS:
        changed = step_routine(
            routine, Progression.PROGRESS, [e.id for e in routine.exercises if e.id not in held]
        )
        if too_many_steps(changed.exercises):
            return None  # the loader would refuse the copy; the advice says so (`past_the_step_bound`)
    elif advice.outcome is Progression.EASE:
        changed = step_routine(routine, Progression.EASE, ease_targets(routine, advice.hurt))
    else:
        return None
    changes = tuple(
        DoseChange(old.id, old.name, old.prescription(), new.prescription())
        for old, new in zip(routine.exercises, changed.exercises, strict=True)
        if old.prescription() != new.prescription()
    )
    return Proposal(advice, changed, changes) if changes else None


def past_the_step_bound(routine: Routine) -> bool:
    """Whether one step up would plan more steps than a routine may (MAX_PLANNED_STEPS)."""
    return too_many_steps(step_routine(routine, Progression.PROGRESS).exercises) is not None


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


def _header(proposal: Proposal, origin: Path, today: date, text: str) -> list[str]:
    """The comment at the top of the person's own copy, in the chosen language (a copy's own comment from an
    earlier step, in English or in that language, is not kept as a note of the original)."""
    if proposal.advice.outcome is Progression.PROGRESS:
        first = _("Your own copy of {origin}, progressed one step by Rehab Coach on {day}.")
    else:
        first = _("Your own copy of {origin}, eased one step by Rehab Coach on {day}.")
    lines = [
        first.format(origin=origin, day=today.isoformat()),
        _("Why: {reason}").format(reason=proposal.advice.reason),
        *(f"{c.exercise_name}: {c.before} → {c.after}" for c in proposal.changes),
        _("Delete this file to go back to the original."),
    ]
    own = first.split("{origin}")[0].strip()
    ours = ("# Your own copy of", f"# {own}") if own else ("# Your own copy of",)
    notes = [line for line in _leading_comments(text) if not line.startswith(ours)]
    lines += ["", _("Notes from the original file:")] if notes else []
    from coach.core.routines.dose_edit import comment_lines  # tomlkit: loaded when a dose is written

    return [*comment_lines("\n".join(lines)), *notes]


def _leading_comments(text: str) -> list[str]:
    comments = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        comments.append(line)
    return comments


def write_user_copy(proposal: Proposal, user_dir: Path, today: date, assets: Path | None = None) -> Path:
    """Write the proposed routine as the person's own file (same id, so it takes the bundled one's place).

    An existing file there is kept as `<name>.bak` first; the write is atomic. A copy the loader would
    refuse is not written: RoutineError, the file there left as it was.
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
    if origin is None:
        raise ValueError("a routine is written back into its own file; this one has none")
    try:
        original = read_routine_text(origin)  # bounded, as the loader reads it: it may have been replaced
    except UnreadableRoutineError as refusal:
        raise RoutineError((Problem(origin, 1, str(refusal)),)) from None
    from coach.core.routines.dose_edit import with_dose

    text = with_dose(original, proposal.routine, images, _header(proposal, origin, today, original))
    checked = check_routine_text(text, target, assets)
    if checked.routine is None:  # never a copy the library would refuse (and so drop the routine)
        raise RoutineError(checked.errors)
    if target.exists():
        shutil.copyfile(target, target.with_name(target.name + ".bak"))
    write_text_whole(target, text)  # fsynced: an accepted change survives a crash or a power cut
    from coach.core.routines.translations import copy_translations

    copy_translations(origin, target)  # the copy speaks the person's language, as the bundled one did
    return target
