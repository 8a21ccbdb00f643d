from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from coach.core.routines.model import plan_steps
from coach.core.session.clock import FakeClock
from coach.core.session.recovery import (
    LIVE_WITHIN,
    RESUME_WITHIN,
    plan_recovery,
    resumable,
    why_not_resumable,
)
from coach.core.store.adherence import AdherenceStore
from tests.helpers import reps, routine

PLAN = replace(routine(reps(sets=2, reps=3)), content_hash="v1")


def open_session(store: AdherenceStore, clock: FakeClock, *, simulated: bool = False) -> int:
    return store.begin_session(PLAN, plan_steps(PLAN), clock.wall(), simulated=simulated)


def test_the_newest_real_open_session_is_offered_and_older_ones_closed(
    store: AdherenceStore, fake_clock: FakeClock
) -> None:
    older = open_session(store, fake_clock)
    fake_clock.advance(3600)
    newest = open_session(store, fake_clock)
    fake_clock.advance(60)
    open_session(store, fake_clock, simulated=True)
    running = open_session(store, fake_clock)
    fake_clock.advance(LIVE_WITHIN.total_seconds() - 60)
    opened = store.open_sessions()

    plan = plan_recovery(opened, {s.id: store.last_activity(s.id) for s in opened}, fake_clock.wall())

    assert plan.offer is not None
    assert plan.offer.id == newest
    assert [s.id for s in plan.close] == [older]
    assert running not in [s.id for s in (*plan.close, plan.offer)]


def test_a_recent_session_of_the_same_routine_file_can_be_resumed(
    store: AdherenceStore, fake_clock: FakeClock
) -> None:
    record = store.session(open_session(store, fake_clock))
    fake_clock.advance(600)

    assert why_not_resumable(record, PLAN, fake_clock.wall()) is None
    found = resumable(record, PLAN, [0, 1], fake_clock.wall())
    assert found is not None
    assert found.start_index == 0


def test_a_changed_routine_file_is_not_resumed(store: AdherenceStore, fake_clock: FakeClock) -> None:
    record = store.session(open_session(store, fake_clock))
    edited = replace(PLAN, content_hash="v2")

    assert why_not_resumable(record, edited, fake_clock.wall()) == "its routine file has changed since"
    assert resumable(record, edited, [0], fake_clock.wall()) is None


def test_an_old_or_vanished_session_is_not_resumed(store: AdherenceStore, fake_clock: FakeClock) -> None:
    record = store.session(open_session(store, fake_clock))
    later = fake_clock.wall() + RESUME_WITHIN + timedelta(minutes=1)

    assert why_not_resumable(record, PLAN, later) == "it started too long ago to carry on"
    assert why_not_resumable(record, None, fake_clock.wall()) == "its routine is no longer in your library"
