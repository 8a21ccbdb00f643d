"""A routine's plan in the words a physiotherapist's sheet uses, for every face (the window, the report)."""

from __future__ import annotations

from coach.core.clinical.safety import PAIN_ACCEPTABLE_MAX
from coach.core.routines.model import Exercise, Routine
from coach.core.words import count


def how_often(routine: Routine) -> str:
    """'Every day, 3 times a day', '4 days a week' or '3 sessions a week'; '' when the file gives no plan."""
    if routine.days_per_week:
        days = "Every day" if routine.days_per_week == 7 else f"{count(routine.days_per_week, 'day')} a week"
        return f"{days}, {routine.times_per_day} times a day" if routine.times_per_day > 1 else days
    return f"{count(routine.sessions_per_week, 'session')} a week" if routine.sessions_per_week else ""


def stage_line(routine: Routine, next_title: str = "") -> str:
    """The programme length, the pain limit and the next stage, e.g. 'For 4 weeks · stop if pain is above
    3 out of 10 · next stage: Hip and knee'; '' for a format 1 file that says none of them. `next_title`
    names the next stage when the library has it (else its id is shown)."""
    parts = []
    if routine.weeks:
        parts.append(f"For {count(routine.weeks, 'week')}")
    if routine.format >= 2:
        parts.append(routine_pain_limit(routine))
    if routine.next:
        parts.append(f"next stage: {next_title or routine.next}")
    return " · ".join(parts)


def exercise_line(exercise: Exercise) -> str:
    """'Wall squat — 3 × 20 s hold (the sheet's range: 20–40 s hold)': the dose now, the sheet's range if it
    gave one, and the sheet's own dose where Rehab Coach eased it ('eased from the sheet's 3 × 12'). A range
    is printed only when the sheet wrote it: a single number is a fixed dose (CLINICAL.md "What moves")."""
    notes = []
    if sheet_range := exercise.sheet_range():
        notes.append(f"the sheet's range: {sheet_range}")
    if sheet_dose := exercise.sheet_dose():
        notes.append(f"eased from the sheet's {sheet_dose}")
    return f"{exercise.name} — {exercise.prescription()}" + (f" ({'; '.join(notes)})" if notes else "")


def pain_limit_text(limit: int, *, from_sheet: bool = True) -> str:
    """The pain limit as its reader would say it; where the sheet gives none (`from_sheet` False), the limit
    is said to be Rehab Coach's default, never the sheet's."""
    if not from_sheet:
        return f"no pain limit on the sheet: Rehab Coach's default limit of {limit} out of 10 applies"
    if limit == 0:
        return "stop if it hurts at all"
    if limit < PAIN_ACCEPTABLE_MAX:
        return f"stop if pain is above {limit} out of 10"
    return f"pain up to {limit} out of 10 is acceptable"


def routine_pain_limit(routine: Routine) -> str:
    """The routine's pain limit in words, the sheet's or (for a sheet that gives none) the app's default."""
    return pain_limit_text(routine.pain_limit, from_sheet=routine.pain_limit_given)
