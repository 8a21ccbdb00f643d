"""A routine's plan in the words a physiotherapist's sheet uses, for every face (the window, the report),
in the chosen language."""

from __future__ import annotations

from coach.core.clinical.safety import PAIN_ACCEPTABLE_MAX
from coach.core.i18n import _, ngettext
from coach.core.routines.model import Exercise, Routine


def how_often(routine: Routine) -> str:
    """'Every day, 3 times a day', '4 days a week' or '3 sessions a week'; '' when the file gives no plan."""
    if routine.days_per_week:
        per_week = routine.days_per_week
        days = (
            _("Every day")
            if per_week == 7
            else ngettext("{count} day a week", "{count} days a week", per_week).format(count=per_week)
        )
        if routine.times_per_day > 1:
            return _("{days}, {times} times a day").format(days=days, times=routine.times_per_day)
        return days
    sessions = routine.sessions_per_week
    if not sessions:
        return ""
    return ngettext("{count} session a week", "{count} sessions a week", sessions).format(count=sessions)


def stage_line(routine: Routine, next_title: str = "") -> str:
    """The programme length, the pain limit and the next stage, e.g. 'For 4 weeks · stop if pain is above
    3 out of 10 · next stage: Hip and knee'; '' for a format 1 file that says none of them. `next_title`
    names the next stage when the library has it (else its id is shown)."""
    parts = []
    if routine.weeks:
        parts.append(
            ngettext("For {count} week", "For {count} weeks", routine.weeks).format(count=routine.weeks)
        )
    if routine.format >= 2:
        parts.append(routine_pain_limit(routine))
    if routine.next:
        parts.append(_("next stage: {stage}").format(stage=next_title or routine.next))
    return " · ".join(parts)


def exercise_line(exercise: Exercise) -> str:
    """'Wall squat — 3 × 20 s hold (the sheet's range: 20–40 s hold)': the dose now, the sheet's range if it
    gave one, and the sheet's own dose where Rehab Coach eased it ('eased from the sheet's 3 × 12'). A range
    is printed only when the sheet wrote it: a single number is a fixed dose (CLINICAL.md "What moves")."""
    notes = []
    if sheet_range := exercise.sheet_range(_):
        notes.append(_("the sheet's range: {range}").format(range=sheet_range))
    if sheet_dose := exercise.sheet_dose(_):
        notes.append(_("eased from the sheet's {dose}").format(dose=sheet_dose))
    line = _("{name} — {dose}").format(name=exercise.name, dose=exercise.shown_prescription())
    if not notes:
        return line
    return _("{line} ({notes})").format(line=line, notes="; ".join(notes))


def pain_limit_text(limit: int, *, from_sheet: bool = True) -> str:
    """The pain limit as its reader would say it; where the sheet gives none (`from_sheet` False), the limit
    is said to be Rehab Coach's default, never the sheet's."""
    if not from_sheet:
        return _(
            "no pain limit on the sheet: Rehab Coach's default limit of {limit} out of 10 applies"
        ).format(limit=limit)
    if limit == 0:
        return _("stop if it hurts at all")
    if limit < PAIN_ACCEPTABLE_MAX:
        return _("stop if pain is above {limit} out of 10").format(limit=limit)
    return _("pain up to {limit} out of 10 is acceptable").format(limit=limit)


def routine_pain_limit(routine: Routine) -> str:
    """The routine's pain limit in words, the sheet's or (for a sheet that gives none) the app's default."""
    return pain_limit_text(routine.pain_limit, from_sheet=routine.pain_limit_given)
