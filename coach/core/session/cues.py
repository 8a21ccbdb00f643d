"""What the player says and shows for each moment of a session: one home for the wording and the cues.

The GUI plays `SoundCue`s through the sound service and speaks `speech` through the voice service; the
terminal and a screen reader use the same sentences. Every sentence is in the language in use (`_` at the
moment it is made); a side is said in whole phrases ("left side", "Switch to the left side"), because a
language may inflect its word by its place in the sentence.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass

from coach.core.clinical.safety import ICING_END_ADVICE, ICING_SKIN_CHECK_CUE, ICING_START_ADVICE
from coach.core.i18n import N_, _, ngettext, pgettext
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


# The sides a routine may name (coach.core.routines.loader.SIDE_NAMES_3), each in every phrase it is said in.
_SIDE = {
    "left": N_("left side"),
    "right": N_("right side"),
    "affected": N_("affected side"),
    "other": N_("other side"),
    "unaffected": N_("unaffected side"),
}
_SWITCH_TO = {
    "left": N_("Switch to the left side"),
    "right": N_("Switch to the right side"),
    "affected": N_("Switch to the affected side"),
    "other": N_("Switch to the other side"),
    "unaffected": N_("Switch to the unaffected side"),
}
# The side's large word beside the countdown.
_SIDE_WORD = {
    "left": N_("LEFT"),
    "right": N_("RIGHT"),
    "affected": N_("AFFECTED"),
    "other": N_("OTHER"),
    "unaffected": N_("UNAFFECTED"),
}
# The badge: one word for what kind of moment this is.
PAUSED = N_("PAUSED")
_PHASES = {
    StepKind.GET_READY: N_("GET READY"),
    StepKind.REST: N_("REST"),
    StepKind.SWITCH_SIDE: N_("SWITCH SIDES"),
    StepKind.RUN: N_("RUN"),
    StepKind.WALK: N_("WALK"),
}
_CAPTIONS = {
    StepKind.GET_READY: N_("until you start"),
    StepKind.REP: N_("left in this set"),
    StepKind.HOLD: N_("hold"),
    StepKind.REST: N_("rest left"),
    StepKind.SWITCH_SIDE: N_("to switch sides"),
    StepKind.RUN: N_("of running left"),
    StepKind.WALK: N_("of walking left"),
}


def side_phrase(side: str) -> str:
    """'left side', in the language in use (a side no routine names is said as written)."""
    return _(_SIDE[side]) if side in _SIDE else f"{side} side"


def switch_to(side: str | None) -> str:
    """'Switch to the left side', in the language in use."""
    side = side or ""
    return _(_SWITCH_TO[side]) if side in _SWITCH_TO else f"Switch to the {side} side"


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def headline(step: Step) -> str:
    """The big line of the player: what to do now."""
    if step.kind is StepKind.REST:
        return pgettext("a break between sets", "Rest")
    if step.kind is StepKind.SWITCH_SIDE:
        return switch_to(step.side)
    return step.exercise_name


def interval_word(step: Step) -> str:
    """'Run' or 'Walk' for a run-walk's interval, else ''."""
    if step.kind is StepKind.RUN:
        return pgettext("a run-walk's interval", "Run")
    if step.kind is StepKind.WALK:
        return pgettext("a run-walk's interval", "Walk")
    return ""


def position(step: Step) -> str:
    """Where in the exercise this step is: 'Set 2 of 3 · Left side · Rep 5 of 12'."""
    if step.kind is StepKind.REST:
        return _("Set {set} of {sets} done").format(set=step.set_number, sets=step.sets_total)
    parts = []
    if step.kind is StepKind.GET_READY:
        parts.append(_("Get ready"))
    if step.sets_total > 1:
        parts.append(_("Set {set} of {sets}").format(set=step.set_number, sets=step.sets_total))
    if step.side:
        parts.append(_first_upper(side_phrase(step.side)))
    if step.kind is StepKind.REP:
        parts.append(_("Rep {rep} of {reps}").format(rep=step.rep, reps=step.reps_total))
    if step.kind.is_interval:
        run = step.kind is StepKind.RUN
        of = _("Run {repeat} of {repeats}") if run else _("Walk {repeat} of {repeats}")
        parts.append(of.format(repeat=step.repeat, repeats=step.repeats_total))
        if step.cadence_bpm:
            parts.append(_("{bpm} steps a minute").format(bpm=step.cadence_bpm))
    return " · ".join(parts)


def phase(step: Step, *, paused: bool = False) -> str:
    """One word for what kind of moment this is, readable from the mat: WORK, REST, SWITCH, GET READY."""
    if paused:
        return _(PAUSED)
    if step.icing:
        return _("ICING")
    return _(_PHASES[step.kind]) if step.kind in _PHASES else _("WORK")


def side_word(step: Step) -> str:
    """The side as one large word (LEFT, RIGHT), or nothing for an exercise without sides or a rest."""
    if not step.side or step.kind is StepKind.REST:
        return ""
    return _(_SIDE_WORD[step.side]) if step.side in _SIDE_WORD else step.side.upper()


def countdown_caption(step: Step) -> str:
    """What the big number counts down."""
    if step.icing:
        return _("of icing left")
    if step.kind is StepKind.TIMER:
        return pgettext("time still to go", "left")
    return _(_CAPTIONS[step.kind])


def big_number(step: Step, block_remaining: float) -> str:
    """The player's large figure: the rep's count during reps, else the time left ('45', '2:30')."""
    if step.kind is StepKind.REP:
        return str(step.rep)
    return countdown_text(block_remaining, pad_minutes=False, bare_seconds=True)


def big_number_caption(step: Step, block_remaining: float) -> str:
    """What the large figure is: 'of 12 reps · set ends in 0:38', or what the time counts down."""
    if step.kind is StepKind.REP:
        ends = countdown_text(block_remaining, pad_minutes=False)
        caption = ngettext(
            "of {reps} rep · set ends in {time}", "of {reps} reps · set ends in {time}", step.reps_total
        )
        return caption.format(reps=step.reps_total, time=ends)
    return countdown_caption(step)


def hold_caption(step: Step) -> str:
    """What the large figure counts inside a rep's hold: the hold's seconds, read from the mat."""
    return _("seconds to hold · rep {rep} of {reps}").format(rep=step.rep, reps=step.reps_total)


@dataclass(frozen=True, slots=True)
class RepMoment:
    """Where inside a rep with a hold the person is: lifting, holding (whole seconds left), or lowering."""

    word: str  # "lift", "hold" or "lower"
    hold_left: int  # whole seconds of the hold still to go; 0 outside the hold
    until_change: float  # seconds until the word or the hold's second changes: when to look again

    def line(self) -> str:
        """'lift – HOLD 5 – lower': the whole rep, the part to do now in capitals."""
        parts = {
            "lift": pgettext("a part of a rep", "lift"),
            "hold": pgettext("a part of a rep", "hold"),
            "lower": pgettext("a part of a rep", "lower"),
        }
        parts[self.word] = parts[self.word].upper()
        if self.word == "hold":
            parts["hold"] = _("HOLD {seconds}").format(seconds=self.hold_left)
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
        return _("Last one: the session ends after this")
    if step.kind is StepKind.REST:
        return _("Rest {duration}").format(duration=_duration(step.seconds))
    if step.kind is StepKind.SWITCH_SIDE:
        return switch_to(step.side)
    if step.kind.is_interval:
        interval = _("Run {duration}") if step.kind is StepKind.RUN else _("Walk {duration}")
        return interval.format(duration=_duration(step.seconds))
    parts = [step.exercise_name]
    if step.sets_total > 1:
        parts.append(_set_of(step))
    if step.side:
        parts.append(side_phrase(step.side))
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
            return Announcement(SoundCue.HOLD, pgettext("said as a rep's hold begins", "Hold"))
        return Announcement(SoundCue.RELEASE, pgettext("said as a rep's hold ends", "Lower"))
    if isinstance(event, HalfwayCue):
        return Announcement(speech=_("Halfway"))
    if isinstance(event, SkinCheckCue):
        return Announcement(speech=_(ICING_SKIN_CHECK_CUE))
    if isinstance(event, SessionFinished) and event.completed:
        return Announcement(SoundCue.SESSION_DONE, _("Session done. Well done."))
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
        left = ngettext("{seconds} second left.", "{seconds} seconds left.", event.seconds_left)
        return left.format(seconds=event.seconds_left)
    if isinstance(event, SessionPaused):
        return _("Paused.")
    if isinstance(event, SessionResumed):
        return _("Carrying on.")
    if isinstance(event, SessionFinished) and not event.completed:
        return _("Session stopped. What you did is saved.")
    if isinstance(event, HalfwayCue | SkinCheckCue | SessionFinished):
        return announce(event, following).speech
    return None


def icing_done() -> str:
    """What a screen reader hears when an icing timer reaches its end (the banner says it on the screen)."""
    return _("Icing done. {advice}").format(advice=_(ICING_END_ADVICE))


def _step_for_screen_reader(step: Step, following: Step | None) -> str | None:
    if step.kind is StepKind.REP:  # the set's first rep: go, and which; the later reps say nothing
        return _("Go. {what}").format(what=_what(step)) if step.rep == 1 else None
    speech = announce(StepStarted(step, following), following).speech
    if step.kind is StepKind.HOLD:  # "Hold 30 seconds" needs the exercise and set without the screen
        return f"{_what(step)} {speech}."
    return speech


def _announce_step(step: Step, following: Step | None) -> Announcement:
    if step.kind is StepKind.GET_READY:
        return Announcement(SoundCue.GET_READY, _("Get ready. {what}").format(what=_what(step)))
    duration = _duration(step.seconds)
    if step.kind is StepKind.REST:
        rest = _("Rest {duration}.").format(duration=duration)
        if following:
            rest += " " + _("Next: {next}.").format(next=next_up(following))
        return Announcement(SoundCue.SET_DONE, rest)
    if step.kind is StepKind.SWITCH_SIDE:
        return Announcement(SoundCue.SWITCH_SIDE, switch_to(step.side) + ".")
    if step.kind is StepKind.REP:
        return Announcement(SoundCue.REP, str(step.rep))
    if step.kind is StepKind.RUN:
        return Announcement(SoundCue.RUN, _("Run, {duration}.").format(duration=duration))
    if step.kind is StepKind.WALK:
        return Announcement(SoundCue.WALK, _("Walk, {duration}.").format(duration=duration))
    if step.kind is StepKind.HOLD:
        return Announcement(speech=_("Hold {duration}").format(duration=duration))
    timed = _("{exercise}, {duration}").format(exercise=step.exercise_name, duration=duration)
    if step.icing:
        return Announcement(speech=f"{timed}. {_(ICING_START_ADVICE)}")
    return Announcement(speech=timed)


def _set_of(step: Step) -> str:
    """'set 2 of 3', inside a sentence."""
    return _("set {number} of {total}").format(number=step.set_number, total=step.sets_total)


def _what(step: Step) -> str:
    """'Clamshells, left side, set 1 of 3.'"""
    parts = [step.exercise_name]
    if step.side:
        parts.append(side_phrase(step.side))
    if step.sets_total > 1:
        parts.append(_set_of(step))
    return ", ".join(parts) + "."


def _duration(seconds: float) -> str:
    """'1 minute', '2 minutes', '45 seconds', as said."""
    whole = math.ceil(seconds - 1e-9)
    if whole >= 60 and whole % 60 == 0:
        minutes = whole // 60
        return ngettext("{count} minute", "{count} minutes", minutes).format(count=minutes)
    return ngettext("{count} second", "{count} seconds", whole).format(count=whole)
