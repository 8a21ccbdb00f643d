"""Daily reminders: whether one is due now and when to look again. Pure functions over plain values.

The person picks weekdays and a time ("slots"). A reminder is due when the latest slot has not been
handled yet (shown, snoozed, started or dismissed) and that day's dose is not done; a snooze brings it
back at the snooze's end. Only the latest slot counts, so a laptop that was off or asleep for days shows
one reminder when it wakes, not one per missed day.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from coach.core.history.records import SessionRecord
from coach.core.history.stats import sessions_by_day

SNOOZE_MINUTES = (10, 30, 60)


@dataclass(frozen=True, slots=True)
class ReminderSchedule:
    """ISO weekdays (1 = Monday … 7 = Sunday) and the local time of day to be reminded."""

    days: tuple[int, ...] = ()
    at: time | None = None

    @property
    def active(self) -> bool:
        return bool(self.days) and self.at is not None


@dataclass(frozen=True, slots=True)
class ReminderState:
    """What happened to reminders so far: when one was last handled, and a snooze, if any."""

    handled_at: datetime | None = None
    snoozed_until: datetime | None = None

    def handled(self, now: datetime) -> ReminderState:
        """After a reminder was shown, started or dismissed."""
        return ReminderState(handled_at=now)

    def snoozed(self, now: datetime, minutes: int) -> ReminderState:
        return ReminderState(handled_at=now, snoozed_until=now + timedelta(minutes=minutes))


def _slot(day: date, at: time, tz: tzinfo | None) -> datetime:
    naive = datetime.combine(day, at)
    return naive.replace(tzinfo=tz) if tz is not None else naive.astimezone()


def latest_slot(schedule: ReminderSchedule, now: datetime, tz: tzinfo | None = None) -> datetime | None:
    """The most recent reminder time at or before `now` (within the last week), if any."""
    if not schedule.active or schedule.at is None:
        return None
    today = now.astimezone(tz).date()
    for back in range(8):
        day = today - timedelta(days=back)
        if day.isoweekday() in schedule.days and (slot := _slot(day, schedule.at, tz)) <= now:
            return slot
    return None


def next_slot(schedule: ReminderSchedule, now: datetime, tz: tzinfo | None = None) -> datetime | None:
    """The first reminder time after `now`, if any."""
    if not schedule.active or schedule.at is None:
        return None
    today = now.astimezone(tz).date()
    for ahead in range(8):
        day = today + timedelta(days=ahead)
        if day.isoweekday() in schedule.days and (slot := _slot(day, schedule.at, tz)) > now:
            return slot
    return None


def reminder_due(
    schedule: ReminderSchedule,
    state: ReminderState,
    now: datetime,
    done_days: Collection[date],
    tz: tzinfo | None = None,
) -> bool:
    """Whether to remind now. `done_days`: local dates on which a session counted towards the dose."""
    if not schedule.active or now.astimezone(tz).date() in done_days:
        return False
    snooze = state.snoozed_until
    if snooze is not None:
        if now < snooze:
            return False
        if state.handled_at is None or snooze > state.handled_at:
            return True
    slot = latest_slot(schedule, now, tz)
    if slot is None or slot.astimezone(tz).date() in done_days:
        return False
    return state.handled_at is None or slot > state.handled_at


def next_check(
    schedule: ReminderSchedule, state: ReminderState, now: datetime, tz: tzinfo | None = None
) -> datetime | None:
    """When a reminder could next become due: the next slot or the end of a snooze, whichever is first."""
    times = [t for t in (next_slot(schedule, now, tz), state.snoozed_until) if t is not None and t > now]
    return min(times, default=None)


def dose_days(sessions: list[SessionRecord], tz: tzinfo | None = None) -> set[date]:
    """The local dates on which a session counted towards the dose (see `stats.counts_towards_dose`)."""
    return set(sessions_by_day(sessions, tz))
