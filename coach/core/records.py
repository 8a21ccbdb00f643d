"""Stored things history needs besides sessions: day marks, step results, the work a session planned."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta


class StoreError(Exception):
    """The adherence database cannot be used as asked; the message says why in plain words."""


def utc_text(moment: datetime) -> str:
    """How the store writes a moment: ISO 8601 in UTC, to the millisecond."""
    if moment.tzinfo is None:
        raise ValueError("timestamps must be timezone-aware")
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


def parse_utc(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


# A marked span longer than a year is almost certainly a typo in a date (ours).
DAY_MARK_MAX_DAYS = 366


class DayMarkKind(enum.Enum):
    """Why a day has no exercise on purpose."""

    REST = "rest"  # a planned rest: a holiday, a busy week agreed with the physiotherapist
    FLARE_UP = "flare-up"  # the knee flared up and the person rested it


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
        return f"the span ends ({last_day}) before it starts ({first_day})"
    if (last_day - first_day).days + 1 > DAY_MARK_MAX_DAYS:
        return f"a marked span may be at most {DAY_MARK_MAX_DAYS} days long"
    return None


def marked_days(marks: Sequence[DayMark]) -> dict[date, DayMarkKind]:
    """Each marked local day and its kind; where marks overlap, a flare-up wins over a rest (it says more)."""
    days: dict[date, DayMarkKind] = {}
    for mark in sorted(marks, key=lambda m: m.kind is DayMarkKind.FLARE_UP):
        for day in mark.days():
            days[day] = mark.kind
    return days


@dataclass(frozen=True, slots=True)
class StepResult:
    """One finished or skipped work or pause step of a session, as stored."""

    session_id: int
    step_index: int
    kind: str
    exercise_id: str
    set_number: int
    side: str | None
    rep: int
    planned_seconds: float
    started_at: datetime | None
    finished_at: datetime
    skipped: bool


@dataclass(frozen=True, slots=True)
class PlannedWork:
    """How many work steps (reps, holds, timers) a session planned for one exercise on one side."""

    session_id: int
    exercise_id: str
    exercise_name: str
    side: str | None
    steps: int


@dataclass(frozen=True, slots=True)
class WorkCount:
    """One session's work steps for one exercise on one side: how many were done, how many reached."""

    session_id: int
    exercise_id: str
    side: str | None
    done: int
    reached: int  # done or skipped
