"""What the player says and shows for each moment of a session: one home for the wording and the cues.

The GUI plays `SoundCue`s through the sound service and speaks `speech` through the voice service; the
terminal and a screen reader use the same sentences.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass

from coach.core.routines.model import Step, StepKind
from coach.core.session.events import CountdownCue, Event, HalfwayCue, SessionFinished, StepStarted


class SoundCue(enum.Enum):
    """The moments that get a sound; the value names the WAV file in assets/sounds."""

    GET_READY = "get-ready"
    TICK = "tick"
    SWITCH_SIDE = "switch-side"
    SET_DONE = "set-done"
    SESSION_DONE = "session-done"
    ICING_DONE = "icing-done"


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
    return " · ".join(parts)


def phase(step: Step, *, paused: bool = False) -> str:
    """One word for what kind of moment this is, readable from the mat: WORK, REST, SWITCH, GET READY."""
    if paused:
        return "PAUSED"
    words = {
        StepKind.GET_READY: "GET READY",
        StepKind.REST: "REST",
        StepKind.SWITCH_SIDE: "SWITCH SIDES",
    }
    return words.get(step.kind, "WORK")


def side_word(step: Step) -> str:
    """The side as one large word (LEFT, RIGHT), or nothing for an exercise without sides or a rest."""
    return step.side.upper() if step.side and step.kind is not StepKind.REST else ""


def countdown_caption(step: Step) -> str:
    """What the big number counts down."""
    captions = {
        StepKind.GET_READY: "until you start",
        StepKind.REP: "left in this set",
        StepKind.HOLD: "hold",
        StepKind.TIMER: "left",
        StepKind.REST: "rest left",
        StepKind.SWITCH_SIDE: "to switch sides",
    }
    return captions[step.kind]


def next_up(step: Step | None) -> str:
    """The 'next up' preview of the step after the current block."""
    if step is None:
        return "Last one: the session ends after this"
    if step.kind is StepKind.REST:
        return f"Rest {_duration(step.seconds)}"
    if step.kind is StepKind.SWITCH_SIDE:
        return f"Switch to the {step.side} side"
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
        return Announcement(SoundCue.TICK)
    if isinstance(event, HalfwayCue):
        return Announcement(speech="Halfway")
    if isinstance(event, SessionFinished) and event.completed:
        return Announcement(SoundCue.SESSION_DONE, "Session done. Well done.")
    return Announcement()


def _announce_step(step: Step, following: Step | None) -> Announcement:
    if step.kind is StepKind.GET_READY:
        return Announcement(SoundCue.GET_READY, f"Get ready. {_what(step)}")
    if step.kind is StepKind.REST:
        then = f" Next: {next_up(following)}." if following else ""
        return Announcement(SoundCue.SET_DONE, f"Rest {_duration(step.seconds)}.{then}")
    if step.kind is StepKind.SWITCH_SIDE:
        return Announcement(SoundCue.SWITCH_SIDE, f"Switch to the {step.side} side.")
    if step.kind is StepKind.REP:
        return Announcement(speech=str(step.rep))
    if step.kind is StepKind.HOLD:
        return Announcement(speech=f"Hold {_duration(step.seconds)}")
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
