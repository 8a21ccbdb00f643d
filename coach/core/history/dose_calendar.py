"""The data behind the history heat map: for each local day, the share of the planned daily dose done."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo

from coach.core.history.records import DayMark, DayMarkKind, SessionRecord, SessionStatus, marked_days
from coach.core.history.stats import DAYS_PER_WEEK, days_between, first_planned_day

CALENDAR_MONTHS = 12


@dataclass(frozen=True, slots=True)
class CalendarDay:
    """One local day: how much of a day's planned dose was done, and what was done (for a tooltip)."""

    day: date
    share: float  # 0..1 of the planned daily dose
    sessions: tuple[SessionRecord, ...] = ()
    mark: DayMarkKind | None = None
    planned: bool = False  # on or after the first planned session: a day the plan applies to


def sessions_per_day(sessions_per_week: int) -> int:
    """How many sessions make a day's full dose: one, or more for a plan of more than one a day."""
    return max(1, math.ceil(sessions_per_week / DAYS_PER_WEEK))


def session_share(session: SessionRecord) -> float:
    """How much of one session's work was done, 0..1; unfinished or unplanned sessions count nothing."""
    if session.status is SessionStatus.OPEN or session.sessions_per_week <= 0 or session.steps_total <= 0:
        return 0.0
    return min(1.0, session.steps_completed / session.steps_total)


def day_share(sessions: Sequence[SessionRecord]) -> float:
    """The share of a day's planned dose that a day's sessions did, 0..1."""
    counted = [s for s in sessions if session_share(s) > 0]
    if not counted:
        return 0.0
    per_day = sessions_per_day(max(s.sessions_per_week for s in counted))
    return min(1.0, sum(session_share(s) for s in counted) / per_day)


def twelve_months_before(today: date) -> date:
    """The first day of the heat map: the day after the same date a year earlier (29 February: 1 March)."""
    try:
        year_ago = today.replace(year=today.year - 1)
    except ValueError:
        year_ago = today.replace(year=today.year - 1, day=28)
    return year_ago + timedelta(days=1)


def dose_calendar(
    sessions: Sequence[SessionRecord],
    today: date,
    marks: Sequence[DayMark] = (),
    tz: tzinfo | None = None,
    first: date | None = None,
    plan_start: date | None = None,
) -> list[CalendarDay]:
    """Every local day from `first` (default: twelve months back) to `today`, each exactly once.

    `plan_start` is the first planned day when the caller knows it (history reads it apart: the sessions
    given may be only those of the days shown); else it is worked out from `sessions`.
    """
    start = first or twelve_months_before(today)
    by_day: dict[date, list[SessionRecord]] = {}
    for s in sessions:
        day = s.local_day(tz)
        if start <= day <= today:
            by_day.setdefault(day, []).append(s)
    marked = marked_days(marks)
    if plan_start is None:
        plan_start = first_planned_day(sessions, tz)
    return [
        CalendarDay(
            day=day,
            share=day_share(by_day.get(day, ())),
            sessions=tuple(by_day.get(day, ())),
            mark=marked.get(day),
            planned=plan_start is not None and day >= plan_start and day not in marked,
        )
        for day in days_between(start, today)
    ]


@dataclass(frozen=True, slots=True)
class PlanChange:
    """A routine file that changed: the charts mark the day its new version was first used."""

    routine_id: str
    routine_title: str
    version: str  # the new version's content hash
    since: date


def plan_changes(sessions: Sequence[SessionRecord], tz: tzinfo | None = None) -> list[PlanChange]:
    """Each day a routine was first done in a new version of its file (not its very first version)."""
    seen: dict[str, str] = {}
    changes: list[PlanChange] = []
    for s in sorted(sessions, key=lambda s: s.started_at):
        if not s.routine_hash:
            continue
        previous = seen.get(s.routine_id)
        if previous is not None and previous != s.routine_hash:
            changes.append(PlanChange(s.routine_id, s.routine_title, s.routine_hash, s.local_day(tz)))
        seen[s.routine_id] = s.routine_hash
    return changes
