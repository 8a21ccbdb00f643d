from __future__ import annotations

from coach.core.routines.model import Step, StepKind, plan_steps
from coach.core.session.clock import FakeClock
from coach.core.session.cues import (
    Announcement,
    SoundCue,
    announce,
    countdown_caption,
    headline,
    next_up,
    position,
)
from coach.core.session.engine import SessionEngine
from coach.core.session.events import CountdownCue, HalfwayCue, SessionFinished, StepStarted
from tests.helpers import hold, reps, routine, timer

CLAMSHELLS = routine(
    reps("clamshell", sets=3, reps=12, sides=("left", "right"), rest_seconds=60), hold("calf-stretch", sets=1)
)


def first(kind: StepKind, **fields: object) -> Step:
    return next(
        s
        for s in plan_steps(CLAMSHELLS)
        if s.kind is kind and all(getattr(s, k) == v for k, v in fields.items())
    )


def test_the_player_shows_set_side_and_rep() -> None:
    step = first(StepKind.REP, set_number=2, side="left", rep=5)
    assert headline(step) == "Clamshell"
    assert position(step) == "Set 2 of 3 · Left side · Rep 5 of 12"


def test_a_rest_shows_which_set_is_done() -> None:
    step = first(StepKind.REST, set_number=1)
    assert (headline(step), position(step)) == ("Rest", "Set 1 of 3 done")


def test_get_ready_names_the_exercise_side_and_set_aloud() -> None:
    step = first(StepKind.GET_READY)
    said = announce(StepStarted(step, None))
    assert said == Announcement(SoundCue.GET_READY, "Get ready. Clamshell, left side, set 1 of 3.")


def test_a_rest_says_what_comes_next() -> None:
    rest = first(StepKind.REST, set_number=1)
    following = first(StepKind.REP, set_number=2, side="left", rep=1)
    said = announce(StepStarted(rest, following), following)
    assert said == Announcement(SoundCue.SET_DONE, "Rest 1 minute. Next: Clamshell, set 2 of 3, left side.")


def test_switching_sides_has_its_own_sound_and_words() -> None:
    switch = first(StepKind.SWITCH_SIDE)
    said = announce(StepStarted(switch, None))
    assert said == Announcement(SoundCue.SWITCH_SIDE, "Switch to the right side.")


def test_reps_are_counted_aloud_without_a_beep() -> None:
    rep = first(StepKind.REP, rep=7)
    assert announce(StepStarted(rep, None)) == Announcement(speech="7")


def test_countdown_halfway_and_the_end() -> None:
    step = first(StepKind.HOLD)
    assert announce(CountdownCue(step, 2)).sound is SoundCue.TICK
    assert announce(HalfwayCue(step)).speech == "Halfway"
    done = announce(SessionFinished(True, FakeClock().wall()))
    assert done.sound is SoundCue.SESSION_DONE
    assert announce(SessionFinished(False, FakeClock().wall())) == Announcement()


def test_next_up_skips_the_rest_of_the_reps_of_a_set(fake_clock: FakeClock) -> None:
    engine = SessionEngine(CLAMSHELLS, fake_clock)
    engine.start()
    fake_clock.advance(5 + 3)  # get ready, then into the first rep
    engine.tick()

    assert engine.current_step.kind is StepKind.REP
    assert next_up(engine.next_block) == "Switch to the right side"


def test_next_up_at_the_very_end() -> None:
    assert next_up(None) == "Last one: the session ends after this"
    assert next_up(plan_steps(routine(timer(minutes=20)))[1]) == "Ice the knee"


def test_every_kind_of_step_has_a_countdown_caption() -> None:
    assert {countdown_caption(step) for step in plan_steps(CLAMSHELLS)} >= {"left in this set", "rest left"}
