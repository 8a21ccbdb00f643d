"""An icing step of a routine runs as an icing run: recorded, linked to its session, one timer at a time."""

from __future__ import annotations

from datetime import timedelta

import pytest

from coach.core.clinical.safety import ICING_REPEAT_WARNING, ICING_START_ADVICE
from coach.core.history.records import IcingStatus
from coach.core.operations import finish_icing, icing_now, start_icing, start_session
from coach.core.operations.sessions import LiveSession, run_instant_session
from coach.core.routines.model import GET_READY_SECONDS, StepKind
from coach.core.session.clock import FakeClock
from coach.core.session.engine import EngineState
from coach.core.store.adherence import AdherenceStore
from tests.helpers import hold, over, routine, timer

EXERCISE_THEN_ICE = routine(hold(sets=1, seconds=30), timer(minutes=10))


def test_an_icing_step_is_an_icing_run_of_its_session(store: AdherenceStore, fake_clock: FakeClock) -> None:
    live = start_session(over(store, fake_clock), EXERCISE_THEN_ICE).value
    live.engine.start()
    fake_clock.advance(GET_READY_SECONDS + 30 + GET_READY_SECONDS)
    live.engine.tick()

    assert live.engine.current_step.kind is StepKind.TIMER
    (run,) = store.icing_runs()
    assert (run.status, run.planned_minutes, run.session_id) == (IcingStatus.OPEN, 10, live.session_id)
    assert icing_now(over(store, now=fake_clock.wall())).minutes_left == 10  # `coach ice --status` sees it
    assert ICING_START_ADVICE in live.icing.advice(live.engine.current_step)

    fake_clock.advance(10 * 60)
    live.engine.tick()

    (run,) = store.icing_runs()
    assert (run.status, run.actual_minutes) == (IcingStatus.FINISHED, 10)
    assert not icing_now(over(store, now=fake_clock.wall())).running


def test_skipping_the_icing_step_records_it_as_stopped(store: AdherenceStore, fake_clock: FakeClock) -> None:
    live = start_session(over(store, fake_clock), EXERCISE_THEN_ICE).value
    live.engine.start()
    while not live.engine.current_step.icing:
        live.engine.skip()
    fake_clock.advance(3 * 60)

    live.engine.skip()

    (run,) = store.icing_runs()
    assert (run.status, run.actual_minutes) == (IcingStatus.STOPPED, 3)


def test_stopping_the_session_during_icing_closes_the_run(
    store: AdherenceStore, fake_clock: FakeClock
) -> None:
    live = start_session(over(store, fake_clock), EXERCISE_THEN_ICE).value
    live.engine.start()
    while not live.engine.current_step.icing:
        live.engine.skip()

    live.engine.stop()

    (run,) = store.icing_runs()
    assert run.status is IcingStatus.STOPPED


def test_a_timer_already_running_is_joined_not_started_twice(
    store: AdherenceStore, fake_clock: FakeClock
) -> None:
    first = start_icing(over(store, fake_clock), 20).value
    fake_clock.advance(4 * 60)
    live = start_session(over(store, fake_clock), EXERCISE_THEN_ICE).value
    live.engine.start()
    while not live.engine.current_step.icing:
        live.engine.skip()

    (run,) = store.icing_runs()
    assert run.id == first.run_id
    assert live.engine.remaining() == pytest.approx(first.run.remaining())
    assert live.engine.remaining() == pytest.approx(16 * 60)
    assert live.icing.warning is not None
    assert "already running" in live.icing.warning
    assert live.icing.warning in live.icing.advice(live.engine.current_step)

    fake_clock.advance(16 * 60)
    live.engine.tick()

    (run,) = store.icing_runs()
    assert (run.status, run.actual_minutes) == (IcingStatus.FINISHED, 20)


def _at_the_icing_step(store: AdherenceStore, fake_clock: FakeClock) -> LiveSession:
    live = start_session(over(store, fake_clock), EXERCISE_THEN_ICE).value
    live.engine.start()
    while not live.engine.current_step.icing:
        live.engine.skip()
    return live


def test_pausing_the_session_never_pauses_the_ice(store: AdherenceStore, fake_clock: FakeClock) -> None:
    live = _at_the_icing_step(store, fake_clock)
    fake_clock.advance(60)

    live.engine.pause()
    fake_clock.advance(120)

    assert live.engine.state is EngineState.PAUSED
    assert live.engine.counting
    assert live.engine.remaining() == pytest.approx(7 * 60)
    live.engine.resume()
    assert live.engine.remaining() == pytest.approx(7 * 60)


def test_the_ice_ends_at_its_deadline_even_while_the_session_is_paused(
    store: AdherenceStore, fake_clock: FakeClock
) -> None:
    live = _at_the_icing_step(store, fake_clock)
    live.engine.pause()

    fake_clock.advance(11 * 60)
    live.engine.tick()

    (run,) = store.icing_runs()
    assert (run.status, run.actual_minutes) == (IcingStatus.FINISHED, 10)
    assert live.engine.state is EngineState.FINISHED


def test_back_never_restarts_the_ice(store: AdherenceStore, fake_clock: FakeClock) -> None:
    live = _at_the_icing_step(store, fake_clock)
    fake_clock.advance(9 * 60)

    live.engine.back()
    live.engine.back()

    assert live.engine.current_step.icing
    assert live.engine.remaining() == pytest.approx(60), "one deadline: not 19:59 again"
    fake_clock.advance(60)
    live.engine.tick()
    (run,) = store.icing_runs()
    assert (run.status, run.actual_minutes) == (IcingStatus.FINISHED, 10)


def test_a_session_stopped_during_icing_records_the_minutes_iced(
    store: AdherenceStore, fake_clock: FakeClock
) -> None:
    live = _at_the_icing_step(store, fake_clock)
    fake_clock.advance(2 * 60 + 16)

    live.engine.stop()

    (run,) = store.icing_runs()
    assert run.status is IcingStatus.STOPPED
    assert run.actual_minutes == pytest.approx(2.27, abs=0.01), "2 min 16 s iced, not 0"


def test_a_session_ended_by_a_signal_leaves_its_ice_live(
    store: AdherenceStore, fake_clock: FakeClock
) -> None:
    live = _at_the_icing_step(store, fake_clock)
    fake_clock.advance(60)

    live.icing.leave_live()
    live.engine.stop()

    (run,) = store.icing_runs()
    assert run.status is IcingStatus.OPEN
    assert icing_now(over(store, now=fake_clock.wall())).minutes_left == 9


def test_an_instant_session_ices_on_its_own_and_is_not_counted(
    store: AdherenceStore, fake_clock: FakeClock
) -> None:
    real = start_icing(over(store, fake_clock), 20).value

    run_instant_session(over(store, fake_clock), EXERCISE_THEN_ICE)

    assert [r.id for r in store.icing_runs()] == [real.run_id], "the simulated ice is not counted"
    (simulated,) = [r for r in store.icing_runs(include_simulated=True) if r.id != real.run_id]
    assert (simulated.status, simulated.actual_minutes) == (IcingStatus.FINISHED, 10)


def test_icing_again_within_two_hours_warns(store: AdherenceStore, fake_clock: FakeClock) -> None:
    first = start_icing(over(store, fake_clock), 5).value
    fake_clock.advance(5 * 60)
    first.run.tick()
    assert first.run.ended is not None
    finish_icing(over(store), first.run_id, first.run.ended)
    fake_clock.advance(timedelta(minutes=30).total_seconds())
    live = start_session(over(store, fake_clock), EXERCISE_THEN_ICE).value
    live.engine.start()
    while not live.engine.current_step.icing:
        live.engine.skip()

    assert live.icing.warning == ICING_REPEAT_WARNING
    assert ICING_REPEAT_WARNING in live.icing.advice(live.engine.current_step)
