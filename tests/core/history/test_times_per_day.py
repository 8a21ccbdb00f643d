"""A sheet's "3 times a day" is counted per day: each dose a third of the day, in the calendar and history."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from coach.core.history.dose_calendar import dose_calendar
from coach.core.history.stats import summarize
from coach.core.operations import run_instant_session
from coach.core.routines.loader import load_routine
from coach.core.store.adherence import AdherenceStore
from tests.conftest import REPO
from tests.helpers import over

SHEET = REPO / "tests" / "data" / "sheets" / "trial-home-programme.toml"
MONDAY = datetime(2026, 3, 2, 20, 0, tzinfo=UTC)


def test_three_doses_a_day_fill_the_day_a_third_at_a_time(store: AdherenceStore) -> None:
    routine = load_routine(SHEET, REPO / "assets")
    for hours in (12, 6, 0):
        run_instant_session(over(store), routine, now=MONDAY - timedelta(hours=hours))
    sessions = store.sessions(include_simulated=True)

    per_day = [
        dose_calendar(sessions[:n], MONDAY.date(), tz=UTC, first=MONDAY.date())[0].share for n in (1, 2, 3)
    ]

    assert per_day == [1 / 3, 2 / 3, 1.0]


def test_this_weeks_plan_is_days_times_doses(store: AdherenceStore) -> None:
    routine = load_routine(SHEET, REPO / "assets")
    run_instant_session(over(store), routine, now=MONDAY)

    summary = summarize(store.sessions(include_simulated=True), MONDAY.date(), UTC)

    assert summary.sessions_per_week == 21
    assert summary.this_week_sessions == 1
