"""Adherence figures: pure functions over stored sessions, in the person's local calendar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta, tzinfo

from coach.core.store import SessionRecord, SessionStatus

ADHERENCE_WEEKS = 4
# A session counts towards the weekly dose when at least half of its work was done (ours): skipping a set
# still leaves a real dose, pressing "next" through a whole routine does not.
DOSE_MIN_SHARE = 0.5


@dataclass(frozen=True, slots=True)
class Summary:
    """What history shows at the top: streaks, this week against the plan, the last four weeks."""

    streak_days: int
    streak_weeks: int
    this_week_sessions: int
    sessions_per_week: int
    adherence_4_weeks: float | None
    sessions_completed: int


def counts_towards_dose(session: SessionRecord) -> bool:
    """Whether a session is part of the weekly dose: finished, of a planned routine, with most work done."""
    if session.status is SessionStatus.OPEN or session.sessions_per_week <= 0 or session.steps_total <= 0:
        return False
    return session.steps_completed >= DOSE_MIN_SHARE * session.steps_total


def dose_sessions(sessions: list[SessionRecord]) -> list[SessionRecord]:
    """The sessions that count towards the weekly dose."""
    return [s for s in sessions if counts_towards_dose(s)]


def current_plan(sessions: list[SessionRecord]) -> int:
    """Sessions a week the person is aiming for: the plan of the routine they did most recently."""
    dose = dose_sessions(sessions)
    return max(dose, key=lambda s: s.started_at).sessions_per_week if dose else 0


def week_start(day: date) -> date:
    """The Monday of `day`'s week (ISO weeks)."""
    return day - timedelta(days=day.weekday())


def sessions_by_day(sessions: list[SessionRecord], tz: tzinfo | None = None) -> dict[date, int]:
    """How many dose sessions were done on each local day (`tz` None: the system's zone, DST included)."""
    counts: dict[date, int] = {}
    for s in dose_sessions(sessions):
        day = s.started_at.astimezone(tz).date()
        counts[day] = counts.get(day, 0) + 1
    return counts


def current_streak_days(by_day: dict[date, int], today: date) -> int:
    """Days in a row with a session, ending today (or yesterday, while today's is still to come)."""
    day = today if by_day.get(today) else today - timedelta(days=1)
    streak = 0
    while by_day.get(day):
        streak += 1
        day -= timedelta(days=1)
    return streak


def weekly_counts(by_day: dict[date, int]) -> dict[date, int]:
    """Dose sessions per week, keyed by the week's Monday."""
    weeks: dict[date, int] = {}
    for day, count in by_day.items():
        monday = week_start(day)
        weeks[monday] = weeks.get(monday, 0) + count
    return weeks


def current_streak_weeks(weeks: dict[date, int], plan: int, today: date) -> int:
    """Weeks in a row that met the plan, ending this week (or last week, while this one is under way)."""
    if plan <= 0:
        return 0
    monday = week_start(today)
    if weeks.get(monday, 0) < plan:
        monday -= timedelta(weeks=1)
    streak = 0
    while weeks.get(monday, 0) >= plan:
        streak += 1
        monday -= timedelta(weeks=1)
    return streak


def adherence(by_day: dict[date, int], plan: int, today: date, weeks: int = ADHERENCE_WEEKS) -> float | None:
    """Share of the planned sessions done in the last `weeks` weeks (7·weeks days to today), 0 to 1."""
    if plan <= 0:
        return None
    first = today - timedelta(days=7 * weeks - 1)
    done = sum(count for day, count in by_day.items() if first <= day <= today)
    return min(1.0, done / (plan * weeks))


def summarize(sessions: list[SessionRecord], today: date, tz: tzinfo | None = None) -> Summary:
    """The history summary for `today` in time zone `tz` (None: the system's own zone)."""
    by_day = sessions_by_day(sessions, tz)
    weeks = weekly_counts(by_day)
    plan = current_plan(sessions)
    return Summary(
        streak_days=current_streak_days(by_day, today),
        streak_weeks=current_streak_weeks(weeks, plan, today),
        this_week_sessions=weeks.get(week_start(today), 0),
        sessions_per_week=plan,
        adherence_4_weeks=adherence(by_day, plan, today),
        sessions_completed=len(dose_sessions(sessions)),
    )
