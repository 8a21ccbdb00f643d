from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest

from coach.core.history.reminders import (
    ReminderSchedule,
    ReminderState,
    latest_slot,
    next_check,
    next_slot,
    reminder_due,
)

MONDAY = date(2026, 3, 2)
WEEKDAYS_AT_6PM = ReminderSchedule(days=(1, 2, 3, 4, 5), at=time(18, 0))


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


def day(offset: int) -> date:
    return MONDAY + timedelta(days=offset)


NEVER = ReminderState()


def due(now: datetime, state: ReminderState = NEVER, done: frozenset[date] = frozenset()) -> bool:
    return reminder_due(WEEKDAYS_AT_6PM, state, now, done, UTC)


def test_a_reminder_is_due_from_its_time_on_a_chosen_day() -> None:
    handled = ReminderState(handled_at=at(MONDAY, 9))

    assert not due(at(MONDAY, 17, 59), handled)
    assert due(at(MONDAY, 18, 0), handled)
    assert next_check(WEEKDAYS_AT_6PM, handled, at(MONDAY, 9), UTC) == at(MONDAY, 18)


def test_once_handled_it_waits_for_the_next_chosen_day() -> None:
    handled = ReminderState().handled(at(day(4), 18, 1))  # Friday

    assert not due(at(day(4), 23), handled)
    assert not due(at(day(6), 19), handled), "Sunday is not chosen"
    assert next_check(WEEKDAYS_AT_6PM, handled, at(day(4), 18, 1), UTC) == at(day(7), 18)


def test_no_reminder_when_todays_dose_is_done() -> None:
    assert not due(at(MONDAY, 18), ReminderState(at(MONDAY, 9)), frozenset({MONDAY}))


def test_no_reminder_the_next_morning_for_a_day_whose_dose_was_done() -> None:
    handled = ReminderState(handled_at=at(MONDAY, 9))

    assert not due(at(day(1), 8), handled, frozenset({MONDAY}))


def test_a_multi_day_sleep_shows_one_reminder_on_waking() -> None:
    state = ReminderState().handled(at(MONDAY, 18, 5))
    waking = at(day(4), 9)  # Friday morning; Tuesday to Thursday were missed

    assert latest_slot(WEEKDAYS_AT_6PM, waking, UTC) == at(day(3), 18)
    assert due(waking, state)

    state = state.handled(waking)
    assert not due(waking + timedelta(minutes=1), state)
    assert not due(at(day(4), 17, 59), state)
    assert due(at(day(4), 18), state), "that day's own reminder still comes"


def test_a_snooze_brings_it_back_once_at_its_end() -> None:
    shown = at(MONDAY, 18)
    state = ReminderState().snoozed(shown, 30)

    assert not due(shown + timedelta(minutes=29), state)
    assert next_check(WEEKDAYS_AT_6PM, state, shown, UTC) == shown + timedelta(minutes=30)
    assert due(shown + timedelta(minutes=30), state)
    assert due(shown + timedelta(hours=5), state), "a snooze that ended during a sleep shows on waking"

    state = state.handled(shown + timedelta(minutes=31))
    assert not due(shown + timedelta(minutes=32), state)


def test_a_snooze_is_dropped_once_the_dose_is_done() -> None:
    state = ReminderState().snoozed(at(MONDAY, 18), 10)

    assert not due(at(MONDAY, 18, 15), state, frozenset({MONDAY}))


def test_no_days_or_no_time_means_no_reminders() -> None:
    for schedule in (ReminderSchedule(), ReminderSchedule(days=(1,)), ReminderSchedule(at=time(18))):
        assert not reminder_due(schedule, ReminderState(), at(MONDAY, 19), frozenset(), UTC)
        assert next_check(schedule, ReminderState(), at(MONDAY, 19), UTC) is None


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (at(MONDAY, 16, 59), at(MONDAY, 17)),  # 18:00 at UTC+1 is 17:00 UTC
        (at(MONDAY, 17), at(day(2), 17)),  # Wednesday is next
    ],
)
def test_the_reminder_time_is_local(now: datetime, expected: datetime) -> None:
    schedule = ReminderSchedule(days=(1, 3), at=time(18))
    plus_one = timezone(timedelta(hours=1))

    assert next_slot(schedule, now, plus_one) == expected
