from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest

from coach.core.history.reminders import (
    ReminderSchedule,
    ReminderState,
    dose_days,
    dose_progress,
    doses_by_day,
    latest_slot,
    next_check,
    next_slot,
    reminder_due,
)
from coach.core.store.adherence import AdherenceStore
from tests.seeding import add_session

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


THREE_A_DAY = ReminderSchedule(
    days=tuple(range(1, 8)), times_per_day=3, waking_from=time(8, 0), waking_until=time(20, 0)
)


def test_three_doses_a_day_spread_across_the_waking_hours() -> None:
    assert THREE_A_DAY.times_of_day() == (time(8, 0), time(14, 0), time(20, 0))
    assert latest_slot(THREE_A_DAY, at(MONDAY, 15), UTC) == at(MONDAY, 14)
    assert next_slot(THREE_A_DAY, at(MONDAY, 15), UTC) == at(MONDAY, 20)
    assert THREE_A_DAY.dose_number(at(MONDAY, 14), UTC) == 2
    assert not ReminderSchedule(days=(1,), times_per_day=2, waking_from=time(9), waking_until=time(9)).active


def test_only_the_doses_not_yet_done_are_reminded() -> None:
    handled_at_8 = ReminderState(handled_at=at(MONDAY, 8, 1))

    def due_at(hour: int, done_today: int) -> bool:
        return reminder_due(THREE_A_DAY, handled_at_8, at(MONDAY, hour), (), UTC, doses={MONDAY: done_today})

    assert due_at(14, 1)  # the second dose, one done
    assert not due_at(14, 2)  # done early: the 14:00 reminder is not needed
    assert not due_at(20, 3)
    assert due_at(20, 2)


def test_a_snoozed_dose_done_meanwhile_is_not_reminded() -> None:
    snoozed = ReminderState(handled_at=at(MONDAY, 14), snoozed_until=at(MONDAY, 14, 30))

    assert reminder_due(THREE_A_DAY, snoozed, at(MONDAY, 14, 31), (), UTC, doses={MONDAY: 1})
    assert not reminder_due(THREE_A_DAY, snoozed, at(MONDAY, 14, 31), (), UTC, doses={MONDAY: 2})


def test_the_dose_a_reminder_is_for_reads_two_of_three() -> None:
    assert dose_progress(1, 3) == "2 of 3 today"
    assert dose_progress(3, 3) == "3 of 3 today"


def test_a_day_is_done_when_all_its_doses_are(store: AdherenceStore) -> None:
    for hour in (8, 14):
        add_session(store, MONDAY, hour=hour)

    assert dose_days(store.sessions(), UTC) == {MONDAY}
    assert dose_days(store.sessions(), UTC, times_per_day=3) == set()
    assert doses_by_day(store.sessions(), UTC) == {MONDAY: 2}
