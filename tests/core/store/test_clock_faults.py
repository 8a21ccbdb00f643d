"""A wall clock that jumps: no end is stored before its start, and a future time warns nobody for years."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from coach.core.clinical.safety import ICING_REPEAT_WARNING
from coach.core.operations import start_icing
from coach.core.routines.model import plan_steps
from coach.core.session.clock import FakeClock
from coach.core.store.adherence import AdherenceStore
from tests.helpers import hold, over, routine

START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def test_a_clock_set_back_never_stores_a_session_ending_before_it_began(store: AdherenceStore) -> None:
    plan = routine(hold(sets=1))
    session = store.begin_session(plan, plan_steps(plan), START)

    store.finish_session(session, completed=True, finished_at=START - timedelta(hours=1))

    record = store.session(session)
    assert record.finished_at is not None
    assert record.finished_at >= record.started_at


def test_a_clock_set_back_never_stores_icing_ending_before_it_began(store: AdherenceStore) -> None:
    run = store.begin_icing(START, 20)

    store.finish_icing(run, finished=False, finished_at=START - timedelta(hours=1), actual_minutes=3)

    record = store.icing_run(run)
    assert record.finished_at == record.started_at


def test_icing_stored_years_ahead_does_not_warn_today(store: AdherenceStore) -> None:
    ahead = START + timedelta(days=5 * 365)
    run = store.begin_icing(ahead, 20)
    store.finish_icing(run, finished=True, finished_at=ahead + timedelta(minutes=20), actual_minutes=20)
    earlier = store.begin_icing(START - timedelta(hours=1), 10)
    store.finish_icing(earlier, finished=True, finished_at=START - timedelta(minutes=50), actual_minutes=10)

    started = start_icing(over(store, FakeClock(wall=START)), 20).value

    assert store.last_icing_end(START) == START - timedelta(minutes=50)  # the real last one still counts
    assert started.warning == ICING_REPEAT_WARNING
