from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone

from coach.core.stats import current_plan, summarize
from coach.core.store import SessionRecord, SessionStatus

WEDNESDAY = date(2026, 3, 4)


def session(
    day: date,
    *,
    per_week: int = 3,
    status: SessionStatus = SessionStatus.COMPLETED,
    hour: int = 9,
    tz: timezone = UTC,
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
