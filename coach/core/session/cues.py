"""What the player says and shows for each moment of a session: one home for the wording and the cues.

The GUI plays `SoundCue`s through the sound service and speaks `speech` through the voice service; the
terminal and a screen reader use the same sentences.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass

from coach.core.clinical.safety import ICING_END_ADVICE, ICING_SKIN_CHECK_CUE, ICING_START_ADVICE
from coach.core.routines.model import Step, StepKind
from coach.core.session.events import (
    CountdownCue,
    Event,
    FinalSecondsCue,
    HalfwayCue,
    HoldCue,
    SessionFinished,
    SessionPaused,
    SessionResumed,
    SkinCheckCue,
    StepStarted,
)
from coach.core.session.timer import countdown_text


class SoundCue(enum.Enum):
    """The moments that get a sound; the value names the WAV file in assets/sounds."""

    GET_READY = "get-ready"
    TICK = "tick"
    REP = "rep"
    HOLD = "hold"
    RELEASE = "release"
    SWITCH_SIDE = "switch-side"
    SET_DONE = "set-done"
    SESSION_DONE = "session-done"
    ICING_DONE = "icing-done"
    RUN = "run"  # a run-walk's running interval begins
    WALK = "walk"  # its walking interval begins
    CLICK = "click"  # the cadence metronome's beat


@dataclass(frozen=True, slots=True)
class Announcement:
    """A sound and a sentence for one event; either may be None."""

    sound: SoundCue | None = None
    speech: str | None = None


def headline(step: Step) -> str:
    """The big line of the player: what to do now."""
    if step.kind is StepKind.REST:
        return "Rest"
    if step.kind is StepKind.SWITCH_SIDE:
        return f"Switch to the {step.side} side"
    return step.exercise_name


def interval_word(step: Step) -> str:
    """'Run' or 'Walk' for a run-walk's interval, else ''."""
    return {StepKind.RUN: "Run", StepKind.WALK: "Walk"}.get(step.kind, "")


def position(step: Step) -> str:
    """Where in the exercise this step is: 'Set 2 of 3 · Left side · Rep 5 of 12'."""
    if step.kind is StepKind.REST:
        return f"Set {step.set_number} of {step.sets_total} done"
    parts = []
    if step.kind is StepKind.GET_READY:
        parts.append("Get ready")
    if step.sets_total > 1:
        parts.append(f"Set {step.set_number} of {step.sets_total}")
    if step.side:
        parts.append(f"{step.side.capitalize()} side")
    if step.kind is StepKind.REP:
        parts.append(f"Rep {step.rep} of {step.reps_total}")
    if step.kind.is_interval:
        parts.append(f"{interval_word(step)} {step.repeat} of {step.repeats_total}")
        if step.cadence_bpm:
            parts.append(f"{step.cadence_bpm} steps a minute")
    return " · ".join(parts)


def phase(step: Step, *, paused: bool = False) -> str:
    """One word for what kind of moment this is, readable from the mat: WORK, REST, SWITCH, GET READY."""
    if paused:
        return "PAUSED"
    if step.icing:
        return "ICING"
    words = {
        StepKind.GET_READY: "GET READY",
        StepKind.REST: "REST",
        StepKind.SWITCH_SIDE: "SWITCH SIDES",
        StepKind.RUN: "RUN",
        StepKind.WALK: "WALK",
    }
    return words.get(step.kind, "WORK")


def side_word(step: Step) -> str:
    """The side as one large word (LEFT, RIGHT), or nothing for an exercise without sides or a rest."""
    return step.side.upper() if step.side and step.kind is not StepKind.REST else ""


def countdown_caption(step: Step) -> str:
    """What the big number counts down."""
    if step.icing:
        return "of icing left"
    captions = {
        StepKind.GET_READY: "until you start",
        StepKind.REP: "left in this set",
        StepKind.HOLD: "hold",
        StepKind.TIMER: "left",
        StepKind.REST: "rest left",
        StepKind.SWITCH_SIDE: "to switch sides",
        StepKind.RUN: "of running left",
        StepKind.WALK: "of walking left",
    }
    return captions[step.kind]


def big_number(step: Step, block_remaining: float) -> str:
    """The player's large figure: the rep's count during reps, else the time left ('45', '2:30')."""
    if step.kind is StepKind.REP:
        return str(step.rep)
    return countdown_text(block_remaining, pad_minutes=False, bare_seconds=True)


def big_number_caption(step: Step, block_remaining: float) -> str:
    """What the large figure is: 'of 12 reps · set ends in 0:38', or what the time counts down."""
    if step.kind is StepKind.REP:
        return f"of {step.reps_total} reps · set ends in {countdown_text(block_remaining, pad_minutes=False)}"
    return countdown_caption(step)


def hold_caption(step: Step) -> str:
    """What the large figure counts inside a rep's hold: the hold's seconds, read from the mat."""
    return f"seconds to hold · rep {step.rep} of {step.reps_total}"


@dataclass(frozen=True, slots=True)
class RepMoment:
    """Where inside a rep with a hold the person is: lifting, holding (whole seconds left), or lowering."""

    word: str  # "lift", "hold" or "lower"
    hold_left: int  # whole seconds of the hold still to go; 0 outside the hold
    until_change: float  # seconds until the word or the hold's second changes: when to look again

    def line(self) -> str:
        """'lift – HOLD 5 – lower': the whole rep, the part to do now in capitals."""
        parts = {"lift": "lift", "hold": "hold", "lower": "lower"}
        parts[self.word] = self.word.upper()
        if self.word == "hold":
            parts["hold"] = f"HOLD {self.hold_left}"
        return " – ".join(parts.values())


def rep_moment(step: Step, elapsed: float) -> RepMoment | None:
    """The moment `elapsed` seconds into `step`, for a rep with a hold or the sheet's tempo; None for anything
    else (a set counted up until tired has no phases of its own)."""
    if step.kind is not StepKind.REP or step.open_ended or (step.hold_seconds <= 0 and step.tempo is None):
        return None
    if elapsed < step.hold_starts_after:
        return RepMoment("lift", 0, step.hold_starts_after - elapsed)
    if elapsed < step.hold_ends_after:
        left = step.hold_ends_after - elapsed
        whole = math.ceil(left - 1e-9)
        return RepMoment("hold", whole, left - (whole - 1))
    return RepMoment("lower", 0, max(0.0, step.seconds - elapsed))


def next_up(step: Step | None) -> str:
    """The 'next up' preview of the step after the current block."""
    if step is None:
        return "Last one: the session ends after this"
    if step.kind is StepKind.REST:
        return f"Rest {_duration(step.seconds)}"
    if step.kind is StepKind.SWITCH_SIDE:
        return f"Switch to the {step.side} side"
    if step.kind.is_interval:
        return f"{interval_word(step)} {_duration(step.seconds)}"
    parts = [step.exercise_name]
    if step.sets_total > 1:
        parts.append(f"set {step.set_number} of {step.sets_total}")
    if step.side:
        parts.append(f"{step.side} side")
    return ", ".join(parts)


def announce(event: Event, following: Step | None = None) -> Announcement:
    """The sound and the spoken sentence for `event`; `following` is the step after the current block."""
    if isinstance(event, StepStarted):
        return _announce_step(event.step, following)
    if isinstance(event, CountdownCue):
        # An interval's last 10 seconds are said as well as ticked: eyes are on the road, not the screen.
        said = str(event.seconds_left) if event.step.kind.is_interval else None
        return Announcement(SoundCue.TICK, said)
    if isinstance(event, HoldCue):
        if event.starting:
            return Announcement(SoundCue.HOLD, "Hold")
        return Announcement(SoundCue.RELEASE, "Lower")
    if isinstance(event, HalfwayCue):
        return Announcement(speech="Halfway")
    if isinstance(event, SkinCheckCue):
        return Announcement(speech=ICING_SKIN_CHECK_CUE)
    if isinstance(event, SessionFinished) and event.completed:
        return Announcement(SoundCue.SESSION_DONE, "Session done. Well done.")
    return Announcement()


def for_screen_reader(event: Event, following: Step | None = None) -> str | None:
    """The sentence a screen reader announces for `event`, or None: what matters, never every second.

    The exercise, side and set when each starts, a rest and a switch of side, the last ten seconds of a
    timed step, halfway, the skin check, a pause and the end; the spoken sentences where there is one. Not
    each rep, hold cue or 3-2-1 tick: the screen shows them, and a screen reader talking every two seconds
    would drown the voice.
    """
    if isinstance(event, StepStarted):
        return _step_for_screen_reader(event.step, following)
    if isinstance(event, FinalSecondsCue):
        return f"{event.seconds_left} seconds left."
    if isinstance(event, SessionPaused):
        return "Paused."
    if isinstance(event, SessionResumed):
        return "Carrying on."
    if isinstance(event, SessionFinished) and not event.completed:
        return "Session stopped. What you did is saved."
    if isinstance(event, HalfwayCue | SkinCheckCue | SessionFinished):
        return announce(event, following).speech
    return None


def icing_done() -> str:
    """What a screen reader hears when an icing timer reaches its end (the banner says it on the screen)."""
    return f"Icing done. {ICING_END_ADVICE}"


def _step_for_screen_reader(step: Step, following: Step | None) -> str | None:
    if step.kind is StepKind.REP:  # the set's first rep: go, and which; the later reps say nothing
        return f"Go. {_what(step)}" if step.rep == 1 else None
    speech = announce(StepStarted(step, following), following).speech
    if step.kind is StepKind.HOLD:  # "Hold 30 seconds" needs the exercise and set without the screen
        return f"{_what(step)} {speech}."
    return speech


def _announce_step(step: Step, following: Step | None) -> Announcement:
    if step.kind is StepKind.GET_READY:
        return Announcement(SoundCue.GET_READY, f"Get ready. {_what(step)}")
    if step.kind is StepKind.REST:
        then = f" Next: {next_up(following)}." if following else ""
        return Announcement(SoundCue.SET_DONE, f"Rest {_duration(step.seconds)}.{then}")
    if step.kind is StepKind.SWITCH_SIDE:
        return Announcement(SoundCue.SWITCH_SIDE, f"Switch to the {step.side} side.")
    if step.kind is StepKind.REP:
        return Announcement(SoundCue.REP, str(step.rep))
    if step.kind is StepKind.RUN:
        return Announcement(SoundCue.RUN, f"Run, {_duration(step.seconds)}.")
    if step.kind is StepKind.WALK:
        return Announcement(SoundCue.WALK, f"Walk, {_duration(step.seconds)}.")
    if step.kind is StepKind.HOLD:
        return Announcement(speech=f"Hold {_duration(step.seconds)}")
    if step.icing:
        return Announcement(speech=f"{step.exercise_name}, {_duration(step.seconds)}. {ICING_START_ADVICE}")
    return Announcement(speech=f"{step.exercise_name}, {_duration(step.seconds)}")


def _what(step: Step) -> str:
    """'Clamshells, left side, set 1 of 3.'"""
    parts = [step.exercise_name]
    if step.side:
        parts.append(f"{step.side} side")
    if step.sets_total > 1:
        parts.append(f"set {step.set_number} of {step.sets_total}")
    return ", ".join(parts) + "."


def _duration(seconds: float) -> str:
    whole = math.ceil(seconds - 1e-9)
    if whole >= 60 and whole % 60 == 0:
        minutes = whole // 60
        return f"{minutes} minute" + ("s" if minutes != 1 else "")
    return f"{whole} seconds" if whole != 1 else "1 second"
