"""Plain event objects the session engine emits; the store and the GUI subscribe to them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from coach.core.routines.model import Step


@dataclass(frozen=True, slots=True)
class SessionStarted:
    steps_total: int
    seconds_total: float
    at: datetime


@dataclass(frozen=True, slots=True)
class StepStarted:
    step: Step
    next_step: Step | None


@dataclass(frozen=True, slots=True)
class CountdownCue:
    """The last seconds of a step: 3, 2, 1."""

    step: Step
    seconds_left: int


@dataclass(frozen=True, slots=True)
class FinalSecondsCue:
    """A timed step (a hold, a timer, a rest, icing) has its last few seconds left: said once, not counted."""

    step: Step
    seconds_left: int


@dataclass(frozen=True, slots=True)
class HoldCue:
    """Inside a rep with a hold: the hold begins (`starting`) or ends and the person lowers."""

    step: Step
    starting: bool


@dataclass(frozen=True, slots=True)
class HalfwayCue:
    step: Step


@dataclass(frozen=True, slots=True)
class SkinCheckCue:
    """Five minutes into an icing step: lift the ice and check the skin (NHS patient advice)."""

    step: Step


@dataclass(frozen=True, slots=True)
class SideSwitch:
    step: Step
    side: str


@dataclass(frozen=True, slots=True)
class StepCompleted:
    """A step that ended, either done in full or skipped; `started_at`/`finished_at` are wall times."""

    step: Step
    started_at: datetime
    finished_at: datetime
    skipped: bool
    reps_done: int | None = None  # of a set counted up until tired: the reps the person did (None: not known)
    # The seconds the step ran, pauses not counted (None: not known): what a step skipped or stopped part
    # way through actually did, for its time under tension.
    active_seconds: float | None = None


@dataclass(frozen=True, slots=True)
class SessionPaused:
    step: Step
    remaining: float


@dataclass(frozen=True, slots=True)
class SessionResumed:
    step: Step
    remaining: float


@dataclass(frozen=True, slots=True)
class SessionFinished:
    """The end of a session: `completed` is False when the person stopped early."""

    completed: bool
    at: datetime


class NotSavedYetError(Exception):
    """A listener could not keep an event yet (a busy or full disk): said to the person through
    ListenerFailed, and expected, so no traceback is logged."""


@dataclass(frozen=True, slots=True)
class ListenerFailed:
    """A listener could not take `event` (the store could not write a step, say): the session pauses.

    `reason` is the listener's sentence, for the face to show; the event itself was still handed to every
    other listener.
    """

    event: object  # the Event that failed (an Event; `object` because the union is defined below)
    reason: str


Event = (
    SessionStarted
    | StepStarted
    | CountdownCue
    | FinalSecondsCue
    | HalfwayCue
    | SkinCheckCue
    | HoldCue
    | SideSwitch
    | StepCompleted
    | SessionPaused
    | SessionResumed
    | SessionFinished
    | ListenerFailed
)
