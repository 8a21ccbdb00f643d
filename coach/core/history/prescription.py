"""The prescription as followed, for the physiotherapist's report and History: each routine's plan and doses
(with the load), the programme week ("week 3 of 8"), every dose change the app made, and the sessions whose
pain went above the routine's own limit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo

from coach.core.clinical.safety import PAIN_ACCEPTABLE_MAX
from coach.core.history.dose_changes import RecordedDoseChange
from coach.core.history.records import SessionRecord
from coach.core.history.stats import DAYS_PER_WEEK
from coach.core.i18n import _, format_date, format_moment, language
from coach.core.routines.model import Routine
from coach.core.routines.wording import exercise_line, how_often, stage_line


@dataclass(frozen=True, slots=True)
class ProgrammeWeek:
    """Which week of a routine's planned length (`weeks` in format 2) `today` falls in.

    Past the planned weeks the stage is finished and reads as such: "weeks 1–2 (2 Mar – 15 Mar 2026), then
    Return to running", with the sheet's own next stage (`next`), or "then carried on (week 4)" without one.
    """

    week: int
    weeks: int
    started: date | None = None  # the day of the routine's first session
    next_title: str = ""  # the sheet's next stage, if it names one the library has

    def __str__(self) -> str:
        if self.week <= self.weeks:
            return _("week {week} of {weeks}").format(week=self.week, weeks=self.weeks)
        then = self.next_title or _("carried on (week {week})").format(week=self.week)
        if self.started is None:
            return _("weeks 1–{weeks}, then {then}").format(weeks=self.weeks, then=then)
        ended = self.started + timedelta(days=self.weeks * DAYS_PER_WEEK - 1)
        return _("weeks 1–{weeks} ({first} – {last}), then {then}").format(
            weeks=self.weeks, first=_day(self.started), last=_day_and_year(ended), then=then
        )


def _day_and_year(day: date) -> str:
    """'29 Mar 2026'; '29. März 2026', '29 mar 2026' in the chosen language."""
    if language() == "en":
        return format_date(day)
    return format_moment(day, "%d %b %Y", "yMMMd", time=False)


def _day(day: date) -> str:
    """'2 Mar' in English, the day and month as the chosen language writes them otherwise."""
    if language() == "en":
        return f"{day.day} {day:%b}"
    return format_moment(day, "%d %b", "dMMM", time=False)


def programme_week(
    sessions: Sequence[SessionRecord],
    routine: Routine,
    today: date,
    tz: tzinfo | None = None,
    next_title: str = "",
) -> ProgrammeWeek | None:
    """The week of `routine`'s programme on `today`, counted from its first session; None without `weeks`
    or before any session of it. `next_title` names the sheet's next stage for a finished one."""
    if not routine.weeks:
        return None
    days = [s.local_day(tz) for s in sessions if s.routine_id == routine.id and not s.simulated]
    if not days:
        return None
    first = min(days)
    return ProgrammeWeek((today - first).days // DAYS_PER_WEEK + 1, routine.weeks, first, next_title)


@dataclass(frozen=True, slots=True)
class PrescribedRoutine:
    """One routine done in the period, as its file says it now, and the dose changes the app made."""

    routine_id: str
    title: str
    plan: str  # how often, for how long, the pain limit (the app's default said as such), the next stage
    # 'Wall squat — 3 × 20 s hold (the sheet's range: 20–40 s hold)': a range only where the sheet gave one,
    # and the sheet's own dose where Rehab Coach eased a single number (routines/wording.exercise_line)
    exercises: tuple[str, ...]
    week: ProgrammeWeek | None
    changes: tuple[RecordedDoseChange, ...]


def prescribed_routines(
    sessions: Sequence[SessionRecord],
    everything: Sequence[SessionRecord],
    routines: Sequence[Routine],
    changes: Sequence[RecordedDoseChange],
    last: date,
    tz: tzinfo | None = None,
) -> tuple[PrescribedRoutine, ...]:
    """Each routine done in `sessions` (in the order first done) that the library still has; its programme
    week on `last` counts from its first session in `everything`."""
    known = {r.id: r for r in routines}
    done = list(dict.fromkeys(s.routine_id for s in sessions))
    prescribed = []
    for routine_id in done:
        routine = known.get(routine_id)
        if routine is None:
            continue
        following = known.get(routine.next or "")
        stage = stage_line(routine, following.title if following else "")
        plan = " · ".join(part for part in (how_often(routine), stage) if part)
        prescribed.append(
            PrescribedRoutine(
                routine.id,
                routine.title,
                plan,
                tuple(exercise_line(e) for e in routine.exercises),
                programme_week(everything, routine, last, tz, following.title if following else ""),
                tuple(c for c in changes if c.routine_id == routine.id),
            )
        )
    return tuple(prescribed)


@dataclass(frozen=True, slots=True)
class PainOverLimit:
    """A session whose pain went above the limit in force then (the routine's own, else 5)."""

    day: date
    routine_title: str
    pain: int
    limit: int


def pain_over_limit(sessions: Sequence[SessionRecord], tz: tzinfo | None = None) -> tuple[PainOverLimit, ...]:
    """The sessions whose pain during the session was above their limit, oldest first."""
    over = []
    for s in sessions:
        limit = PAIN_ACCEPTABLE_MAX if s.pain_limit is None else s.pain_limit
        if s.pain is not None and s.pain > limit:
            over.append(PainOverLimit(s.local_day(tz), s.routine_title, s.pain, limit))
    return tuple(over)
