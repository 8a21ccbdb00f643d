from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.core.routines.model import GET_READY_SECONDS, Exercise, StepKind, plan_steps, total_seconds
from coach.core.session.clock import FakeClock
from coach.core.session.engine import EngineError, EngineState, SessionEngine, resume_point
from coach.core.session.events import (
    CountdownCue,
    FinalSecondsCue,
    HalfwayCue,
    HoldCue,
    ListenerFailed,
    SessionFinished,
    SessionPaused,
    SessionResumed,
    SideSwitch,
    StepCompleted,
    StepStarted,
)
from tests.helpers import hold, reps, routine, timer


def kinds(events: Sequence[object]) -> list[str]:
    return [type(event).__name__ for event in events]


def test_start_begins_with_get_ready(fake_clock: FakeClock) -> None:
    engine = SessionEngine(routine(reps()), fake_clock)

    events = engine.start()

    assert kinds(events) == ["SessionStarted", "StepStarted"]
    assert engine.current_step.kind is StepKind.GET_READY
    assert engine.remaining() == GET_READY_SECONDS


def test_remaining_time_comes_from_the_deadline(fake_clock: FakeClock) -> None:
    engine = SessionEngine(routine(hold(seconds=30)), fake_clock)
    engine.start()
    fake_clock.advance(GET_READY_SECONDS)
    engine.tick()

    fake_clock.advance(12.25)

    assert engine.remaining() == pytest.approx(30 - 12.25)


def test_late_ticks_do_not_stretch_the_session(fake_clock: FakeClock) -> None:
    engine = SessionEngine(routine(reps(sets=1, reps=3, rep_seconds=2)), fake_clock)
    engine.start()

    fake_clock.advance(GET_READY_SECONDS + 2 + 0.9)  # the tick arrives 0.9 s into rep 2
    engine.tick()

    assert engine.current_step.rep == 2
    assert engine.remaining() == pytest.approx(1.1)


def test_a_sparse_tick_completes_every_step_whose_deadline_passed(fake_clock: FakeClock) -> None:
    engine = SessionEngine(routine(reps(sets=1, reps=3, rep_seconds=2)), fake_clock)
    engine.start()

    fake_clock.advance(GET_READY_SECONDS + 3 * 2)
    events = engine.tick()

    completed = [e for e in events if isinstance(e, StepCompleted)]
    assert [e.step.kind for e in completed] == [StepKind.GET_READY, StepKind.REP, StepKind.REP, StepKind.REP]
    assert all(not e.skipped for e in completed)
    assert isinstance(events[-1], SessionFinished)
    assert events[-1].completed
    assert engine.state is EngineState.FINISHED


def test_completed_steps_carry_wall_times_at_their_deadlines(fake_clock: FakeClock) -> None:
    start = fake_clock.wall()
    engine = SessionEngine(routine(reps(sets=1, reps=1, rep_seconds=2)), fake_clock)
    engine.start()

    fake_clock.advance(100)
    events = engine.tick()

    rep_done = next(e for e in events if isinstance(e, StepCompleted) and e.step.kind is StepKind.REP)
    assert rep_done.started_at == start + timedelta(seconds=GET_READY_SECONDS)
    assert rep_done.finished_at == start + timedelta(seconds=GET_READY_SECONDS + 2)


def test_pause_freezes_remaining_time(fake_clock: FakeClock) -> None:
    engine = SessionEngine(routine(hold(seconds=30)), fake_clock)
    engine.start()
    fake_clock.advance(GET_READY_SECONDS + 10)
    engine.pause()

    fake_clock.advance(600)
    events = engine.tick()

    assert events == []
    assert engine.state is EngineState.PAUSED
    assert engine.remaining() == pytest.approx(20)


def test_resume_continues_from_where_it_paused(fake_clock: FakeClock) -> None:
    engine = SessionEngine(routine(hold(seconds=30)), fake_clock)
    engine.start()
    fake_clock.advance(GET_READY_SECONDS + 10)
    paused = engine.pause()
    fake_clock.advance(600)

    resumed = engine.resume()
    fake_clock.advance(5)

    assert isinstance(paused[-1], SessionPaused)
    assert isinstance(resumed[-1], SessionResumed)
    assert engine.remaining() == pytest.approx(15)
    assert engine.progress() == pytest.approx((GET_READY_SECONDS + 15) / engine.seconds_total)


def test_toggle_pause_alternates(fake_clock: FakeClock) -> None:
    engine = SessionEngine(routine(hold()), fake_clock)
    engine.start()

    states = []
    for _ in range(2):
        engine.toggle_pause()
        states.append(engine.state)

    assert states == [EngineState.PAUSED, EngineState.RUNNING]


def test_resume_when_running_is_an_error(fake_clock: FakeClock) -> None:
    engine = SessionEngine(routine(hold()), fake_clock)
    engine.start()

    with pytest.raises(EngineError, match="running"):
        engine.resume()


def test_skip_during_reps_skips_the_rest_of_that_set(fake_clock: FakeClock) -> None:
    engine = SessionEngine(routine(reps(sets=2, reps=4, rep_seconds=2, rest_seconds=10)), fake_clock)
    engine.start()
    fake_clock.advance(GET_READY_SECONDS + 2.5)  # into rep 2
    engine.tick()

    events = engine.skip()

    skipped = [e.step.rep for e in events if isinstance(e, StepCompleted) and e.skipped]
    assert skipped == [2, 3, 4]
    assert engine.current_step.kind is StepKind.REST
    assert engine.remaining() == 10


def test_skip_on_the_last_step_finishes_the_session(fake_clock: FakeClock) -> None:
    engine = SessionEngine(routine(hold(sets=1)), fake_clock)
    engine.start()
    engine.skip()  # get ready

    events = engine.skip()  # the hold

    assert isinstance(events[-1], SessionFinished)
    assert events[-1].completed


def test_back_just_after_a_block_began_goes_to_the_previous_block(fake_clock: FakeClock) -> None:
    engine = SessionEngine(routine(reps(sets=2, reps=3, rep_seconds=2, rest_seconds=10)), fake_clock)
    engine.start()
    fake_clock.advance(GET_READY_SECONDS + 2 * 3 + 1)  # 1 s into the rest after set 1
    engine.tick()
    assert engine.current_step.kind is StepKind.REST

    engine.back()

    step = engine.current_step
    assert (step.kind, step.set_number, step.rep) == (StepKind.REP, 1, 1)
    assert engine.remaining() == 2


def test_back_partway_through_a_set_restarts_the_set(fake_clock: FakeClock) -> None:
    engine = SessionEngine(routine(reps(sets=2, reps=3, rep_seconds=2)), fake_clock)
    engine.start()
    fake_clock.advance(GET_READY_SECONDS + 3)  # into rep 2 of set 1
    engine.tick()

    engine.back()

    assert (engine.current_step.set_number, engine.current_step.rep) == (1, 1)
    assert engine.remaining() == 2


def test_back_late_in_a_hold_restarts_the_hold(fake_clock: FakeClock) -> None:
    engine = SessionEngine(routine(hold(sets=2, seconds=30)), fake_clock)
    engine.start()
    fake_clock.advance(GET_READY_SECONDS + 25)
    engine.tick()

    engine.back()

    assert engine.current_step.kind is StepKind.HOLD
    assert engine.remaining() == 30


def test_back_at_the_first_step_restarts_it(fake_clock: FakeClock) -> None:
    engine = SessionEngine(routine(hold()), fake_clock)
    engine.start()
    fake_clock.advance(3)

    engine.back()

    assert engine.index == 0
    assert engine.remaining() == GET_READY_SECONDS


def test_skip_while_paused_keeps_the_session_paused(fake_clock: FakeClock) -> None:
    engine = SessionEngine(routine(hold(seconds=30)), fake_clock)
    engine.start()
    engine.pause()

    engine.skip()
    fake_clock.advance(100)
    engine.tick()

    assert engine.state is EngineState.PAUSED
    assert engine.current_step.kind is StepKind.HOLD
    assert engine.remaining() == 30


def test_stop_ends_early_without_counting_the_step_in_progress(fake_clock: FakeClock) -> None:
    engine = SessionEngine(routine(hold(seconds=30)), fake_clock)
    engine.start()
    fake_clock.advance(GET_READY_SECONDS + 20)

    events = engine.stop()

    # The hold is not done: it is recorded as skipped, with the 20 seconds it ran (its time under tension).
    assert kinds(events) == ["StepCompleted", "StepStarted", "StepCompleted", "SessionFinished"]
    stopped = events[2]
    assert isinstance(stopped, StepCompleted)
    assert (stopped.step.kind, stopped.skipped, stopped.active_seconds) == (StepKind.HOLD, True, 20)
    finished = events[-1]
    assert isinstance(finished, SessionFinished)
    assert not finished.completed
    assert engine.state is EngineState.STOPPED


def test_countdown_cues_three_two_one_once_each(fake_clock: FakeClock) -> None:
    engine = SessionEngine(routine(hold(sets=1, seconds=10)), fake_clock)
    engine.start()
    fake_clock.advance(GET_READY_SECONDS)
    engine.tick()

    cues: list[int] = []
    for _ in range(40):
        fake_clock.advance(0.25)
        cues += [
            e.seconds_left
            for e in engine.tick()
            if isinstance(e, CountdownCue) and e.step.kind is StepKind.HOLD
        ]

    assert cues == [3, 2, 1]


def test_ten_seconds_left_is_cued_once_on_steps_twice_as_long(fake_clock: FakeClock) -> None:
    engine = SessionEngine(routine(hold(sets=1, seconds=30), hold("short", sets=1, seconds=15)), fake_clock)
    engine.start()

    events: list[object] = []
    for _ in range(int(engine.seconds_total) + 2):
        fake_clock.advance(1)
        events += engine.tick()

    final = [(e.step.exercise_name, e.seconds_left) for e in events if isinstance(e, FinalSecondsCue)]
    assert [seconds for _, seconds in final] == [10]
    assert final[0][0] != "short"


def test_no_countdown_on_reps_even_long_ones(fake_clock: FakeClock) -> None:
    engine = SessionEngine(routine(reps(sets=1, reps=5, rep_seconds=2, hold_seconds=10)), fake_clock)
    engine.start()
    fake_clock.advance(GET_READY_SECONDS)
    engine.tick()

    events = []
    for _ in range(60):
        fake_clock.advance(0.25)
        events += engine.tick()

    assert not [e for e in events if isinstance(e, CountdownCue)]


def test_a_sparse_tick_cues_only_the_latest_second(fake_clock: FakeClock) -> None:
    engine = SessionEngine(routine(hold(sets=1, seconds=10)), fake_clock)
    engine.start()
    fake_clock.advance(GET_READY_SECONDS + 8.5)

    cues = [e.seconds_left for e in engine.tick() if isinstance(e, CountdownCue)]

    assert cues == [2]


def test_halfway_cue_on_long_holds_only(fake_clock: FakeClock) -> None:
    engine = SessionEngine(
        routine(hold(sets=1, seconds=30), reps(sets=1, reps=10, rep_seconds=3)), fake_clock
    )
    engine.start()

    events = []
    for _ in range(400):
        fake_clock.advance(0.5)
        events += engine.tick()

    halfway = [e for e in events if isinstance(e, HalfwayCue)]
    assert [e.step.kind for e in halfway] == [StepKind.HOLD]


def test_side_switch_is_announced(fake_clock: FakeClock) -> None:
    engine = SessionEngine(routine(hold(sets=1, seconds=20, sides=("left", "right"))), fake_clock)
    engine.start()

    fake_clock.advance(GET_READY_SECONDS + 20)
    events = engine.tick()

    switches = [e for e in events if isinstance(e, SideSwitch)]
    assert [s.side for s in switches] == ["right"]


def test_step_started_previews_the_next_step(fake_clock: FakeClock) -> None:
    engine = SessionEngine(routine(hold(sets=2)), fake_clock)

    started = [e for e in engine.start() if isinstance(e, StepStarted)]

    assert started[0].next_step is not None
    assert started[0].next_step.kind is StepKind.HOLD


def test_subscribers_get_every_event_in_order(fake_clock: FakeClock) -> None:
    engine = SessionEngine(routine(hold(sets=1, seconds=20)), fake_clock)
    seen: list[object] = []
    engine.subscribe(seen.append)

    returned = engine.start()
    fake_clock.advance(100)
    returned += engine.tick()

    assert seen == returned


def test_wall_clock_timer_counts_time_asleep(fake_clock: FakeClock) -> None:
    engine = SessionEngine(routine(timer(minutes=20)), fake_clock)
    engine.start()
    fake_clock.advance(GET_READY_SECONDS + 60)
    engine.tick()
    assert engine.current_step.kind is StepKind.TIMER

    fake_clock.suspend(10 * 60)  # the laptop sleeps for ten minutes

    assert engine.remaining() == pytest.approx(9 * 60)


def test_wall_clock_timer_that_ended_during_sleep_finishes_at_its_deadline(fake_clock: FakeClock) -> None:
    start = fake_clock.wall()
    engine = SessionEngine(routine(timer(minutes=20)), fake_clock)
    engine.start()
    fake_clock.advance(GET_READY_SECONDS + 60)
    engine.tick()

    fake_clock.suspend(60 * 60)
    events = engine.tick()

    finished = events[-1]
    assert isinstance(finished, SessionFinished)
    assert finished.at == start + timedelta(seconds=GET_READY_SECONDS + 20 * 60)


def test_steps_after_a_timer_that_ended_in_sleep_wait_for_the_person(fake_clock: FakeClock) -> None:
    engine = SessionEngine(routine(timer(minutes=10), reps(sets=2, reps=10, rep_seconds=3)), fake_clock)
    engine.start()
    fake_clock.advance(GET_READY_SECONDS + 60)
    engine.tick()

    fake_clock.suspend(60 * 60)
    events = engine.tick()

    done = [e.step.kind for e in events if isinstance(e, StepCompleted)]
    assert done == [StepKind.TIMER]
    assert isinstance(events[-1], SessionPaused)
    assert engine.state is EngineState.PAUSED
    assert engine.current_step.kind is StepKind.GET_READY
    assert engine.remaining() == GET_READY_SECONDS


def test_reps_do_not_follow_the_wall_clock(fake_clock: FakeClock) -> None:
    engine = SessionEngine(routine(hold(sets=1, seconds=30)), fake_clock)
    engine.start()

    fake_clock.suspend(600)

    assert engine.tick() == []
    assert engine.remaining() == GET_READY_SECONDS


def test_an_engine_needs_steps(fake_clock: FakeClock) -> None:
    with pytest.raises(EngineError):
        SessionEngine((), fake_clock)


def test_start_index_resumes_partway(fake_clock: FakeClock) -> None:
    steps = plan_steps(routine(hold(sets=3)))

    engine = SessionEngine(steps, fake_clock, start_index=3)
    engine.start()

    assert engine.current_step == steps[3]


# Durations that are whole or half seconds are exact in binary floating point, so the sum must be exact.
_seconds = st.integers(min_value=1, max_value=120).map(lambda n: n / 2)
_exercises = st.one_of(
    st.builds(
        lambda s, r, rs, h, sides, rest: reps(
            sets=s, reps=r, rep_seconds=rs, hold_seconds=h, sides=sides, rest_seconds=rest
        ),
        st.integers(1, 3),
        st.integers(1, 5),
        _seconds,
        st.sampled_from([0.0, 1.0, 2.5]),
        st.sampled_from([(), ("left", "right")]),
        st.sampled_from([0.0, 15.0, 30.5]),
    ),
    st.builds(
        lambda s, sec, sides: hold(sets=s, seconds=sec, sides=sides),
        st.integers(1, 3),
        _seconds,
        st.sampled_from([(), ("left", "right")]),
    ),
    st.builds(lambda m: timer(minutes=m), st.sampled_from([0.5, 1.0, 2.5])),
)


@settings(max_examples=60, deadline=None)
@given(
    exercises=st.lists(_exercises, min_size=1, max_size=4),
    ticks=st.lists(st.integers(min_value=1, max_value=40).map(lambda n: n / 4), min_size=1, max_size=30),
)
def test_uninterrupted_session_ends_exactly_at_the_sum_of_its_steps(
    exercises: list[Exercise], ticks: list[float]
) -> None:
    unique = tuple(replace(e, id=f"e{i}") for i, e in enumerate(exercises))
    clock = FakeClock(monotonic=0.0)
    start = clock.wall()
    plan = routine(*unique)
    engine = SessionEngine(plan, clock)
    engine.start()
    finished: list[SessionFinished] = []
    engine.subscribe(lambda e: finished.append(e) if isinstance(e, SessionFinished) else None)

    index = 0
    while engine.state is EngineState.RUNNING:
        clock.advance(ticks[index % len(ticks)])
        index += 1
        engine.tick()

    expected = total_seconds(plan_steps(plan))
    assert len(finished) == 1
    assert finished[0].at == start + timedelta(seconds=expected)
    assert engine.seconds_total == expected


def test_a_resumed_session_carries_on_at_the_lead_in_of_the_interrupted_set() -> None:
    steps = plan_steps(routine(reps(sets=2, reps=3, rest_seconds=10)))
    # 0 get ready, 1-3 reps of set 1, 4 rest, 5-7 reps of set 2
    assert resume_point(steps, []) == 0
    assert resume_point(steps, [0, 1]) == 0  # died in set 1: its get-ready again
    assert resume_point(steps, [0, 1, 2, 3]) == 4  # set 1 done: the rest before set 2
    assert resume_point(steps, [0, 1, 2, 3, 4, 5, 6]) == 4
    assert resume_point(steps, list(range(8))) is None


def test_block_remaining_counts_down_across_the_reps_of_a_set(fake_clock: FakeClock) -> None:
    engine = SessionEngine(routine(reps(sets=1, reps=3, rep_seconds=2)), fake_clock)
    engine.start()
    assert engine.block_remaining() == GET_READY_SECONDS

    fake_clock.advance(GET_READY_SECONDS + 2.5)  # into rep 2 of 3
    engine.tick()

    assert engine.current_step.rep == 2
    assert engine.block_remaining() == pytest.approx(3.5)


def test_a_rep_with_a_hold_cues_the_holds_start_and_end_once_each(fake_clock: FakeClock) -> None:
    engine = SessionEngine(routine(reps(sets=1, reps=2, rep_seconds=2, hold_seconds=5)), fake_clock)
    engine.start()
    fake_clock.advance(GET_READY_SECONDS + 0.5)
    assert [e for e in engine.tick() if isinstance(e, HoldCue)] == []

    fake_clock.advance(0.5)
    started = [e for e in engine.tick() if isinstance(e, HoldCue)]
    fake_clock.advance(1.0)
    again = [e for e in engine.tick() if isinstance(e, HoldCue)]
    fake_clock.advance(4.2)
    ended = [e for e in engine.tick() if isinstance(e, HoldCue)]

    assert [e.starting for e in started] == [True]
    assert again == []
    assert [e.starting for e in ended] == [False]


def test_a_failing_listener_pauses_the_session_and_the_others_still_hear_everything(
    fake_clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    engine = SessionEngine(routine(reps(sets=1, reps=2)), fake_clock)
    heard: list[object] = []

    def failing(event: object) -> None:
        if isinstance(event, StepCompleted):
            raise RuntimeError("the disk is full")

    engine.subscribe(failing)
    engine.subscribe(heard.append)
    engine.start()
    fake_clock.advance(GET_READY_SECONDS + 0.01)

    events = engine.tick()

    assert engine.state is EngineState.PAUSED
    completed = [e for e in heard if isinstance(e, StepCompleted)]
    assert len(completed) == 1  # the get-ready step
    failed = [e for e in heard if isinstance(e, ListenerFailed)]
    assert [(f.event, f.reason) for f in failed] == [(completed[0], "the disk is full")]
    assert kinds(events)[-2:] == ["SessionPaused", "ListenerFailed"]
    assert "a session listener failed" in caplog.text


def test_an_icing_step_prompts_the_skin_check_once_at_5_minutes(fake_clock: FakeClock) -> None:
    engine = SessionEngine(routine(timer(minutes=20), timer("walk", minutes=20, icing=False)), fake_clock)
    engine.start()
    fake_clock.advance(GET_READY_SECONDS)
    engine.tick()

    fake_clock.advance(4 * 60 + 59)
    before = engine.tick()
    fake_clock.advance(1)
    at_five = engine.tick()
    events = []
    for _ in range(80):  # through the rest of the icing and the whole plain timer
        fake_clock.advance(30)
        events += engine.tick()

    assert "SkinCheckCue" not in kinds(before)
    assert kinds(at_five) == ["SkinCheckCue"]
    assert "SkinCheckCue" not in kinds(events)


def test_a_short_icing_step_has_no_skin_check(fake_clock: FakeClock) -> None:
    engine = SessionEngine(routine(timer(minutes=5)), fake_clock)
    engine.start()

    fake_clock.advance(GET_READY_SECONDS + 5 * 60)

    assert "SkinCheckCue" not in kinds(engine.tick())
