from __future__ import annotations

from typing import cast

import pytest

from coach.core.clinical.safety import ICING_SKIN_CHECK_CUE
from coach.core.routines.model import Step, StepKind, plan_steps
from coach.core.session.clock import FakeClock
from coach.core.session.cues import (
    Announcement,
    RepMoment,
    SoundCue,
    announce,
    big_number,
    big_number_caption,
    countdown_caption,
    for_screen_reader,
    headline,
    next_up,
    position,
    rep_moment,
)
from coach.core.session.engine import SessionEngine
from coach.core.session.events import (
    CountdownCue,
    FinalSecondsCue,
    HalfwayCue,
    HoldCue,
    SessionFinished,
    SessionPaused,
    SessionResumed,
    SkinCheckCue,
    StepStarted,
)
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


def test_each_rep_gets_a_short_beep_and_its_count_aloud() -> None:
    rep = first(StepKind.REP, rep=7)
    assert announce(StepStarted(rep, None)) == Announcement(SoundCue.REP, "7")


def test_countdown_halfway_and_the_end() -> None:
    step = first(StepKind.HOLD)
    assert announce(CountdownCue(step, 2)).sound is SoundCue.TICK
    assert announce(HalfwayCue(step)).speech == "Halfway"
    assert announce(SkinCheckCue(step)).speech == ICING_SKIN_CHECK_CUE
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


def moment(word: str, hold_left: int, until_change: float) -> RepMoment:
    """A RepMoment equal to any whose `until_change` is within a rounding error of this one's."""
    return RepMoment(word, hold_left, cast(float, pytest.approx(until_change)))


def test_a_rep_with_a_hold_is_lift_then_hold_counting_down_then_lower() -> None:
    step = plan_steps(routine(reps(sets=1, reps=2, rep_seconds=2, hold_seconds=5)))[1]

    assert rep_moment(step, 0.2) == moment("lift", 0, 0.8)
    assert rep_moment(step, 1.0) == moment("hold", 5, 1.0)
    assert rep_moment(step, 2.5).line() == "lift – HOLD 4 – lower"  # type: ignore[union-attr]
    assert rep_moment(step, 5.9) == moment("hold", 1, 0.1)
    assert rep_moment(step, 6.5) == moment("lower", 0, 0.5)
    assert rep_moment(first(StepKind.REP, rep=1), 1.0) is None  # no hold: no moments


def test_the_big_number_is_the_rep_during_reps_and_the_time_otherwise() -> None:
    rep = first(StepKind.REP, rep=7)
    assert (big_number(rep, 18.2), big_number_caption(rep, 18.2)) == ("7", "of 12 reps · set ends in 0:19")
    rest = first(StepKind.REST)
    assert (big_number(rest, 75), big_number_caption(rest, 75)) == ("1:15", "rest left")


def test_the_hold_inside_a_rep_is_cued_at_its_start_and_end() -> None:
    rep = first(StepKind.REP, rep=1)
    assert announce(HoldCue(rep, starting=True)) == Announcement(SoundCue.HOLD, "Hold")
    assert announce(HoldCue(rep, starting=False)) == Announcement(SoundCue.RELEASE, "Lower")


def test_a_screen_reader_hears_the_set_start_the_rest_and_the_end_in_the_voice_s_words() -> None:
    rest = first(StepKind.REST, set_number=1)
    following = first(StepKind.REP, set_number=2, side="left", rep=1)
    done = SessionFinished(completed=True, at=FakeClock().wall())

    assert (
        for_screen_reader(StepStarted(rest, following), following)
        == announce(StepStarted(rest, following), following).speech
    )
    assert for_screen_reader(StepStarted(following, None)) == "Go. Clamshell, left side, set 2 of 3."
    assert for_screen_reader(done) == "Session done. Well done."


def test_a_screen_reader_hears_no_rep_counts_ticks_or_hold_cues() -> None:
    rep = first(StepKind.REP, rep=7)

    assert for_screen_reader(StepStarted(rep, None)) is None
    assert for_screen_reader(CountdownCue(rep, 2)) is None
    assert for_screen_reader(HoldCue(rep, starting=True)) is None


def test_a_screen_reader_hears_the_last_ten_seconds_a_pause_and_a_stop() -> None:
    hold_step = first(StepKind.HOLD)
    stopped = SessionFinished(completed=False, at=FakeClock().wall())

    assert for_screen_reader(FinalSecondsCue(hold_step, 10)) == "10 seconds left."
    assert for_screen_reader(SessionPaused(hold_step, 12.0)) == "Paused."
    assert for_screen_reader(SessionResumed(hold_step, 12.0)) == "Carrying on."
    assert for_screen_reader(stopped) == "Session stopped. What you did is saved."
    assert for_screen_reader(StepStarted(hold_step, None)) == "Calf Stretch. Hold 30 seconds."
