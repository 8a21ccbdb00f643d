"""Guided runs: a session of the run-walk plan is recorded as a run when it ends, the end page's pain is its
pain during, the next session plans the stage the runs reached, and the advice says the next run."""

from __future__ import annotations

from datetime import timedelta

import pytest

from coach.core.clinical.pain_rule import Progression
from coach.core.operations import (
    answer_session_end,
    begin_session,
    resume_session,
    run_instant_session,
    start_session,
)
from coach.core.operations.pause import Paused
from coach.core.operations.queries import advice
from coach.core.routines.model import Routine, RunWalk, StepKind
from coach.core.running.runs import NewRun, RunPain, RunSource
from coach.core.session.clock import FakeClock
from coach.core.store.adherence import AdherenceStore
from tests.helpers import over


def plan(store: AdherenceStore, clock: FakeClock) -> Routine:
    entry = over(store, clock).library.find("back-to-running")
    assert entry is not None
    return entry.routine


def good_runs(store: AdherenceStore, clock: FakeClock, count: int) -> None:
    for day in range(count):
        started = clock.wall() - timedelta(days=2 * (count - day))
        store.record_run(NewRun(started, 20.0, RunSource.LOGGED, pain=RunPain(2, 1, 1)))


def test_a_guided_run_is_recorded_as_it_ends_and_the_end_pages_pain_is_its_pain_during(
    store: AdherenceStore, fake_clock: FakeClock
) -> None:
    coach = over(store, fake_clock)
    live = begin_session(coach, plan(store, fake_clock), pain_before=1).value
    live.engine.start()

    fake_clock.advance(live.engine.seconds_total)
    live.engine.tick()
    (run,) = store.runs()

    assert (run.source, run.stage, run.routine_id, run.session_id) == (
        RunSource.GUIDED,
        0,
        "back-to-running",
        live.session_id,
    )
    assert run.simulated is False
    assert run.minutes == pytest.approx(10.0)  # five 1-minute runs and walks, the get-ready not counted
    assert run.pain == RunPain()
    answer_session_end(coach, live.session_id, pain=2)
    assert store.runs()[0].pain == RunPain(during=2)


def test_a_guided_run_stopped_early_is_recorded_with_what_was_done(
    store: AdherenceStore, fake_clock: FakeClock
) -> None:
    live = start_session(over(store, fake_clock), plan(store, fake_clock)).value
    live.engine.start()

    fake_clock.advance(5 + 4 * 60 + 30)  # the get-ready, two runs and two walks, half of the third run
    live.engine.tick()
    live.engine.stop()
    (run,) = store.runs()

    assert run.minutes == pytest.approx(4.0)


def test_an_instant_session_records_a_simulated_run(store: AdherenceStore, fake_clock: FakeClock) -> None:
    run_instant_session(over(store, fake_clock), plan(store, fake_clock), pain=1)

    assert store.runs() == []
    (run,) = store.runs(include_simulated=True)
    assert (run.simulated, run.pain.during) == (True, 1)


def test_after_two_good_runs_at_each_stage_the_next_session_plans_the_stage_reached(
    store: AdherenceStore, fake_clock: FakeClock
) -> None:
    good_runs(store, fake_clock, 4)  # two at the first stage (1:1 × 5), two at the second (1:1 × 10)

    live = start_session(over(store, fake_clock), plan(store, fake_clock)).value

    runs = [s for s in live.engine.steps if s.kind is StepKind.RUN]
    walks = [s for s in live.engine.steps if s.kind is StepKind.WALK]
    assert (len(runs), runs[0].seconds, walks[0].seconds, runs[0].stage) == (8, 120, 60, 2)


def test_the_advice_says_the_next_run_in_one_sentence(store: AdherenceStore, fake_clock: FakeClock) -> None:
    good_runs(store, fake_clock, 4)

    found = advice(over(store, fake_clock), plan(store, fake_clock))

    assert found.decision is Progression.PROGRESS
    assert found.next_run == RunWalk(120, 60, 8)
    assert found.reason.endswith("Next run: 2 min run, 1 min walk, 8 times.")
    assert found.proposal is None


def test_a_warning_sign_pauses_the_running_plan_as_it_pauses_everything(
    store: AdherenceStore, fake_clock: FakeClock
) -> None:
    coach = over(store, fake_clock)
    good_runs(store, fake_clock, 2)
    strength = coach.library.find("hip-strength")
    assert strength is not None
    run_instant_session(coach, strength.routine, pain=2, warning_signs=["swelling"])

    found = advice(coach, plan(store, fake_clock))

    assert found.decision is Progression.SEE_CLINICIAN
    assert found.next_run is None
    assert "Exercise is paused" in found.reason
    with pytest.raises(Paused):
        begin_session(coach, plan(store, fake_clock), pain_before=1)
    assert store.runs(include_simulated=True) == store.runs()  # nothing started, nothing recorded


def test_a_run_carried_on_after_a_crash_is_at_the_stage_it_began(
    store: AdherenceStore, fake_clock: FakeClock
) -> None:
    good_runs(store, fake_clock, 4)
    coach = over(store, fake_clock)
    live = start_session(coach, plan(store, fake_clock)).value
    live.engine.start()
    fake_clock.advance(5 + 120 + 30)  # the get-ready, the first 2-minute run, into the walk
    live.engine.tick()

    fake_clock.advance(600)  # the app died; it is started again ten minutes later
    resumed = resume_session(coach, live.session_id).value

    assert resumed.engine.current_step.kind is StepKind.WALK
    assert resumed.engine.current_step.seconds == 60
    assert sum(s.kind is StepKind.RUN for s in resumed.engine.steps) == 8


def test_before_the_strength_stage_is_seen_going_well_the_run_says_so_and_still_starts(
    store: AdherenceStore, fake_clock: FakeClock
) -> None:
    from tests.seeding import add_session

    coach = over(store, fake_clock)
    strength = coach.library.find("hip-strength")
    assert strength is not None
    today = fake_clock.wall().date()

    first = begin_session(coach, plan(store, fake_clock), pain_before=1).value
    add_session(store, today - timedelta(days=3), strength.routine, pain=2, morning=1)
    add_session(store, today - timedelta(days=2), strength.routine, pain=3, morning=4)  # not settled
    second = begin_session(coach, plan(store, fake_clock), pain_before=1).value
    add_session(store, today - timedelta(days=1), strength.routine, pain=3, morning=2)
    add_session(store, today, strength.routine, pain=1, morning=0)
    third = begin_session(coach, plan(store, fake_clock), pain_before=1).value

    assert first.said_before == (
        "Rehab Coach has not yet seen “Hip and knee strength (weeks 3–6)” going well (two sessions in a row "
        "with pain at most 3 that settled by the next morning): start this once your physiotherapist agrees."
    )
    assert second.said_before == first.said_before
    assert third.said_before is None


def test_runs_logged_without_a_guided_session_still_get_the_running_advice(
    store: AdherenceStore, fake_clock: FakeClock
) -> None:
    from coach.core.operations.queries import all_advice

    coach = over(store, fake_clock)
    assert all_advice(coach) == []
    good_runs(store, fake_clock, 1)

    (found,) = all_advice(coach)

    assert found.routine.id == "back-to-running"
    assert found.next_run == RunWalk(60, 60, 5)
