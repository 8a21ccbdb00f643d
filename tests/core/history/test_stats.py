from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.core.history.records import DayMark, DayMarkKind, SessionRecord, SessionStatus
from coach.core.history.stats import (
    StreakFigure,
    Summary,
    adherence_between,
    adherence_percent,
    current_plan,
    describe_streak,
    describe_summary,
    icing_count,
    planned_sessions,
    sessions_by_day,
    streaks,
    summarize,
    weekly_doses,
)
from coach.core.routines.model import plan_steps
from coach.core.store.adherence import AdherenceStore
from tests.helpers import hold, routine

WEDNESDAY = date(2026, 3, 4)


def session(
    day: date,
    *,
    per_week: int = 3,
    status: SessionStatus = SessionStatus.COMPLETED,
    hour: int = 9,
    tz: timezone | ZoneInfo = UTC,
) -> SessionRecord:
    started = datetime(day.year, day.month, day.day, hour, tzinfo=tz)
    return SessionRecord(
        id=0,
        routine_id="r",
        routine_title="R",
        routine_path="",
        sessions_per_week=per_week,
        started_at=started,
        finished_at=started + timedelta(minutes=20),
        status=status,
        steps_total=10,
        steps_completed=10,
        simulated=False,
        pain=None,
        note="",
    )


def days_before(n: int) -> date:
    return WEDNESDAY - timedelta(days=n)


def test_no_sessions_means_nothing_to_show() -> None:
    summary = summarize([], WEDNESDAY, UTC)

    assert (summary.streak_days, summary.streak_weeks, summary.this_week_sessions) == (0, 0, 0)
    assert summary.adherence_4_weeks is None


def test_day_streak_counts_back_from_today() -> None:
    sessions = [session(days_before(n)) for n in (0, 1, 2, 4)]

    assert summarize(sessions, WEDNESDAY, UTC).streak_days == 3


def test_day_streak_waits_for_today() -> None:
    sessions = [session(days_before(n)) for n in (1, 2)]

    assert summarize(sessions, WEDNESDAY, UTC).streak_days == 2


def test_unfinished_sessions_do_not_count() -> None:
    summary = summarize([session(WEDNESDAY, status=SessionStatus.OPEN)], WEDNESDAY, UTC)

    assert (summary.streak_days, summary.this_week_sessions, summary.sessions_completed) == (0, 0, 0)


def test_a_session_counts_when_at_least_half_its_work_was_done() -> None:
    skipped_through = replace(session(WEDNESDAY), steps_completed=0)
    mostly_done_then_stopped = replace(session(WEDNESDAY, status=SessionStatus.STOPPED), steps_completed=6)
    barely_started = replace(session(WEDNESDAY, status=SessionStatus.STOPPED), steps_completed=4)

    summary = summarize([skipped_through, mostly_done_then_stopped, barely_started], WEDNESDAY, UTC)

    assert summary.this_week_sessions == 1


def test_icing_only_routines_are_not_part_of_the_dose() -> None:
    summary = summarize([session(WEDNESDAY, per_week=0)], WEDNESDAY, UTC)

    assert summary.this_week_sessions == 0


def test_this_week_against_the_plan() -> None:
    sessions = [session(date(2026, 3, 2)), session(date(2026, 3, 3)), session(date(2026, 2, 27))]

    summary = summarize(sessions, WEDNESDAY, UTC)

    assert (summary.this_week_sessions, summary.sessions_per_week) == (2, 3)


def test_week_streak_counts_weeks_that_met_the_plan() -> None:
    met = [
        date(2026, 2, 16),
        date(2026, 2, 18),
        date(2026, 2, 20),  # week of 16 Feb: 3
        date(2026, 2, 23),
        date(2026, 2, 25),
        date(2026, 2, 27),
    ]  # week of 23 Feb: 3
    short = [date(2026, 2, 9)]  # week of 9 Feb: 1
    sessions = [session(d) for d in met + short + [date(2026, 3, 2)]]

    assert summarize(sessions, WEDNESDAY, UTC).streak_weeks == 2


def test_adherence_over_four_weeks_is_capped_at_one() -> None:
    sessions = [session(days_before(n)) for n in range(0, 28, 2)]  # 14 sessions in 4 weeks, plan 12

    assert summarize(sessions, WEDNESDAY, UTC).adherence_4_weeks == 1.0


def test_adherence_share_of_planned_sessions() -> None:
    sessions = [session(days_before(n)) for n in (0, 3, 7, 10, 14, 27)] + [session(days_before(28))]

    assert summarize(sessions, WEDNESDAY, UTC).adherence_4_weeks == 6 / 12


def test_days_are_local_days() -> None:
    # 23:00 UTC on Tuesday is already 01:00 on Wednesday in Helsinki (UTC+2)
    helsinki = timezone(timedelta(hours=2))
    late = session(date(2026, 3, 3), hour=23)
    thursday = date(2026, 3, 5)

    assert summarize([late], thursday, helsinki).streak_days == 1
    assert summarize([late], thursday, UTC).streak_days == 0


def test_the_plan_is_the_most_recent_routines_plan() -> None:
    sessions = [session(days_before(10), per_week=5), session(days_before(1), per_week=3)]

    assert current_plan(sessions) == 3


# -- local days across time zones ---------------------------------------------------------------------

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")


def session_at(local: datetime, *, per_week: int = 3, pain: int | None = None) -> SessionRecord:
    """A session that started at the zone-aware local time `local`, stored as the store keeps it."""
    offset = local.utcoffset()
    assert offset is not None
    record = session(local.date(), per_week=per_week)
    started = local.astimezone(UTC)
    return replace(
        record,
        started_at=started,
        finished_at=started + timedelta(minutes=20),
        utc_offset_minutes=int(offset.total_seconds() // 60),
        pain=pain,
    )


def test_the_spring_daylight_saving_day_is_one_day() -> None:
    # London skipped 01:00-02:00 on 29 March 2026: the day is 23 hours long, and still one day
    sessions = [
        session_at(datetime(2026, 3, 29, 0, 30, tzinfo=LONDON)),
        session_at(datetime(2026, 3, 29, 23, 30, tzinfo=LONDON)),
    ]

    assert sessions_by_day(sessions, UTC) == {date(2026, 3, 29): 2}


def test_the_autumn_hour_that_happens_twice_stays_on_its_day() -> None:
    first = session_at(datetime(2026, 10, 25, 1, 30, tzinfo=LONDON))
    second = session_at(datetime(2026, 10, 25, 1, 30, fold=1, tzinfo=LONDON))

    assert second.started_at - first.started_at == timedelta(hours=1)
    assert sessions_by_day([first, second], UTC) == {date(2026, 10, 25): 2}


def test_a_trip_east_does_not_move_a_session_to_the_next_day() -> None:
    # Monday 22:00 in New York is already Tuesday 03:00 in London, where the person is now
    monday_in_new_york = session_at(datetime(2026, 6, 1, 22, 0, tzinfo=NEW_YORK))
    tuesday_home = session_at(datetime(2026, 6, 2, 9, 0, tzinfo=LONDON))
    tuesday = date(2026, 6, 2)

    by_day = sessions_by_day([monday_in_new_york, tuesday_home], LONDON)

    assert by_day == {date(2026, 6, 1): 1, tuesday: 1}
    assert summarize([monday_in_new_york, tuesday_home], tuesday, LONDON).streak_days == 2


def test_a_trip_west_does_not_invent_a_day() -> None:
    # Monday 20:00 in London, then Monday 21:00 in New York (Tuesday 02:00 in London): both on Monday
    sessions = [
        session_at(datetime(2026, 6, 1, 20, 0, tzinfo=LONDON)),
        session_at(datetime(2026, 6, 1, 21, 0, tzinfo=NEW_YORK)),
    ]

    assert sessions_by_day(sessions, LONDON) == {date(2026, 6, 1): 2}


def test_sessions_stored_with_their_zone_keep_their_day(tmp_path: Path) -> None:
    store = AdherenceStore.open(tmp_path / "coach.db")
    plan = routine(hold(sets=1))
    steps = plan_steps(plan)
    for moment, zone in (
        (datetime(2026, 6, 2, 2, 0, tzinfo=UTC), NEW_YORK),
        (datetime(2026, 6, 2, 8, 0, tzinfo=UTC), LONDON),
    ):
        session_id = store.begin_session(plan, steps, moment, zone=zone)
        store.record_step(session_id, steps[1], moment, moment, skipped=False)
        store.finish_session(session_id, completed=True, finished_at=moment)
    sessions = store.sessions()
    store.close()

    assert sessions_by_day(sessions, ZoneInfo("Asia/Tokyo")) == {date(2026, 6, 1): 1, date(2026, 6, 2): 1}


# -- weeks, plans and marked days ---------------------------------------------------------------------

MONDAY = date(2026, 3, 2)


def mark(kind: DayMarkKind, first: date, last: date | None = None) -> DayMark:
    return DayMark(0, kind, first, last or first)


def test_marked_days_shrink_the_weeks_plan_pro_rata() -> None:
    sessions = [session(date(2026, 2, 23))]  # the plan starts before this week
    one_day = weekly_doses(
        sessions, MONDAY, MONDAY + timedelta(days=6), [mark(DayMarkKind.REST, MONDAY)], UTC
    )
    weekend = weekly_doses(
        sessions,
        MONDAY,
        MONDAY + timedelta(days=6),
        [mark(DayMarkKind.REST, date(2026, 3, 7), date(2026, 3, 8))],
        UTC,
    )
    whole = weekly_doses(
        sessions,
        MONDAY,
        MONDAY + timedelta(days=6),
        [mark(DayMarkKind.FLARE_UP, MONDAY, date(2026, 3, 8))],
        UTC,
    )

    assert [(w.planned, w.marked_days) for w in one_day + weekend + whole] == [(3, 1), (2, 2), (0, 7)]


@pytest.mark.parametrize(("marked", "planned"), [(0, 7), (1, 6), (3, 4), (7, 0)])
def test_with_a_daily_plan_each_marked_day_takes_one_session_off(marked: int, planned: int) -> None:
    assert planned_sessions(7, 7 - marked) == planned


def test_nothing_is_planned_before_the_first_session() -> None:
    thursday = date(2026, 3, 5)
    sessions = [session(thursday), session(date(2026, 3, 7))]

    (week,) = weekly_doses(sessions, MONDAY, MONDAY + timedelta(days=6), (), UTC)

    assert (week.plan, week.planned, week.done, week.met) == (3, 2, 2, True)


def test_adherence_caps_each_week_at_its_plan() -> None:
    busy_week = [session(MONDAY + timedelta(days=n)) for n in range(7)]  # 7 done, 3 planned
    idle_week: list[SessionRecord] = []  # 0 done, 3 planned

    percent = adherence_between(busy_week + idle_week, MONDAY, MONDAY + timedelta(days=13), (), UTC)

    assert percent == 50.0


def test_adherence_leaves_marked_days_out_of_the_plan() -> None:
    first_week = [session(MONDAY), session(MONDAY + timedelta(days=2)), session(MONDAY + timedelta(days=4))]
    holiday = mark(DayMarkKind.REST, MONDAY + timedelta(days=7), MONDAY + timedelta(days=13))

    assert adherence_between(first_week, MONDAY, MONDAY + timedelta(days=13), [holiday], UTC) == 100.0
    assert adherence_between(first_week, MONDAY, MONDAY + timedelta(days=13), [], UTC) == 50.0


def test_adherence_uses_each_weeks_own_plan() -> None:
    gentle = [session(MONDAY + timedelta(days=n), per_week=5) for n in range(5)]
    hip = [session(MONDAY + timedelta(days=7 + n), per_week=3) for n in (0, 2)]

    weeks = weekly_doses(gentle + hip, MONDAY, MONDAY + timedelta(days=13), (), UTC)

    assert [(w.plan, w.done) for w in weeks] == [(5, 5), (3, 2)]
    assert adherence_percent(weeks) == 100 * 7 / 8


def test_a_rest_week_does_not_break_the_week_streak() -> None:
    met = [session(d) for d in (date(2026, 2, 9), date(2026, 2, 11), date(2026, 2, 13))]
    met += [session(d) for d in (date(2026, 2, 23), date(2026, 2, 25), date(2026, 2, 27))]
    holiday = mark(DayMarkKind.REST, date(2026, 2, 16), date(2026, 2, 22))

    with_mark = streaks(met, WEDNESDAY, [holiday], UTC)
    without = streaks(met, WEDNESDAY, [], UTC)

    assert (with_mark.current_weeks, with_mark.longest_weeks) == (2, 2)
    assert (without.current_weeks, without.longest_weeks) == (1, 1)


def test_a_flare_up_day_does_not_break_the_day_streak() -> None:
    days = [days_before(n) for n in (0, 1, 3, 4)]
    flare = mark(DayMarkKind.FLARE_UP, days_before(2))

    run = streaks([session(d, per_week=7) for d in days], WEDNESDAY, [flare], UTC)

    assert (run.current_days, run.longest_days) == (4, 4)
    assert streaks([session(d, per_week=7) for d in days], WEDNESDAY, [], UTC).current_days == 2


def test_the_longest_streak_outlives_a_broken_one() -> None:
    long_ago = [date(2026, 1, 5) + timedelta(days=n) for n in range(0, 28, 2)]  # 4 weeks of 3+ sessions
    lately = [date(2026, 2, 23), date(2026, 2, 25), date(2026, 2, 27)]

    run = streaks([session(d) for d in long_ago + lately], WEDNESDAY, [], UTC)

    assert (run.current_weeks, run.longest_weeks) == (1, 4)
    assert (run.current_days, run.longest_days) == (0, 1)
    assert summarize([session(d) for d in long_ago + lately], WEDNESDAY, UTC).longest_streak_weeks == 4


def test_this_week_under_way_neither_counts_nor_breaks_the_streak() -> None:
    last_week = [session(d) for d in (date(2026, 2, 23), date(2026, 2, 25), date(2026, 2, 27))]

    assert streaks([*last_week, session(MONDAY)], WEDNESDAY, [], UTC).current_weeks == 1
    done_early = [session(MONDAY + timedelta(days=n)) for n in range(3)]
    assert streaks(last_week + done_early, WEDNESDAY, [], UTC).current_weeks == 2


def test_icing_is_counted_on_local_days() -> None:
    starts = [datetime(2026, 3, 1, 23, 30, tzinfo=UTC), datetime(2026, 3, 2, 12, 0, tzinfo=UTC)]

    assert icing_count(starts) == 2
    assert icing_count(starts, first=MONDAY, last=MONDAY, tz=UTC) == 1
    assert icing_count(starts, first=MONDAY, last=MONDAY, tz=ZoneInfo("Europe/Helsinki")) == 2


@given(
    st.lists(st.tuples(st.integers(0, 60), st.integers(1, 14), st.integers(0, 10)), max_size=40),
    st.lists(st.tuples(st.integers(0, 60), st.integers(0, 10)), max_size=5),
)
def test_adherence_is_always_between_0_and_100(
    done: list[tuple[int, int, int]], rests: list[tuple[int, int]]
) -> None:
    start = date(2026, 1, 1)
    sessions = [
        replace(session(start + timedelta(days=d), per_week=plan), steps_completed=steps)
        for d, plan, steps in done
    ]
    marks = [
        mark(DayMarkKind.REST, start + timedelta(days=d), start + timedelta(days=d + n)) for d, n in rests
    ]

    percent = adherence_between(sessions, start, start + timedelta(days=60), marks, UTC)

    assert percent is None or 0.0 <= percent <= 100.0


def test_the_summary_line_counts_weeks_on_a_plan_and_days_without_one() -> None:
    on_plan = Summary(
        streak_days=4,
        streak_weeks=1,
        this_week_sessions=2,
        sessions_per_week=3,
        adherence_4_weeks=0.5,
        sessions_completed=5,
        this_week_planned=3,
    )
    no_plan = replace(on_plan, sessions_per_week=0)
    daily = replace(on_plan, sessions_per_week=7, this_week_planned=7)

    assert describe_summary(on_plan) == "This week: 2 of 3 sessions · streak: 1 week"
    assert describe_summary(no_plan) == "This week: 2 sessions · streak: 4 days"
    assert describe_summary(daily) == "This week: 2 of 7 sessions · streak: 4 days"


def test_a_first_session_on_a_sunday_is_planned_and_met_in_every_view() -> None:
    sunday = date(2026, 3, 8)
    sessions = [session(sunday)]

    summary = summarize(sessions, sunday, UTC)
    [week] = weekly_doses(sessions, date(2026, 3, 2), sunday, (), UTC)

    assert (summary.this_week_sessions, summary.this_week_planned) == (1, 1)
    assert (week.done, week.planned, week.met) == (1, 1, True)
    assert summary.adherence_4_weeks == 1.0
    assert describe_summary(summary) == "This week: 1 of 1 sessions · streak: 1 week"


def test_a_week_plans_from_the_first_session_to_sunday() -> None:
    wednesday = date(2026, 3, 4)

    summary = summarize([session(wednesday)], wednesday, UTC)

    assert summary.this_week_planned == 2  # 3 a week over Wednesday to Sunday, 5 of 7 days


@pytest.mark.parametrize(
    ("plan", "open_days", "planned"), [(3, 7, 3), (3, 1, 1), (3, 0, 0), (7, 1, 1), (0, 7, 0), (3, 2, 1)]
)
def test_a_week_with_an_open_day_plans_at_least_one_session(plan: int, open_days: int, planned: int) -> None:
    assert planned_sessions(plan, open_days) == planned


def test_a_daily_plan_tells_its_streak_in_days_everywhere() -> None:
    days = [WEDNESDAY - timedelta(days=n) for n in range(10)]
    sessions = [session(day, per_week=7) for day in days]

    summary = summarize(sessions, WEDNESDAY, UTC)

    assert summary.streak == StreakFigure("day", 10, 10)
    assert describe_summary(summary).endswith("streak: 10 days")
    assert describe_streak(summary.streak) == "10 days in a row on plan · longest 10 days"
