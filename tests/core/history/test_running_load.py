"""Running beside the exercise dose: each week's minutes, runs and highest pains, and the latest stage."""

from __future__ import annotations

from datetime import UTC, date, datetime

from coach.core.history.running_load import (
    describe_running_week,
    latest_stage,
    running_summary,
    running_weeks,
)
from coach.core.history.stats import WeekDose
from coach.core.running.runs import Run, RunPain, RunSource


def a_run(run_id: int, day: date, minutes: float, pain: RunPain, stage: int | None = None) -> Run:
    start = datetime(day.year, day.month, day.day, 7, tzinfo=UTC)
    return Run(run_id, start, minutes, RunSource.LOGGED, 3.0, None, None, pain, stage, None, None, False)


def test_each_week_adds_its_runs_minutes_and_keeps_the_highest_pain_answered() -> None:
    doses = [WeekDose(date(2026, 3, 2), 3, 3, 3), WeekDose(date(2026, 3, 9), 1, 3, 3)]
    runs = [
        a_run(1, date(2026, 3, 3), 20, RunPain(1, None, 0)),
        a_run(2, date(2026, 3, 5), 25.5, RunPain(3, 2, None)),
        a_run(3, date(2026, 3, 16), 30, RunPain(0, 0, 0)),  # a week not shown
    ]

    first, second = running_weeks(runs, doses, UTC)

    assert (first.minutes, first.runs, first.distance_km, first.sessions) == (45.5, 2, 6.0, 3)
    assert (first.pain_during, first.pain_after_hour, first.pain_next_morning) == (3, 2, 0)
    assert (second.minutes, second.runs, second.distance_km, second.sessions) == (0, 0, None, 1)
    assert (second.pain_during, second.pain_after_hour, second.pain_next_morning) == (None, None, None)
    assert describe_running_week(first) == (
        "Week of 02 Mar: 2 runs, 45.5 min, 6 km, 3 exercise sessions; "
        "pain during at most 3, an hour after at most 2, next morning at most 0"
    )
    assert describe_running_week(second) == "Week of 09 Mar: 0 runs, 1 exercise session"


def test_the_stage_is_the_latest_recorded_one_whatever_came_after() -> None:
    runs = [
        a_run(1, date(2026, 3, 3), 20, RunPain(), stage=2),
        a_run(2, date(2026, 3, 5), 20, RunPain(), stage=3),
        a_run(3, date(2026, 3, 7), 20, RunPain()),  # logged by hand: no stage
    ]

    stage = latest_stage(runs, UTC)

    assert stage is not None
    assert (stage.stage, stage.day) == (3, date(2026, 3, 5))
    assert str(stage) == "stage 4 (last run 05 Mar)"
    assert latest_stage(runs[2:], UTC) is None
    week = running_weeks(runs, [WeekDose(date(2026, 3, 2), 1, 3, 3)], UTC)[0]
    assert running_summary(week, stage) == (
        "This week: 60 min of running, 1 exercise session. "
        "Stage of the return to running: stage 4 (last run 05 Mar)."
    )
