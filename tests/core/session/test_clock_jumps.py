"""A wall clock set ahead or back during a session changes no duration and puts no step before its
session; time asleep still counts (issue 25, item 7)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from coach.core.operations import start_session
from coach.core.session.clock import FakeClock
from coach.core.store.adherence import AdherenceStore
from tests.helpers import hold, over, routine

HOUR = 3600.0


def play(fake_clock: FakeClock, store: AdherenceStore, *, jump: float = 0.0, asleep: float = 0.0) -> None:
    """A 2 × 20 s hold session (5 s to get ready, 5 s rest), the clock set by `jump` 15 s in."""
    live = start_session(over(store, fake_clock), routine(hold(sets=2, seconds=20, rest_seconds=5))).value
    live.engine.start()
    fake_clock.advance(15)
    fake_clock.set_wall(jump)
    fake_clock.suspend(asleep)
    for _ in range(100):
        fake_clock.advance(1)
        live.engine.tick()


@pytest.mark.parametrize("jump", [HOUR, -HOUR])
def test_a_clock_set_during_a_session_changes_no_recorded_time(
    fake_clock: FakeClock, store: AdherenceStore, jump: float
) -> None:
    play(fake_clock, store, jump=jump)

    (session,) = store.sessions(include_simulated=True)
    assert session.finished_at is not None
    assert session.finished_at - session.started_at == timedelta(
        seconds=5 + 20 + 5 + 20
    )  # not 1 h 0 min 50 s
    steps = store.step_results([session.id])
    assert len(steps) == 4  # get ready, hold, rest, hold
    for step in steps:
        assert step.started_at is not None
        assert session.started_at <= step.started_at <= step.finished_at <= session.finished_at


def test_time_asleep_during_a_session_still_counts(fake_clock: FakeClock, store: AdherenceStore) -> None:
    play(fake_clock, store, asleep=600)

    (session,) = store.sessions(include_simulated=True)
    assert session.finished_at is not None
    assert session.finished_at - session.started_at == timedelta(seconds=50 + 600)
