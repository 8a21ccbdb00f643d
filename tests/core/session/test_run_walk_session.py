"""A run-walk session: RUN and WALK intervals on the injected clock, the last 10 seconds of each counted and
said, a cue and words at each change, and the metronome's beats on the clock with no drift."""

from __future__ import annotations

import dataclasses
import itertools

import pytest

from coach.core.routines.model import Exercise, ExerciseKind, RunWalk, Step, StepKind, plan_steps
from coach.core.session.clock import FakeClock
from coach.core.session.cues import SoundCue, announce, next_up, phase, position
from coach.core.session.engine import SessionEngine
from coach.core.session.events import CountdownCue, StepStarted
from coach.core.session.metronome import Metronome, metronome_for
from tests.helpers import routine

TWO_BY_TWO = RunWalk(120, 60, 2)


def run_walk(intervals: RunWalk = TWO_BY_TWO, cadence: int | None = 170) -> Exercise:
    return Exercise(
        id="run-walk",
        name="Run-walk",
        kind=ExerciseKind.RUN_WALK,
        run_walk=intervals,
        stages=(intervals,),
        cadence_bpm=cadence,
    )


def test_a_stage_plans_run_then_walk_each_time_and_a_continuous_run_has_no_walk() -> None:
    steps = plan_steps(routine(run_walk()))
    continuous = plan_steps(routine(run_walk(RunWalk(1800, 0, 1))))

    assert [(s.kind, s.seconds, s.repeat) for s in steps[1:]] == [
        (StepKind.RUN, 120, 1),
        (StepKind.WALK, 60, 1),
        (StepKind.RUN, 120, 2),
        (StepKind.WALK, 60, 2),
    ]
    assert [s.kind for s in continuous] == [StepKind.GET_READY, StepKind.RUN]
    assert all(s.kind.is_work for s in steps[1:])


def test_each_change_gets_its_cue_its_words_and_its_badge() -> None:
    steps = plan_steps(routine(run_walk()))
    run, walk = steps[1], steps[2]

    assert announce(StepStarted(run, walk)).sound is SoundCue.RUN
    assert announce(StepStarted(run, walk)).speech == "Run, 2 minutes."
    assert announce(StepStarted(walk, steps[3])).sound is SoundCue.WALK
    assert announce(StepStarted(walk, steps[3])).speech == "Walk, 1 minute."
    assert (phase(run), phase(walk)) == ("RUN", "WALK")
    assert position(run) == "Run 1 of 2 · 170 steps a minute"
    assert position(walk) == "Walk 1 of 2"
    assert next_up(walk) == "Walk 1 minute"


def test_the_last_10_seconds_of_an_interval_are_counted_on_the_clock(fake_clock: FakeClock) -> None:
    engine = SessionEngine(routine(run_walk()), fake_clock)
    engine.start()
    fake_clock.advance(5)  # the get-ready
    engine.tick()
    counted: list[int] = []

    for _ in range(120):
        fake_clock.advance(1)
        counted += [e.seconds_left for e in engine.tick() if isinstance(e, CountdownCue)]

    assert counted == [10, 9, 8, 7, 6, 5, 4, 3, 2, 1]
    assert engine.current_step.kind is StepKind.WALK
    said = [announce(CountdownCue(engine.steps[1], n)) for n in (10, 1)]
    assert [(a.sound, a.speech) for a in said] == [(SoundCue.TICK, "10"), (SoundCue.TICK, "1")]


def test_the_metronome_beats_only_while_running_with_a_cadence() -> None:
    steps = plan_steps(routine(run_walk()))

    assert metronome_for(steps[1], 0.0) == Metronome(170, 0.0)
    assert metronome_for(steps[2], 0.0) is None
    assert metronome_for(plan_steps(routine(run_walk(cadence=None)))[1], 0.0) is None


@pytest.mark.parametrize("bpm", [150, 170, 180, 197])
def test_the_metronome_does_not_drift_over_30_minutes_of_late_wake_ups(bpm: int) -> None:
    clock = FakeClock(monotonic=1000.0)
    metronome = Metronome(bpm, start=clock.monotonic())
    heard: list[float] = []
    late = (0.004, 0.011, 0.0, 0.019, 0.007)  # how late each wake-up comes, as a timer's do

    while clock.monotonic() < 1000.0 + 30 * 60:
        clock.advance(metronome.next_at - clock.monotonic() + late[len(heard) % len(late)])
        beat = metronome.beat
        if metronome.due(clock.monotonic()):
            heard.append(metronome.beat_at(beat))

    assert len(heard) == 30 * bpm + 1  # beat 0 at the start to the one that ends the 30th minute
    assert heard[-1] == pytest.approx(1000.0 + 30 * 60, abs=1e-6)  # no drift: the last on its time
    assert all(b - a == pytest.approx(60 / bpm, abs=1e-9) for a, b in itertools.pairwise(heard))


def test_after_a_stall_the_metronome_clicks_once_and_keeps_its_time() -> None:
    metronome = Metronome(180, start=0.0)
    assert metronome.due(0.0)

    assert metronome.due(5.0)  # the laptop was busy for 5 s: one click, not fifteen
    assert not metronome.due(5.01)
    assert metronome.next_at == pytest.approx(5 + 1 / 3)


def test_a_step_knows_its_stage_for_the_run_it_becomes() -> None:
    steps = plan_steps(routine(dataclasses.replace(run_walk(), stage=3)))

    assert {s.stage for s in steps} == {3}


def test_describe_reads_for_a_terminal() -> None:
    step = Step(0, StepKind.RUN, "run-walk", "Run-walk", 90.0, repeat=2, repeats_total=8)

    assert step.describe() == "Run 1.5 min, 2 of 8"
