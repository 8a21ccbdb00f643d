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
        parts.append(pain_limit_text(routine.pain_limit))
    if routine.next:
        parts.append(f"next stage: {next_title or routine.next}")
    return " · ".join(parts)


def exercise_line(exercise: Exercise) -> str:
    """'Wall squat — 3 × 20 s hold (range 20–40 s hold)': the dose now, and the sheet's range if given."""
    sheet = exercise.sheet_range()
    return f"{exercise.name} — {exercise.prescription()}" + (f" (range {sheet})" if sheet else "")


def pain_limit_text(limit: int) -> str:
    """The sheet's pain limit as its reader would say it."""
    if limit == 0:
        return "stop if it hurts at all"
    if limit < PAIN_ACCEPTABLE_MAX:
        return f"stop if pain is above {limit} out of 10"
    return f"pain up to {limit} out of 10 is acceptable"
