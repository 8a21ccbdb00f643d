from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from coach.core.history.dose_calendar import dose_calendar, plan_changes, twelve_months_before
from coach.core.history.records import DayMark, DayMarkKind, SessionStatus
from tests.core.history_builders import session_on

TODAY = date(2026, 3, 4)


def test_the_heat_map_covers_twelve_months_each_day_once() -> None:
    days = dose_calendar([], TODAY)

    assert days[0].day == date(2025, 3, 5)
    assert days[-1].day == TODAY
    assert len({d.day for d in days}) == len(days) == 365


def test_a_leap_day_looks_back_to_the_first_of_march() -> None:
    assert twelve_months_before(date(2028, 2, 29)) == date(2027, 3, 1)


def test_a_full_session_fills_a_day_and_half_a_session_half_of_it() -> None:
    full = session_on(TODAY)
    half = session_on(TODAY - timedelta(days=1), done=5)

    by_day = {d.day: d for d in dose_calendar([full, half], TODAY)}

    assert by_day[TODAY].share == 1.0
    assert by_day[TODAY].sessions == (full,)
    assert by_day[TODAY - timedelta(days=1)].share == 0.5
    assert by_day[TODAY - timedelta(days=2)].share == 0.0


def test_a_plan_of_twice_a_day_needs_two_sessions_for_a_full_day() -> None:
    once = session_on(TODAY, per_week=14)

    (today,) = dose_calendar([once], TODAY, first=TODAY)

    assert today.share == 0.5


def test_open_sessions_and_icing_only_routines_add_nothing() -> None:
    sessions = [session_on(TODAY, status=SessionStatus.OPEN), session_on(TODAY, per_week=0)]

    (today,) = dose_calendar(sessions, TODAY, first=TODAY)

    assert today.share == 0.0


def test_marked_days_show_their_kind_and_are_not_planned() -> None:
    sessions = [session_on(TODAY - timedelta(days=10))]
    marks = [
        DayMark(1, DayMarkKind.REST, TODAY - timedelta(days=3), TODAY - timedelta(days=2), "holiday"),
        DayMark(
            2,
            DayMarkKind.FLARE_UP,
            TODAY - timedelta(days=2),
            reason="stairs",
            last_day=TODAY - timedelta(days=2),
        ),
    ]

    days = {d.day: d for d in dose_calendar(sessions, TODAY, marks)}

    assert days[TODAY - timedelta(days=3)].mark is DayMarkKind.REST
    assert days[TODAY - timedelta(days=2)].mark is DayMarkKind.FLARE_UP  # the flare-up says more
    assert not days[TODAY - timedelta(days=3)].planned
    assert days[TODAY - timedelta(days=1)].planned
    assert not days[TODAY - timedelta(days=11)].planned  # before the first session


def test_the_daylight_saving_weekend_is_two_days_in_the_heat_map() -> None:
    london = ZoneInfo("Europe/London")
    saturday, sunday = date(2026, 3, 28), date(2026, 3, 29)
    sessions = [session_on(sunday, hour=0, tz=london), session_on(sunday, hour=23, tz=london)]

    days = dose_calendar(sessions, date(2026, 3, 30), tz=london, first=saturday)

    assert [(d.day, len(d.sessions)) for d in days] == [(saturday, 0), (sunday, 2), (date(2026, 3, 30), 0)]


@given(st.lists(st.tuples(st.integers(0, 20), st.integers(0, 12), st.integers(1, 12), st.integers(1, 14))))
def test_a_days_share_is_always_between_0_and_1(sessions: list[tuple[int, int, int, int]]) -> None:
    records = [
        session_on(TODAY - timedelta(days=d), done=min(done, total), total=total, per_week=plan)
        for d, done, total, plan in sessions
    ]

    days = dose_calendar(records, TODAY, first=TODAY - timedelta(days=20))

    assert all(0.0 <= d.share <= 1.0 for d in days)


def test_a_changed_routine_file_is_marked_on_the_day_its_new_version_was_first_used() -> None:
    sessions = [
        session_on(TODAY - timedelta(days=9), routine_hash="v1"),
        session_on(TODAY - timedelta(days=7), routine_hash="v1"),
        session_on(TODAY - timedelta(days=5), routine_hash="v2"),
        session_on(TODAY - timedelta(days=3), routine_hash="v2"),
        session_on(TODAY - timedelta(days=2), routine_id="other", routine_hash="x"),
    ]

    changes = plan_changes(sessions)

    assert [(c.routine_id, c.version, c.since) for c in changes] == [("r", "v2", TODAY - timedelta(days=5))]
