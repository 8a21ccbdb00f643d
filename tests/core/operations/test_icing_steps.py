"""An icing step of a routine runs as an icing run: recorded, linked to its session, one timer at a time."""

from __future__ import annotations

from datetime import timedelta

from coach.core.clinical.safety import ICING_REPEAT_WARNING, ICING_START_ADVICE
from coach.core.history.records import IcingStatus
from coach.core.operations import finish_icing, icing_now, start_icing, start_session
from coach.core.routines.model import GET_READY_SECONDS, StepKind
from coach.core.session.clock import FakeClock
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


def test_a_timer_already_running_is_not_started_twice(store: AdherenceStore, fake_clock: FakeClock) -> None:
    start_icing(over(store, fake_clock), 20)
    live = start_session(over(store, fake_clock), EXERCISE_THEN_ICE).value
    live.engine.start()
    while not live.engine.current_step.icing:
        live.engine.skip()

    assert len(store.icing_runs()) == 1
    assert live.icing.refusal is not None
    assert live.icing.refusal in live.icing.advice(live.engine.current_step)


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
