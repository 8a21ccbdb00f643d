"""The per-session work totals (migration m008) give exactly what counting every step row gave."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from bench.generate_history import generate
from coach.core.history import stats
from coach.core.history.completion import exercise_completion
from coach.core.history.dose_calendar import dose_calendar
from coach.core.history.records import DayMark, SessionRecord, marked_days
from coach.core.history.stats import WeekDose, streaks, summarize
from coach.core.history.work import WorkCount
from coach.core.routines.model import plan_steps
from coach.core.store.adherence import AdherenceStore
from tests.helpers import hold, reps, routine

TODAY = date(2026, 3, 4)
T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)

# What history counted before m008, straight from the step rows: the reference the totals must match (with
# the seconds under tension done, m013, summed the same way).
_OLD_DONE = (
    "SELECT s.id, (SELECT COUNT(*) FROM step_results r WHERE r.session_id = s.id AND r.skipped = 0"
    " AND r.kind IN ('rep', 'hold', 'timer')) FROM sessions s"
)
_OLD_WORK_COUNTS = (
    "SELECT session_id, exercise_id, side, SUM(skipped = 0), COUNT(*), SUM(tension_done) FROM step_results"
    " WHERE kind IN ('rep', 'hold', 'timer')"
    " GROUP BY session_id, exercise_id, side ORDER BY session_id, MIN(step_index)"
)


def _old_computation(
    path: Path, sessions: list[SessionRecord]
) -> tuple[list[SessionRecord], list[WorkCount]]:
    with closing(sqlite3.connect(path)) as db:
        done = dict(db.execute(_OLD_DONE).fetchall())
        counts = [
            WorkCount(r[0], r[1], r[2], int(r[3]), int(r[4]), r[5]) for r in db.execute(_OLD_WORK_COUNTS)
        ]
    return [replace(s, steps_completed=done[s.id]) for s in sessions], counts


def _as_before_m008(path: Path) -> None:
    """Make the database what a Rehab Coach without m008 left: no totals table, no record of the step (nor
    of the later m013, which adds to that table: its columns go too)."""
    with closing(sqlite3.connect(path)) as db, db:
        db.execute("DROP TABLE work_totals")
        for table, column in (
            ("step_results", "tension_prescribed"),
            ("step_results", "tension_done"),
            ("planned_work", "tension_seconds"),
        ):
            db.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
        db.execute(
            "DELETE FROM _sqlite_migrations WHERE name IN ('m008_work_totals', 'm013_time_under_tension')"
        )


def test_the_backfilled_totals_match_the_step_rows_on_generated_years(tmp_path: Path) -> None:
    # Given two years of history in London with a week a year in New York (clocks change in both), written
    # by a version before m008
    path = tmp_path / "coach.db"
    generate(path, years=2, today=TODAY)
    _as_before_m008(path)

    # When this version opens it (m008 backfills the totals)
    store = AdherenceStore.open(path)
    try:
        sessions = store.sessions()
        counts = store.work_counts([s.id for s in sessions])
        marks = store.day_marks()
        planned = store.planned_work([s.id for s in sessions])
    finally:
        store.close()

    # Then every figure history shows is what counting the step rows gave
    old_sessions, old_counts = _old_computation(path, sessions)
    assert {s.time_zone for s in sessions} == {"Europe/London", "America/New_York"}
    assert any(s.steps_completed < s.steps_total for s in sessions)  # stopped early, skipped sets
    assert sessions == old_sessions
    assert counts == old_counts
    assert summarize(sessions, TODAY, marks=marks) == summarize(old_sessions, TODAY, marks=marks)
    assert dose_calendar(sessions, TODAY, marks) == dose_calendar(old_sessions, TODAY, marks)
    assert streaks(sessions, TODAY, marks) == streaks(old_sessions, TODAY, marks)
    assert exercise_completion(planned, counts) == exercise_completion(planned, old_counts)


def test_totals_follow_each_recorded_step_skips_and_redos_included(
    store: AdherenceStore, tmp_path: Path
) -> None:
    # Given a session with sides, a hold without sides, a skipped rep, and a skipped hold done again
    plan = routine(reps(sets=2, reps=2, sides=("left", "right")), hold(sets=2))
    steps = plan_steps(plan)
    work = [s for s in steps if s.kind.is_work]
    session = store.begin_session(plan, steps, T0)
    other = store.begin_session(plan, steps, T0 + timedelta(hours=1))

    # When the steps are recorded one by one, as the engine does
    for step in steps:
        store.record_step(session, step, T0, T0, skipped=step is work[1] or step is work[-1])
    store.record_step(session, work[-1], T0, T0 + timedelta(seconds=40), skipped=False)  # done after "back"
    store.record_step(other, work[0], T0, T0, skipped=False)

    # Then the totals say what the step rows say
    sessions = store.sessions()
    old_sessions, old_counts = _old_computation(tmp_path / "store" / "coach.db", sessions)
    assert [s.steps_completed for s in sessions] == [len(work) - 1, 1]
    assert sessions == old_sessions
    assert store.work_counts([session, other]) == old_counts


def _weekly_doses_walking_every_session(
    sessions: list[SessionRecord], first: date, last: date, marks: list[DayMark]
) -> list[WeekDose]:
    """The weekly doses as computed before DoseDays: every session walked again for each figure."""
    by_day = stats.sessions_by_day(sessions)
    plans = stats.plans_by_week(sessions)
    marked = marked_days(marks)
    start = stats.first_planned_day(sessions) or last + timedelta(days=1)
    earlier = [monday for monday in plans if monday < stats.week_start(first)]
    plan = plans[max(earlier)] if earlier else 0
    weeks: list[WeekDose] = []
    monday = stats.week_start(first)
    while monday <= last:
        plan = plans.get(monday, plan)
        days = [d for d in stats.days_between(monday, monday + timedelta(days=6)) if first <= d <= last]
        open_days = sum(1 for d in days if d not in marked and d >= start)
        done = sum(by_day.get(d, 0) for d in days)
        marked_count = sum(1 for d in days if d in marked)
        weeks.append(WeekDose(monday, done, stats.planned_sessions(plan, open_days), plan, marked_count))
        monday += timedelta(weeks=1)
    return weeks


def test_the_per_day_counts_give_what_walking_every_session_gave(tmp_path: Path) -> None:
    # Given two years of generated history (plan changes, rests, flare-ups, two time zones)
    path = tmp_path / "coach.db"
    generate(path, years=2, today=TODAY)
    store = AdherenceStore.open(path)
    try:
        sessions, marks = store.sessions(), store.day_marks()
    finally:
        store.close()

    # When the figures come from the sessions counted once per day
    days = stats.DoseDays.of(sessions)

    # Then they are what walking every session gave, over every span the history shows
    assert days.by_day == stats.sessions_by_day(sessions)
    assert days.first_day == stats.first_planned_day(sessions)
    first = days.first_day
    assert first is not None
    spans = [(first, TODAY), (TODAY - timedelta(days=27), TODAY), (first - timedelta(days=9), first)]
    for start, end in spans:
        expected = _weekly_doses_walking_every_session(sessions, start, end, marks)
        assert stats.doses_by_week(days, start, end, marked_days(marks)) == expected
    old_weeks = _weekly_doses_walking_every_session(sessions, first, TODAY + timedelta(days=6), marks)
    old_longest = stats.week_streaks(old_weeks, TODAY)[1]
    assert stats.streaks_of(days, TODAY, marked_days(marks)).longest_weeks == old_longest > 0
    assert stats.adherence_percent(old_weeks[-5:-1]) is not None
