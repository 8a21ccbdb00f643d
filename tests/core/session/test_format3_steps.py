"""The engine with format 3's steps: a set counted up until tired ends when the person says so and keeps the
reps done; a tempo cues the hold at the end of the way up; the store records the reps and the load."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from coach.core.routines.model import Exercise, ExerciseKind, StepKind, plan_steps
from coach.core.session.clock import FakeClock
from coach.core.session.engine import OPEN_ENDED_CAP_SECONDS, SessionEngine
from coach.core.session.events import HoldCue, StepCompleted
from tests.helpers import reps, routine

UNTIL_TIRED = Exercise(
    id="saq",
    name="Short-arc quad",
    kind=ExerciseKind.REPS,
    sets=2,
    reps=10,
    rep_seconds=3.0,
    reps_range=(10, 15),
    until_tired=True,
    loads=("no weight", "1 lb ankle weight"),
    load="no weight",
)


def completed(events: Sequence[object]) -> list[StepCompleted]:
    return [e for e in events if isinstance(e, StepCompleted)]


def test_a_set_until_tired_runs_until_the_person_ends_it(fake_clock: FakeClock) -> None:
    engine = SessionEngine(routine(UNTIL_TIRED), fake_clock)
    engine.start()
    fake_clock.advance(5)
    engine.tick()
    assert engine.current_step.open_ended

    fake_clock.advance(100)  # far past the 15 reps the sheet expects: still counting
    engine.tick()
    assert engine.current_step.open_ended
    assert engine.current_step.set_number == 1
    assert engine.counted_reps() == 33

    done = completed(engine.end_set(12))

    assert [(e.step.set_number, e.reps_done, e.skipped) for e in done] == [(1, 12, False)]
    assert engine.current_step.set_number == 2


def test_ending_a_set_without_a_count_records_the_count_shown(fake_clock: FakeClock) -> None:
    engine = SessionEngine(routine(UNTIL_TIRED), fake_clock)
    engine.start()
    fake_clock.advance(5 + 31)
    engine.tick()

    (done,) = completed(engine.end_set())

    assert done.reps_done == 10


def test_a_set_until_tired_left_running_ends_at_the_cap(fake_clock: FakeClock) -> None:
    engine = SessionEngine(routine(UNTIL_TIRED), fake_clock)
    engine.start()
    fake_clock.advance(5 + OPEN_ENDED_CAP_SECONDS + 1)

    done = completed(engine.tick())

    assert done[-1].step.open_ended
    assert done[-1].reps_done == OPEN_ENDED_CAP_SECONDS // 3


def test_end_set_does_nothing_on_a_timed_step(fake_clock: FakeClock) -> None:
    engine = SessionEngine(routine(reps()), fake_clock)
    engine.start()

    assert engine.end_set(5) == []


def test_a_tempo_cues_the_hold_after_the_way_up(fake_clock: FakeClock) -> None:
    tempo = dataclasses.replace(
        reps(sets=1, reps=1), rep_seconds=5.0, hold_seconds=1.0, tempo=(2.0, 1.0, 3.0)
    )
    engine = SessionEngine(routine(tempo), fake_clock)
    engine.start()
    fake_clock.advance(5 + 1.9)
    assert not [e for e in engine.tick() if isinstance(e, HoldCue)]

    fake_clock.advance(0.2)
    assert [e.starting for e in engine.tick() if isinstance(e, HoldCue)] == [True]
    fake_clock.advance(1.0)
    assert [e.starting for e in engine.tick() if isinstance(e, HoldCue)] == [False]


def test_steps_carry_the_load_in_use() -> None:
    work = [s for s in plan_steps(routine(UNTIL_TIRED)) if s.kind is StepKind.REP]

    assert {s.load for s in work} == {"no weight"}
