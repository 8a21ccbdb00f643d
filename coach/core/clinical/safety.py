"""Clinical guard rails, each number in one place with its source (see shared CLINICAL.md).

The app supports a programme a clinician gave; it never diagnoses.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

# Icing: 20 minutes at most. Longer cold can injure skin and nerves (Bassett FH et al., Am J Sports Med
# 1992;20(5):516-518; Covington & Bassett, Phys Sportsmed 1993).
ICING_MAX_MINUTES = 20
ICING_LIMIT_REASON = (
    f"icing is limited to {ICING_MAX_MINUTES} minutes because longer cold can injure skin and nerves"
)
ICING_START_ADVICE = "Put a thin damp cloth between the ice and your skin."
ICING_END_ADVICE = "Remove the ice and check your skin."
# NHS patient advice: check the skin after about 5 minutes; do not ice numb skin or poor circulation.
ICING_SKIN_CHECK_ADVICE = "Check your skin after about 5 minutes."
ICING_WHO_SHOULD_NOT = (
    "Do not ice where you cannot feel hot and cold, or if you have problems with your circulation."
)
# Icing again within 2 hours of the last time gets a soft warning, never a block (ours, after the NHS advice
# of 15 minutes every 2 to 3 hours; see CLINICAL.md "Icing").
ICING_REPEAT_GAP_MINUTES = 120
ICING_REPEAT_WARNING = (
    "You iced less than 2 hours ago. Let the skin warm up fully before icing again, and check it first."
)

# Pain is recorded on the 0-10 numeric rating scale used by the pain-monitoring model
# (Thomeé R, Phys Ther 1997;77(12):1690-1703; Silbernagel KG et al., Am J Sports Med 2007;35(6):897-906).
PAIN_MIN = 0
PAIN_MAX = 10
PAIN_ACCEPTABLE_MAX = 5
# A routine may set its own, lower limit (`pain_limit`: many sheets say "stop above 3/10"), never higher.
PAIN_LIMIT_REASON = (
    f"the pain-monitoring model allows pain up to {PAIN_ACCEPTABLE_MAX} out of 10 during exercise; "
    "a sheet may ask for less, never more"
)

# Trials of exercise for patellofemoral pain ran 4-8 weeks; no guideline fixes an exact length.
PROGRAMME_ADVICE = "Keep going for at least 6 weeks; your physiotherapist's plan says the rest."

DISCLAIMER = (
    "Rehab Coach helps you follow a programme your clinician gave you. It does not diagnose or treat; "
    "if something feels wrong, stop and ask a doctor or physiotherapist."
)


class PainZone(enum.Enum):
    SAFE = "safe"  # 0-3
    ACCEPTABLE = "acceptable"  # 4-5
    TOO_MUCH = "too much"  # above 5


def check_icing_minutes(minutes: float) -> str | None:
    """None when `minutes` is an icing time the app may offer, else the sentence saying why not."""
    if minutes <= 0:
        return "an icing timer needs a positive number of minutes"
    if minutes > ICING_MAX_MINUTES:
        return f"{minutes:g} minutes is too long: {ICING_LIMIT_REASON}"
    return None


def icing_repeat_warning(last_ended: datetime | None, now: datetime) -> str | None:
    """The soft warning when icing again within 2 hours of the last icing ended, else None."""
    if last_ended is None or now - last_ended >= timedelta(minutes=ICING_REPEAT_GAP_MINUTES):
        return None
    return ICING_REPEAT_WARNING


def check_pain(pain: int) -> str | None:
    """None when `pain` is on the 0-10 scale, else the sentence saying why not."""
    if isinstance(pain, bool) or not isinstance(pain, int) or not PAIN_MIN <= pain <= PAIN_MAX:
        return f"pain is recorded on a scale from {PAIN_MIN} to {PAIN_MAX}, got {pain!r}"
    return None


def pain_zone(pain: int) -> PainZone:
    """Which zone of the pain-monitoring model a 0-10 rating falls in."""
    if pain <= 3:
        return PainZone.SAFE
    if pain <= PAIN_ACCEPTABLE_MAX:
        return PainZone.ACCEPTABLE
    return PainZone.TOO_MUCH


_PAIN_ADVICE = {
    PainZone.SAFE: "0–3 is safe.",
    PainZone.ACCEPTABLE: "4–5 is acceptable, as long as it has settled by tomorrow morning.",
    PainZone.TOO_MUCH: (
        "Above 5 is too much. Next time, stop an exercise that hurts this much, "
        "and tell your physiotherapist."
    ),
}


def pain_advice(pain: int) -> str:
    """One calm sentence on what a 0-10 rating means in the pain-monitoring model."""
    return _PAIN_ADVICE[pain_zone(pain)]


@dataclass(frozen=True, slots=True)
class WarningSign:
    key: str
    question: str
    urgent: bool = False


# Asked at the end of every session (NHS knee red flags; CLINICAL.md "Warning signs").
SESSION_WARNING_SIGNS = (
    WarningSign("night_pain", "Have you had knee pain at night?"),
    WarningSign("swelling", "Is there swelling around the knee cap?"),
)
# The fuller list for the help page (NHS knee red flags, e.g. NHS Gloucestershire "red flags for knee
# conditions"; CLINICAL.md). `urgent`: go to urgent care rather than waiting for an appointment.
KNEE_WARNING_SIGNS = (
    WarningSign("injury", "Pain that started after a fall, twist or blow to the knee."),
    WarningSign("weight_bearing", "You cannot put full weight on the leg or walk a few steps."),
    WarningSign("swollen", "The knee is badly swollen or has changed shape."),
    WarningSign("locking", "The knee locks (cannot straighten) or gives way."),
    WarningSign("infection", "The knee is hot and red, with fever, chills or feeling unwell.", urgent=True),
    WarningSign("night_pain", "Pain at night or at rest that does not ease when you change position."),
    WarningSign("nerves", "Numbness, tingling, or a cold or pale foot.", urgent=True),
)
NO_IMPROVEMENT_ADVICE = "No better after a few weeks of exercise? See your GP or physiotherapist."
SEE_A_DOCTOR = (
    "Please stop these exercises for now and talk to a doctor about your knee. "
    "This is a precaution, not a diagnosis."
)


# -- The pain-monitoring rule: progress, hold or ease ------------------------------------------------------
# Thomeé R, Phys Ther 1997;77(12):1690-1703 (in patellofemoral pain); Silbernagel KG et al., Am J Sports Med
# 2007;35(6):897-906: pain during exercise is allowed up to 5 of 10 (PAIN_ACCEPTABLE_MAX) and must settle
# by the next morning; pain that rises from week to week means too much. CLINICAL.md summarises the model.

# Progress only after this many sessions in a row at the same dose (ours, CLINICAL.md).
PROGRESS_AFTER_SESSIONS = 2
# "Settled by the next morning" (ours, from the model's "back to the level before exercise"): we do not ask
# for pain before a session, so the morning pain counts as settled when it is in the safe zone (0-3), or
# when it is no higher than that same morning's answer before the session, as long as that was acceptable
# (at most 5). A knee that wakes at 4 both before and after a session has settled; one at 6 never has.
SETTLED_SAFE_MAX = 3
# Morning pain "rising week on week" (ours): the mean of the last 7 days' morning answers is at least this
# much higher than the mean of the 7 days before, each mean over at least MORNING_TREND_MIN_ANSWERS answers.
MORNING_RISE_MIN = 1.0
MORNING_TREND_MIN_ANSWERS = 2


class Progression(enum.Enum):
    PROGRESS = "progress"
    HOLD = "hold"
    EASE = "ease"


@dataclass(frozen=True, slots=True)
class SessionPain:
    """What the pain-monitoring rule needs to know about one session."""

    fully_done: bool
    pain: int | None  # during the session, 0-10; None: not recorded
    morning_pain: int | None  # the next morning; None: not (yet) answered
    baseline: int | None = None  # the morning answer given the same day before the session, if any


@dataclass(frozen=True, slots=True)
class ProgressionAdvice:
    outcome: Progression
    reason: str  # plain words, shown to the person as the "why"


def settled(morning_pain: int, baseline: int | None = None) -> bool:
    """Whether the knee had settled by the next morning (see SETTLED_SAFE_MAX for the definition)."""
    if morning_pain <= SETTLED_SAFE_MAX:
        return True
    return baseline is not None and morning_pain <= min(baseline, PAIN_ACCEPTABLE_MAX)


def _ease_reason(recent: Sequence[SessionPain]) -> str | None:
    for s in reversed(recent):
        if s.pain is not None and pain_zone(s.pain) is PainZone.TOO_MUCH:
            return f"Pain reached {s.pain} out of 10 during a recent session; above 5 is too much."
        if s.morning_pain is not None and not settled(s.morning_pain, s.baseline):
            return f"The knee had not settled by the next morning ({s.morning_pain} out of 10)."
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
    recent: Sequence[SessionPain], morning_means: tuple[float | None, float | None] = (None, None)
) -> ProgressionAdvice:
    """Progress, hold or ease, with the reason, from the latest sessions at this dose (oldest first).

    `morning_means` are the mean morning pains of the 7 days before last and of the last 7 days.
    """
    recent = list(recent)[-PROGRESS_AFTER_SESSIONS:]
    ease = _ease_reason(recent)
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
