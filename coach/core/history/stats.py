"""Adherence figures: pure functions over stored sessions, in the person's local calendar.

Every session belongs to exactly one local day: the day it started, in the zone it started in (kept with the
session since m004; older sessions use the zone passed in as `tz`, None meaning the system's). Days are
walked as calendar dates, never as 24-hour steps, so a daylight-saving change or a trip abroad can neither
split a day nor count one twice.

Planned rest and flare-up days (DayMark) are left out of the plan: a week's plan shrinks pro rata to the
days that were not marked, rounded to the nearest whole session (ours: with 3 a week, one rest day keeps the
plan at 3, two to four make it 2; with a daily plan each marked day takes one session off). A week whose plan
shrinks to nothing neither adds to a streak nor breaks it; a marked day never breaks a day streak either.
A week with any planned day left plans at least one session, so that the first week of a programme (begun on
a Sunday, say) asks for the session that was done rather than for none.

Streaks are told in one unit everywhere: weeks on plan, or days for a daily plan (and before any plan).
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from coach.core.history.outcome import most_work_done
from coach.core.history.records import DayMark, SessionRecord, SessionStatus, marked_days
from coach.core.i18n import _, ngettext

if TYPE_CHECKING:  # the summary reads no steps: `coach history` need not define them
    from coach.core.history.work import StepResult

ADHERENCE_WEEKS = 4
DAYS_PER_WEEK = 7
# The two adherence windows a physiotherapist asks about (ours): the last month, the last three.
SHORT_WEEKS = 4
LONG_WEEKS = 12


@dataclass(frozen=True, slots=True)
class Summary:
    """What history shows at the top: streaks, this week against the plan, the last four weeks."""

    streak_days: int
    streak_weeks: int
    this_week_sessions: int
    sessions_per_week: int  # the plan in force: the routine done most recently
    adherence_4_weeks: float | None
    sessions_completed: int
    longest_streak_weeks: int = 0
    longest_streak_days: int = 0
    this_week_planned: int = 0  # this week's plan: marked days and days before the programme left out

    @property
    def streak(self) -> StreakFigure:
        return streak_figure(
            Streaks(self.streak_weeks, self.longest_streak_weeks, self.streak_days, self.longest_streak_days),
            self.sessions_per_week,
        )


@dataclass(frozen=True, slots=True)
class WeekDose:
    """One ISO week: dose sessions done against the plan for the days of it that were planned."""

    monday: date
    done: int
    planned: int  # the plan for the week's days inside the period that were not marked
    plan: int  # the routine's sessions a week in force that week; 0 before the first planned session
    marked_days: int = 0

    @property
    def met(self) -> bool:
        return self.planned > 0 and self.done >= self.planned

    @property
    def counted(self) -> int:
        """Sessions that count towards adherence: done, capped at the week's plan."""
        return min(self.done, self.planned)


@dataclass(frozen=True, slots=True)
class Streaks:
    """Current and longest runs of weeks that met the plan, and of days with a dose session."""

    current_weeks: int
    longest_weeks: int
    current_days: int
    longest_days: int


@dataclass(frozen=True, slots=True)
class StreakFigure:
    """A streak as it is told: in one unit, the current run and the longest."""

    unit: str  # "week" or "day"
    current: int
    longest: int


def streak_figure(run: Streaks, plan: int) -> StreakFigure:
    """The streak in the unit that fits the plan: days for a daily plan or no plan yet, else weeks on plan."""
    if plan <= 0 or is_daily_plan(plan):
        return StreakFigure("day", run.current_days, run.longest_days)
    return StreakFigure("week", run.current_weeks, run.longest_weeks)


def counts_towards_dose(session: SessionRecord) -> bool:
    """Whether a session is part of the weekly dose: finished, of a planned routine, with most work done."""
    if session.status is SessionStatus.OPEN or session.sessions_per_week <= 0:
        return False
    return most_work_done(session)


def active_seconds(steps: Sequence[StepResult]) -> float:
    """How long the person spent in the steps they did (pauses and a crash between them not counted)."""
    return sum(
        (step.finished_at - step.started_at).total_seconds() for step in steps if step.started_at is not None
    )


def dose_sessions(sessions: Sequence[SessionRecord]) -> list[SessionRecord]:
    """The sessions that count towards the weekly dose."""
    return [s for s in sessions if counts_towards_dose(s)]


def current_plan(sessions: Sequence[SessionRecord]) -> int:
    """Sessions a week the person is aiming for: the plan of the routine they did most recently."""
    dose = dose_sessions(sessions)
    return max(dose, key=lambda s: s.started_at).sessions_per_week if dose else 0


def week_start(day: date) -> date:
    """The Monday of `day`'s week (ISO weeks)."""
    return day - timedelta(days=day.weekday())


def days_between(first: date, last: date) -> list[date]:
    """Every calendar day from `first` to `last`, both included."""
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def sessions_by_day(sessions: Sequence[SessionRecord], tz: tzinfo | None = None) -> dict[date, int]:
    """How many dose sessions were done on each local day."""
    counts: dict[date, int] = {}
    for s in dose_sessions(sessions):
        day = s.local_day(tz)
        counts[day] = counts.get(day, 0) + 1
    return counts


def planned_sessions(plan: int, open_days: int) -> int:
    """A week's plan for `open_days` of its 7 days (the rest marked or outside the period), rounded (ours).

    At least one while any day is open: a week with a planned day in it plans a session.
    """
    if plan <= 0 or open_days <= 0:
        return 0
    return max(1, math.floor(plan * open_days / DAYS_PER_WEEK + 0.5))


def current_streak_days(by_day: dict[date, int], today: date, marked: Collection[date] = ()) -> int:
    """Days in a row with a session, ending today (or yesterday, while today's is still to come)."""
    day = today if by_day.get(today) else today - timedelta(days=1)
    streak = 0
    while by_day.get(day) or day in marked:
        streak += 1 if by_day.get(day) else 0
        day -= timedelta(days=1)
    return streak


def longest_streak_days(by_day: dict[date, int], marked: Collection[date] = ()) -> int:
    """The most days in a row with a session; marked days in between do not break the run."""
    longest = run = 0
    previous: date | None = None
    one_day = timedelta(days=1)
    for day in sorted(d for d, sessions in by_day.items() if sessions):
        if previous is not None:
            # The run goes on when every day between the two session days was marked (often none).
            gap = previous + one_day
            while gap < day and gap in marked:
                gap += one_day
            if gap < day:
                run = 0
        run += 1
        longest = max(longest, run)
        previous = day
    return longest


def weekly_counts(by_day: dict[date, int]) -> dict[date, int]:
    """Dose sessions per week, keyed by the week's Monday."""
    weeks: dict[date, int] = {}
    for day, sessions in by_day.items():
        monday = week_start(day)
        weeks[monday] = weeks.get(monday, 0) + sessions
    return weeks


def plans_by_week(sessions: Sequence[SessionRecord], tz: tzinfo | None = None) -> dict[date, int]:
    """The plan of each week that had a dose session: that of the routine done last in the week."""
    plans: dict[date, int] = {}
    for s in sorted(dose_sessions(sessions), key=lambda s: s.started_at):
        plans[week_start(s.local_day(tz))] = s.sessions_per_week
    return plans


@dataclass(frozen=True, slots=True)
class DoseDays:
    """What the weekly figures need from the sessions, worked out in one pass: per local day and per week.

    Built once per summary, so that its several figures (this week, four weeks, streaks) do not each walk
    every session again; their work then grows with the weeks shown, not with the years of history.
    """

    by_day: dict[date, int]  # dose sessions on each local day (as `sessions_by_day`)
    plans: dict[date, int]  # each week's plan (as `plans_by_week`)
    first_day: date | None  # as `first_planned_day`
    latest_plan: int = 0  # as `current_plan`: the plan of the dose session done last
    by_week: dict[date, int] = field(default_factory=dict)  # dose sessions each week (as `weekly_counts`)

    @classmethod
    def of(cls, sessions: Sequence[SessionRecord], tz: tzinfo | None = None) -> DoseDays:
        by_day = sessions_by_day(sessions, tz)
        return cls(
            by_day,
            plans_by_week(sessions, tz),
            min(by_day) if by_day else None,
            current_plan(sessions),
            weekly_counts(by_day),
        )

    @classmethod
    def from_days(cls, done: Iterable[tuple[date, int]]) -> DoseDays:
        """From each dose session's (local day, plan), in the order they were done: what the store keeps
        (AdherenceStore.dose_days), so that all-time figures need no session records."""
        by_day: dict[date, int] = {}
        plans: dict[date, int] = {}
        by_week: dict[date, int] = {}
        monday = sunday = date.min
        plan = 0
        for day, plan in done:
            by_day[day] = by_day.get(day, 0) + 1
            if not monday <= day <= sunday:  # mostly in order: a new week is worked out once
                monday = day - timedelta(days=day.weekday())
                sunday = monday + timedelta(days=6)
            plans[monday] = plan
            by_week[monday] = by_week.get(monday, 0) + 1
        return cls(by_day, plans, min(by_day) if by_day else None, plan, by_week)


def weekly_doses(
    sessions: Sequence[SessionRecord],
    first: date,
    last: date,
    marks: Sequence[DayMark] = (),
    tz: tzinfo | None = None,
) -> list[WeekDose]:
    """Each ISO week touching `first`..`last`: dose done against the plan for the days inside it.

    Nothing is planned before the first dose session, nor on marked days.
    """
    return doses_by_week(DoseDays.of(sessions, tz), first, last, marked_days(marks))


def doses_by_week(days: DoseDays, first: date, last: date, marked: Collection[date]) -> list[WeekDose]:
    """`weekly_doses` from sessions already counted per day (see DoseDays)."""
    return [WeekDose(*week) for week in _week_doses(days, first, last, marked)]


def _week_doses(
    days: DoseDays, first: date, last: date, marked: Collection[date]
) -> Iterator[tuple[date, int, int, int, int]]:
    """Each week of `doses_by_week` as (monday, done, planned, plan, marked days): all-time streaks walk
    ten years of weeks, and need no WeekDose for each."""
    plans = days.plans
    start = days.first_day or last + timedelta(days=1)
    first_monday = week_start(first)
    earlier = [monday for monday in plans if monday < first_monday]
    plan = plans[max(earlier)] if earlier else 0
    by_day, by_week = days.by_day, days.by_week or weekly_counts(days.by_day)
    marked_weeks = {week_start(d) for d in marked if first <= d <= last}
    one_day, one_week, six_days = timedelta(days=1), timedelta(weeks=1), timedelta(days=6)
    whole_week = {plan: planned_sessions(plan, DAYS_PER_WEEK) for plan in {plan, *plans.values()}}
    monday = first_monday
    while monday <= last:
        plan = plans.get(monday, plan)
        sunday = monday + six_days
        if first <= monday and sunday <= last and start <= monday and monday not in marked_weeks:
            # A whole week inside the span, after the first planned day, nothing marked: 7 open days.
            yield monday, by_week.get(monday, 0), whole_week[plan], plan, 0
            monday += one_week
            continue
        done = open_days = marked_days = 0
        day, end = max(monday, first), min(sunday, last)
        while day <= end:
            done += by_day.get(day, 0)
            if day in marked:
                marked_days += 1
            elif day >= start:
                open_days += 1
            day += one_day
        yield monday, done, planned_sessions(plan, open_days), plan, marked_days
        monday += one_week


def adherence_percent(weeks: Sequence[WeekDose]) -> float | None:
    """Planned sessions done, each week capped at its plan, in percent (None: nothing was planned)."""
    planned = sum(w.planned for w in weeks)
    if planned == 0:
        return None
    return 100.0 * sum(w.counted for w in weeks) / planned


def adherence_between(
    sessions: Sequence[SessionRecord],
    first: date,
    last: date,
    marks: Sequence[DayMark] = (),
    tz: tzinfo | None = None,
) -> float | None:
    """Adherence in percent over the local days `first`..`last` (None: nothing was planned)."""
    return adherence_percent(weekly_doses(sessions, first, last, marks, tz))


def first_planned_day(sessions: Sequence[SessionRecord], tz: tzinfo | None = None) -> date | None:
    """The local day of the first dose session: where plans, streaks and all-time adherence begin."""
    dose = dose_sessions(sessions)
    return min(s.local_day(tz) for s in dose) if dose else None


def week_streaks(weeks: Sequence[WeekDose], today: date) -> tuple[int, int]:
    """The current and the longest run of weeks that met the plan, from weeks in order.

    A week with nothing planned (all marked) is skipped; so is this week while it is short of its plan.
    """
    return _runs(((w.monday, w.done, w.planned) for w in weeks), today)


def _runs(weeks: Iterable[tuple[date, int, int]], today: date) -> tuple[int, int]:
    """`week_streaks` over (monday, done, planned) of each week, in order."""
    this_monday = week_start(today)
    longest = run = 0
    for monday, done, planned in weeks:
        if planned > 0 and done >= planned:  # WeekDose.met
            run += 1
            longest = max(longest, run)
        elif planned > 0 and monday != this_monday:
            run = 0
    return run, longest


def streaks(
    sessions: Sequence[SessionRecord], today: date, marks: Sequence[DayMark] = (), tz: tzinfo | None = None
) -> Streaks:
    """Current and longest streaks, in weeks that met the plan and in days with a dose session."""
    return streaks_of(DoseDays.of(sessions, tz), today, marked_days(marks))


def streaks_of(days: DoseDays, today: date, marked: Collection[date]) -> Streaks:
    """`streaks` from sessions already counted per day (see DoseDays)."""
    start = days.first_day
    if start is None or start > today:
        return Streaks(0, 0, 0, 0)
    # This week is judged on all its days: it is under way, not short of a pro-rata plan.
    sunday = week_start(today) + timedelta(days=6)
    weeks = _week_doses(days, start, sunday, marked)
    current_weeks, longest_weeks = _runs(((w[0], w[1], w[2]) for w in weeks), today)
    return Streaks(
        current_weeks=current_weeks,
        longest_weeks=longest_weeks,
        current_days=current_streak_days(days.by_day, today, marked),
        longest_days=longest_streak_days(days.by_day, marked),
    )


def is_daily_plan(plan: int) -> bool:
    """Whether streaks are best told in days: a plan of a session every day."""
    return plan == DAYS_PER_WEEK


def icing_count(
    starts: Sequence[datetime], first: date | None = None, last: date | None = None, tz: tzinfo | None = None
) -> int:
    """How many icing runs started on the local days `first`..`last` (None: no bound)."""
    days = (moment.astimezone(tz).date() for moment in starts)
    return sum(1 for day in days if (first is None or day >= first) and (last is None or day <= last))


def summarize(
    sessions: Sequence[SessionRecord],
    today: date,
    tz: tzinfo | None = None,
    marks: Sequence[DayMark] = (),
    *,
    days: DoseDays | None = None,
) -> Summary:
    """The history summary for `today` in time zone `tz` (None: the system's own zone).

    `days`: the sessions' dose days when the caller has them (the store keeps them: AdherenceStore.dose_days),
    so that the summary walks no session; the figures are the same.
    """
    if days is None:
        days = DoseDays.of(dose_sessions(sessions), tz)  # once: every figure below reads these per-day counts
    marked = marked_days(marks)
    weeks = days.by_week or weekly_counts(days.by_day)
    four_weeks = adherence_percent(
        doses_by_week(days, today - timedelta(days=DAYS_PER_WEEK * ADHERENCE_WEEKS - 1), today, marked)
    )
    run = streaks_of(days, today, marked)
    monday = week_start(today)
    start = days.first_day
    this_week = doses_by_week(days, max(monday, start or monday), monday + timedelta(days=6), marked)
    return Summary(
        streak_days=run.current_days,
        streak_weeks=run.current_weeks,
        this_week_sessions=weeks.get(week_start(today), 0),
        sessions_per_week=days.latest_plan,  # current_plan(sessions)
        adherence_4_weeks=None if four_weeks is None else four_weeks / 100,
        sessions_completed=sum(days.by_day.values()),  # each dose session counted on its day
        longest_streak_weeks=run.longest_weeks,
        longest_streak_days=run.longest_days,
        this_week_planned=this_week[0].planned if this_week else 0,
    )


def streak_words(number: int, unit: str) -> str:
    """'1 week', '3 days': a streak's length in its unit ("week" or "day"), in the chosen language."""
    if unit == "week":
        return ngettext("{count} week", "{count} weeks", number).format(count=number)
    return ngettext("{count} day", "{count} days", number).format(count=number)


def describe_summary(summary: Summary) -> str:
    """One line under the library: 'This week: 1 of 3 sessions · streak: 2 weeks' (days for a daily plan)."""
    if summary.sessions_per_week:
        week = _("This week: {done} of {planned} sessions").format(
            done=summary.this_week_sessions, planned=summary.this_week_planned
        )
    else:
        week = ngettext(
            "This week: {count} session", "This week: {count} sessions", summary.this_week_sessions
        ).format(count=summary.this_week_sessions)
    streak = summary.streak
    return _("{week} · streak: {streak}").format(week=week, streak=streak_words(streak.current, streak.unit))


def describe_streak(run: StreakFigure) -> str:
    """'3 weeks in a row on plan · longest 5 weeks' (days for a daily plan)."""
    return _("{current} in a row on plan · longest {longest}").format(
        current=streak_words(run.current, run.unit), longest=streak_words(run.longest, run.unit)
    )
