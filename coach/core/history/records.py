"""The plain records history is made of: sessions, icing runs, day marks.

Frozen data with no database in sight: the store builds them, the statistics read them. What a session did
step by step is in `work`, the dose changes in `dose_changes`: every command that reads history loads this
module, and each frozen dataclass costs about a millisecond to define.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone, tzinfo

from coach.core.i18n import N_, _

# A marked span longer than a year is almost certainly a typo in a date (ours).
DAY_MARK_MAX_DAYS = 366


class DayMarkKind(enum.Enum):
    """Why a day has no exercise on purpose."""

    REST = "rest"  # a planned rest: a holiday, a busy week agreed with the physiotherapist
    FLARE_UP = "flare-up"  # the knee flared up and the person rested it

    @property
    def label(self) -> str:
        """The kind as every face names it: 'Planned rest' or 'Flare-up'."""
        return N_("Planned rest") if self is DayMarkKind.REST else N_("Flare-up")


@dataclass(frozen=True, slots=True)
class DayMark:
    """Local days marked as rest or flare-up: left out of the plan, and never a broken streak."""

    id: int
    kind: DayMarkKind
    first_day: date
    last_day: date
    reason: str = ""

    def covers(self, day: date) -> bool:
        return self.first_day <= day <= self.last_day

    def days(self) -> list[date]:
        """Every local day of the span, first to last."""
        count = (self.last_day - self.first_day).days + 1
        return [self.first_day + timedelta(days=n) for n in range(count)]


def check_day_span(first_day: date, last_day: date) -> str | None:
    """None when the span can be marked, else the sentence saying why not."""
    if last_day < first_day:
        return _("the span ends ({last}) before it starts ({first})").format(last=last_day, first=first_day)
    if (last_day - first_day).days + 1 > DAY_MARK_MAX_DAYS:
        return _("a marked span may be at most {days} days long").format(days=DAY_MARK_MAX_DAYS)
    return None


@dataclass(frozen=True, slots=True)
class MarkedDayCount:
    """How many local days of a period were marked, by kind (each day once)."""

    rest: int
    flare_up: int


def count_marked_days(marks: Sequence[DayMark], first: date, last: date) -> MarkedDayCount:
    """The marked days within `first`..`last`, each counted once (a flare-up wins where marks overlap)."""
    inside = [kind for day, kind in marked_days(marks).items() if first <= day <= last]
    return MarkedDayCount(inside.count(DayMarkKind.REST), inside.count(DayMarkKind.FLARE_UP))


def marked_days(marks: Sequence[DayMark]) -> dict[date, DayMarkKind]:
    """Each marked local day and its kind; where marks overlap, a flare-up wins over a rest (it says more)."""
    days: dict[date, DayMarkKind] = {}
    for mark in sorted(marks, key=lambda m: m.kind is DayMarkKind.FLARE_UP):
        for day in mark.days():
            days[day] = mark.kind
    return days


class SessionStatus(enum.Enum):
    OPEN = "open"  # started and not finished: still running, or the app died
    COMPLETED = "completed"
    STOPPED = "stopped"  # stopped early


@dataclass(frozen=True, slots=True)
class SessionRecord:
    """One session as stored, with how many of its work steps were done."""

    id: int
    routine_id: str
    routine_title: str
    routine_path: str
    sessions_per_week: int
    started_at: datetime
    finished_at: datetime | None
    status: SessionStatus
    steps_total: int
    steps_completed: int
    simulated: bool
    pain: int | None
    note: str
    warning_signs: tuple[tuple[str, bool | None], ...] = ()
    utc_offset_minutes: int | None = None  # None: recorded before Rehab Coach kept it
    time_zone: str = ""
    routine_hash: str = ""
    routine_since: date | None = None
    morning_pain: int | None = None
    morning_at: datetime | None = None  # when the next-morning question was answered or skipped
    pain_before: int | None = None  # the one-tap score just before the session (None: skipped, or older)
    pain_limit: int | None = None  # the routine's own "stop above N" when the session was done
    # The ids of the exercises the person said hurt (asked at the end, optional): easing goes to them first.
    hurt: frozenset[str] = frozenset()
    # The local day, worked out once: history asks for it a few dozen times a session, years of sessions.
    _day: date | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.utc_offset_minutes is not None:
            object.__setattr__(self, "_day", self.local_start().date())

    @property
    def completed(self) -> bool:
        return self.status is SessionStatus.COMPLETED

    @property
    def fully_done(self) -> bool:
        """Completed with every work step done, none skipped."""
        return self.completed and self.steps_total > 0 and self.steps_completed >= self.steps_total

    @property
    def morning_asked(self) -> bool:
        return self.morning_at is not None

    def local_start(self, fallback: tzinfo | None = None) -> datetime:
        """The start in the zone the person was in then; older rows use `fallback` (None: the system zone)."""
        if self.utc_offset_minutes is None:
            return self.started_at.astimezone(fallback)
        return self.started_at.astimezone(fixed_zone(self.utc_offset_minutes))

    def local_day(self, fallback: tzinfo | None = None) -> date:
        """The local calendar day the session belongs to (the day it started, where it started)."""
        if self._day is not None:
            return self._day
        return self.local_start(fallback).date()

    @property
    def warning_signs_reported(self) -> tuple[str, ...]:
        """The keys of the warning signs answered 'yes'."""
        return tuple(key for key, answer in self.warning_signs if answer)


@functools.cache
def fixed_zone(offset_minutes: int) -> timezone:
    """The fixed-offset zone for a stored UTC offset (cached: history asks for it thousands of times)."""
    return timezone(timedelta(minutes=offset_minutes))


class IcingStatus(enum.Enum):
    OPEN = "open"  # the timer is running, or the app died while it ran
    FINISHED = "finished"  # ran to the end
    STOPPED = "stopped"  # stopped early (or closed after a crash)


@dataclass(frozen=True, slots=True)
class IcingRecord:
    """One icing run as stored."""

    id: int
    started_at: datetime
    planned_minutes: int
    actual_minutes: float | None
    finished_at: datetime | None
    status: IcingStatus
    session_id: int | None = None  # the guided session this was a step of; None: iced on its own
