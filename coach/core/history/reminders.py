"""Daily reminders: whether one is due now and when to look again. Pure functions over plain values.

The person picks weekdays and a time ("slots"). A reminder is due when the latest slot has not been
handled yet (shown, snoozed, started or dismissed) and that day's dose is not done; a snooze brings it
back at the snooze's end. Only the latest slot counts, so a laptop that was off or asleep for days shows
one reminder when it wakes, not one per missed day.

Micro-doses: for a routine due several times a day (`times_per_day` in format 2), the day's doses are spread
evenly across the waking hours the person sets, first at waking, last at bedtime (ours); each slot reminds
only while that dose is not yet done ("2 of 3 today").
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from coach.core.history.records import SessionRecord
from coach.core.history.stats import sessions_by_day
from coach.core.i18n import _

SNOOZE_MINUTES = (10, 30, 60)
# Waking hours when the person has not set them (ours): doses of a several-times-a-day routine go between.
WAKING_FROM = time(8, 0)
WAKING_UNTIL = time(20, 0)


@dataclass(frozen=True, slots=True)
class ReminderSchedule:
    """ISO weekdays (1 = Monday … 7 = Sunday) and the local time of day to be reminded; for a routine due
    `times_per_day` times, the doses spread over the waking hours instead of the one time."""

    days: tuple[int, ...] = ()
    at: time | None = None
    times_per_day: int = 1
    waking_from: time = WAKING_FROM
    waking_until: time = WAKING_UNTIL

    @property
    def active(self) -> bool:
        return bool(self.days) and bool(self.times_of_day())

    def times_of_day(self) -> tuple[time, ...]:
        """The local times of the day's reminders: the one time, or each dose's time across waking hours."""
        if self.times_per_day <= 1:
            return () if self.at is None else (self.at,)
        start = self.waking_from.hour * 60 + self.waking_from.minute
        end = self.waking_until.hour * 60 + self.waking_until.minute
        if end <= start:
            return ()
        step = (end - start) / (self.times_per_day - 1)
        minutes = [round(start + n * step) for n in range(self.times_per_day)]
        return tuple(time(m // 60, m % 60) for m in minutes)

    def dose_number(self, slot: datetime, tz: tzinfo | None = None) -> int:
        """Which of the day's doses a reminder time is for (1 = the first); 1 for a once-a-day schedule."""
        local = slot.astimezone(tz).time().replace(second=0, microsecond=0)
        times = self.times_of_day()
        return times.index(local) + 1 if local in times else 1


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
    today = now.astimezone(tz).date()
    for back in range(8):
        day = today - timedelta(days=back)
        if day.isoweekday() in schedule.days:
            slots = [s for at in schedule.times_of_day() if (s := _slot(day, at, tz)) <= now]
            if slots:
                return max(slots)
    return None


def next_slot(schedule: ReminderSchedule, now: datetime, tz: tzinfo | None = None) -> datetime | None:
    """The first reminder time after `now`, if any."""
    today = now.astimezone(tz).date()
    for ahead in range(8):
        day = today + timedelta(days=ahead)
        if day.isoweekday() in schedule.days:
            slots = [s for at in schedule.times_of_day() if (s := _slot(day, at, tz)) > now]
            if slots:
                return min(slots)
    return None


def reminder_due(
    schedule: ReminderSchedule,
    state: ReminderState,
    now: datetime,
    done_days: Collection[date],
    tz: tzinfo | None = None,
    *,
    doses: Mapping[date, int] | None = None,
) -> bool:
    """Whether to remind now. `done_days`: local dates whose whole dose was done; `doses`: how many
    sessions counted on each local date, so that a dose already done is not reminded."""
    if not schedule.active or now.astimezone(tz).date() in done_days:
        return False
    slot = latest_slot(schedule, now, tz)
    done_today = 0 if slot is None or doses is None else doses.get(slot.astimezone(tz).date(), 0)
    if slot is not None and doses is not None and done_today >= schedule.dose_number(slot, tz):
        return False  # this dose is done (a snooze of it is dropped too)
    snooze = state.snoozed_until
    if snooze is not None:
        if now < snooze:
            return False
        if state.handled_at is None or snooze > state.handled_at:
            return True
    if slot is None or slot.astimezone(tz).date() in done_days:
        return False
    return state.handled_at is None or slot > state.handled_at


def next_check(
    schedule: ReminderSchedule, state: ReminderState, now: datetime, tz: tzinfo | None = None
) -> datetime | None:
    """When a reminder could next become due: the next slot or the end of a snooze, whichever is first."""
    times = [t for t in (next_slot(schedule, now, tz), state.snoozed_until) if t is not None and t > now]
    return min(times, default=None)


def dose_days(sessions: list[SessionRecord], tz: tzinfo | None = None, times_per_day: int = 1) -> set[date]:
    """The local dates whose dose was done: `times_per_day` sessions that counted (`stats.dose_sessions`)."""
    return {day for day, done in sessions_by_day(sessions, tz).items() if done >= times_per_day}


def doses_by_day(sessions: list[SessionRecord], tz: tzinfo | None = None) -> dict[date, int]:
    """How many sessions counted towards the dose on each local date."""
    return sessions_by_day(sessions, tz)


def dose_progress(done: int, times_per_day: int) -> str:
    """'2 of 3 today': the dose a reminder is for, counting those done."""
    return _("{number} of {times} today").format(number=min(done + 1, times_per_day), times=times_per_day)
