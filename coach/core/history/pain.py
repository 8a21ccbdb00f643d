"""Pain over time: the pain before a session (the baseline), during it and the next morning per local day,
with a rolling mean.

A session's next-morning answer belongs to the morning after the session's local day (the check-in asks
only then). Where a day has more than one value, the highest is kept: a pain chart for a clinician should
not hide the worst of a day (ours).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo

from coach.core.history.records import SessionRecord
from coach.core.history.stats import days_between

ROLLING_DAYS = 7


@dataclass(frozen=True, slots=True)
class PainDay:
    """One local day of the pain trend; None where nothing was recorded (or nothing in the window)."""

    day: date
    session_pain: int | None
    morning_pain: int | None
    session_mean: float | None  # mean of the session pains of the ROLLING_DAYS days ending on `day`
    morning_mean: float | None
    before_pain: int | None = None  # the baseline, before that day's session (CLINICAL.md "Baseline")


def _highest_by_day(
    sessions: Sequence[SessionRecord], pain_of: Callable[[SessionRecord], int | None], tz: tzinfo | None
) -> dict[date, int]:
    days: dict[date, int] = {}
    for s in sessions:
        if (pain := pain_of(s)) is not None:
            day = s.local_day(tz)
            days[day] = max(days.get(day, pain), pain)
    return days


def session_pain_by_day(sessions: Sequence[SessionRecord], tz: tzinfo | None = None) -> dict[date, int]:
    """The highest pain during a session on each local day."""
    return _highest_by_day(sessions, lambda s: s.pain, tz)


def pain_before_by_day(sessions: Sequence[SessionRecord], tz: tzinfo | None = None) -> dict[date, int]:
    """The highest pain before a session (the one-tap baseline) on each local day."""
    return _highest_by_day(sessions, lambda s: s.pain_before, tz)


def morning_pain_by_day(sessions: Sequence[SessionRecord], tz: tzinfo | None = None) -> dict[date, int]:
    """The next-morning pain on each local day: the answer given the morning after a session."""
    days: dict[date, int] = {}
    for s in sessions:
        if s.morning_pain is not None:
            day = s.local_day(tz) + timedelta(days=1)
            days[day] = max(days.get(day, s.morning_pain), s.morning_pain)
    return days


def rolling_mean(values: dict[date, int], day: date, window: int = ROLLING_DAYS) -> float | None:
    """The mean of the values recorded in the `window` days ending on `day` (None: none recorded)."""
    found = [values[d] for d in days_between(day - timedelta(days=window - 1), day) if d in values]
    return sum(found) / len(found) if found else None


def pain_trend(
    sessions: Sequence[SessionRecord], first: date, last: date, tz: tzinfo | None = None
) -> list[PainDay]:
    """Every local day from `first` to `last` with its pains and their 7-day rolling means."""
    during = session_pain_by_day(sessions, tz)
    morning = morning_pain_by_day(sessions, tz)
    before = pain_before_by_day(sessions, tz)
    return [
        PainDay(
            day=day,
            session_pain=during.get(day),
            morning_pain=morning.get(day),
            session_mean=rolling_mean(during, day),
            morning_mean=rolling_mean(morning, day),
            before_pain=before.get(day),
        )
        for day in days_between(first, last)
    ]
