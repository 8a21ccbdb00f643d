"""The pain-monitoring rule: progress, hold, ease, or see a clinician first, always with the reason.

Thomeé R, Phys Ther 1997;77(12):1690-1703 (in patellofemoral pain); Silbernagel KG et al., Am J Sports Med
2007;35(6):897-906: pain during exercise is allowed up to 5 of 10 (PAIN_ACCEPTABLE_MAX; a sheet may set a
lower `pain_limit`) and must settle by the next morning; pain that rises week on week means too much.
A warning-sign "yes" overrides all of it (CLINICAL.md). Numbers marked *ours* are design choices.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from coach.core.clinical.safety import (
    PAIN_ACCEPTABLE_MAX,
    PAIN_STOP_FOR_TODAY,
    SEE_A_DOCTOR_AGAIN,
    STOP_FOR_TODAY,
    warning_sign_question,
)

# Progress only after this many sessions in a row at the same dose (ours, CLINICAL.md).
PROGRESS_AFTER_SESSIONS = 2
# "Settled by the next morning" means back to where it started (the pain before the session). For
# sessions without that score (recorded before it was asked, or skipped) we fall back on ours: the morning
# pain is in the safe zone (0-3), or no higher than that same morning's answer before the session, as long
# as that was acceptable (at most 5).
SETTLED_SAFE_MAX = 3
# Morning pain "rising week on week" (ours): the mean of the last 7 days' morning answers is at least this
# much higher than the mean of the 7 days before, each mean over at least MORNING_TREND_MIN_ANSWERS answers.
MORNING_RISE_MIN = 1.0
MORNING_TREND_MIN_ANSWERS = 2


class Progression(enum.Enum):
    PROGRESS = "progress"
    HOLD = "hold"
    EASE = "ease"
    SEE_CLINICIAN = "see-clinician"  # a warning sign was answered yes: no dose change is offered


@dataclass(frozen=True, slots=True)
class SessionPain:
    """What the pain-monitoring rule needs to know about one session."""

    fully_done: bool
    pain: int | None  # during the session, 0-10; None: not recorded
    morning_pain: int | None  # the next morning; None: not (yet) answered
    baseline: int | None = None  # the morning answer given the same day before the session, if any
    pain_before: int | None = None  # the one-tap score just before the session


@dataclass(frozen=True, slots=True)
class WarningSignsSinceReview:
    """The warning signs answered yes since the person last said a clinician had seen them."""

    reported: tuple[str, ...] = ()  # keys, newest answer last
    on: str = ""  # the local date of the latest yes, as the person reads it
    twice_in_a_row: bool = False  # the last two times the questions were answered, both had a yes


@dataclass(frozen=True, slots=True)
class ProgressionAdvice:
    outcome: Progression
    reason: str  # plain words, shown to the person as the "why"


def settled(morning_pain: int, baseline: int | None = None, *, pain_before: int | None = None) -> bool:
    """Whether the knee had settled by the next morning (see SETTLED_SAFE_MAX for the definition)."""
    if pain_before is not None:
        return morning_pain <= pain_before
    if morning_pain <= SETTLED_SAFE_MAX:
        return True
    return baseline is not None and morning_pain <= min(baseline, PAIN_ACCEPTABLE_MAX)


def morning_advice(pain: int, before: int | None = None) -> str:
    """What a next-morning score means: settled or not, compared with before the session when known."""
    if pain >= PAIN_STOP_FOR_TODAY:
        return f"{pain} out of 10 this morning is a lot. Rest the knee today. {STOP_FOR_TODAY}"
    if settled(pain, pain_before=before):
        return "The knee has settled since the session: good. Carry on as planned."
    since = f" (it was {before} before the session)" if before is not None else ""
    return (
        f"The knee has not settled yet{since}. Rest it today if you can; "
        "the next session's dose will be eased a step."
    )


def see_clinician_reason(signs: WarningSignsSinceReview) -> str:
    """Why the advice is to see a clinician, naming what was answered and when."""
    named = "; ".join(f"“{warning_sign_question(key).rstrip('.?')}”" for key in signs.reported)
    reason = (
        f"You answered yes to {named} on {signs.on}. See a doctor or your physiotherapist before changing "
        "the dose; no change is offered until you say you have been seen."
    )
    return f"{reason} {SEE_A_DOCTOR_AGAIN}" if signs.twice_in_a_row else reason


def _ease_reason(recent: Sequence[SessionPain], limit: int) -> str | None:
    for s in reversed(recent):
        if s.pain is not None and s.pain >= PAIN_STOP_FOR_TODAY:
            return f"Pain reached {s.pain} out of 10 during a recent session. {STOP_FOR_TODAY}"
        if s.pain is not None and s.pain > limit:
            allowed = (
                "above 5 is too much" if limit == PAIN_ACCEPTABLE_MAX else f"this routine's limit is {limit}"
            )
            return f"Pain reached {s.pain} out of 10 during a recent session; {allowed}."
        if s.morning_pain is not None and not settled(s.morning_pain, s.baseline, pain_before=s.pain_before):
            before = f", against {s.pain_before} before the session" if s.pain_before is not None else ""
            return f"The knee had not settled by the next morning ({s.morning_pain} out of 10{before})."
    return None


def _hold_reason(recent: Sequence[SessionPain]) -> str | None:
    if len(recent) < PROGRESS_AFTER_SESSIONS:
        return "Do two full sessions at this dose before changing it."
    if not all(s.fully_done for s in recent):
        return "Your last two sessions were not both done in full, so keep this dose for now."
    if any(s.pain is None for s in recent):
        return "Pain was not recorded after each of your last two sessions, so keep this dose for now."
    if any(s.morning_pain is None for s in recent):
        return "The next-morning check-in is missing for a recent session, so keep this dose for now."
    return None


def progression_rule(
    recent: Sequence[SessionPain],
    morning_means: tuple[float | None, float | None] = (None, None),
    *,
    pain_limit: int = PAIN_ACCEPTABLE_MAX,
    warning_signs: WarningSignsSinceReview | None = None,
) -> ProgressionAdvice:
    """See a clinician, ease, hold or progress, with the reason, from the latest sessions at this dose.

    `recent` is oldest first; `morning_means` are the mean morning pains of the 7 days before last and of
    the last 7 days; `pain_limit` is the routine's own "stop above N"; `warning_signs` are the yes answers
    since the person last saw a clinician, which override everything else.
    """
    if warning_signs is not None and warning_signs.reported:
        return ProgressionAdvice(Progression.SEE_CLINICIAN, see_clinician_reason(warning_signs))
    recent = list(recent)[-PROGRESS_AFTER_SESSIONS:]
    ease = _ease_reason(recent, min(pain_limit, PAIN_ACCEPTABLE_MAX))
    if ease:
        return ProgressionAdvice(Progression.EASE, ease)
    before, latest = morning_means
    if before is not None and latest is not None and latest - before >= MORNING_RISE_MIN:
        return ProgressionAdvice(
            Progression.EASE,
            f"Morning pain rose from {before:.1f} to {latest:.1f} out of 10 on average, week on week.",
        )
    hold = _hold_reason(recent)
    if hold:
        return ProgressionAdvice(Progression.HOLD, hold)
    return ProgressionAdvice(
        Progression.PROGRESS,
        "Pain settled by the morning after your last two sessions, and you did both in full.",
    )
