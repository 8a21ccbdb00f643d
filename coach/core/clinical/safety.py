"""Clinical guard rails, each number in one place with its source (see shared CLINICAL.md).

The app supports a programme a clinician gave; it never diagnoses.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from coach.core.i18n import N_, _

# Icing: 20 minutes at most, everywhere, with the reason (CLINICAL.md "Icing"): what first-aid advice gives
# ("up to 20 minutes"); NHS patient leaflets give less (Northern Care Alliance NHS: 15 minutes every 2 hours;
# Leeds Community Healthcare NHS: 10-15 minutes up to 3 times a day), so a routine may set less. Nerve injury
# from cold: Moeller JL et al., Clin J Sport Med 1997;7(3):212-216 (peroneal palsy after 20 minutes). Bassett
# 1992 and Covington & Bassett 1993 say to limit the time and insulate the skin but give no number: they are
# not the source of the 20.
ICING_MAX_MINUTES = 20
_ICING_LIMIT = N_("icing is limited to {limit} minutes because longer cold can injure skin and nerves")
# The same sentence with the number in it, as a catalogue id of its own (shown as `_(ICING_LIMIT_REASON)`; a
# test checks that it is _ICING_LIMIT for ICING_MAX_MINUTES).
ICING_LIMIT_REASON = N_("icing is limited to 20 minutes because longer cold can injure skin and nerves")
ICING_START_ADVICE = N_("Put a thin damp cloth between the ice and your skin.")
ICING_END_ADVICE = N_("Remove the ice and check your skin.")
# NHS patient advice (Northern Care Alliance NHS): check the skin after 5 minutes; the player and the icing
# timers prompt it then (ICING_SKIN_CHECK_CUE). The sentences below are the catalogue's ids, so they hold
# the number itself (a test checks that each says ICING_SKIN_CHECK_MINUTES); shown as `_(CONSTANT)`.
ICING_SKIN_CHECK_MINUTES = 5
ICING_SKIN_CHECK_ADVICE = N_("Check your skin after about 5 minutes.")
ICING_SKIN_CHECK_CUE = N_(
    "5 minutes: lift the ice and check your skin. Stop if it is numb, white or "
    "blistered, or if the foot or shin goes numb."
)
# Contraindications completed from CLINICAL.md "Icing" (Moeller JL et al., Clin J Sport Med 1997;7(3):212-216:
# common peroneal nerve palsy after icing the outer knee).
ICING_WHO_SHOULD_NOT = N_(
    "Do not ice where you cannot feel hot and cold, with circulation problems, with cold sensitivity "
    "(such as Raynaud's), or over broken skin. Do not strap ice tightly round the knee or press it on the "
    "outer side just below the knee; stop if the foot or shin goes numb or weak."
)
# Icing again within 2 hours of the last time gets a soft warning, never a block (ours, from the NHS advice
# of 15 minutes every 2 hours, Northern Care Alliance NHS; CLINICAL.md "Icing"). The one repeat interval:
# every text about it says this number (a test checks ICING_REPEAT_WARNING against it).
ICING_REPEAT_GAP_MINUTES = 120
ICING_REPEAT_GAP_TEXT = f"{ICING_REPEAT_GAP_MINUTES // 60} hours"
ICING_REPEAT_WARNING = N_(
    "You iced less than 2 hours ago. Let the skin warm up fully before icing again, and check it first."
)

# Pain is recorded on the 0-10 numeric rating scale of the pain-monitoring model (Silbernagel KG et al., Am J
# Sports Med 2007;35(6):897-906: an Achilles tendinopathy trial whose zones physiotherapists use for PFP; the
# often-cited Thomeé 1997 PFP paper could not be found, so it is not cited; CLINICAL.md).
PAIN_MIN = 0
PAIN_MAX = 10
PAIN_ACCEPTABLE_MAX = 5
# A routine may set its own, lower limit (`pain_limit`: many sheets say "stop above 3/10"), never higher.
PAIN_LIMIT_REASON = N_(
    "the pain-monitoring model allows pain up to 5 out of 10 during exercise; "
    "a sheet may ask for less, never more"
)

# The pain rule in one sentence, for the report and the help page (replaces any citation of Thomeé 1997).
PAIN_MODEL_SUMMARY = N_(
    "Pain during exercise is acceptable up to 5 out of 10 if it has settled by the next "
    "morning (the pain-monitoring model: Silbernagel KG et al., Am J Sports Med 2007); a routine may set a "
    "lower limit."
)

# Trials of exercise for patellofemoral pain ran 4-8 weeks; no guideline fixes an exact length.
PROGRAMME_ADVICE = N_("Keep going for at least 6 weeks; your physiotherapist's plan says the rest.")

DISCLAIMER = N_(
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
        return _("an icing timer needs a positive number of minutes")
    if minutes > ICING_MAX_MINUTES:
        reason = icing_limit_reason()
        return _("{minutes} minutes is too long: {reason}").format(minutes=f"{minutes:g}", reason=reason)
    return None


def icing_limit_reason() -> str:
    """Why icing stops at ICING_MAX_MINUTES, in the language in use."""
    return _(_ICING_LIMIT).format(limit=ICING_MAX_MINUTES)


def icing_repeat_warning(last_ended: datetime | None, now: datetime) -> str | None:
    """The soft warning when icing again within ICING_REPEAT_GAP_MINUTES of the last icing's end, or None."""
    if (
        last_ended is None
        or last_ended > now
        or now - last_ended >= timedelta(minutes=ICING_REPEAT_GAP_MINUTES)
    ):
        return None
    return _(ICING_REPEAT_WARNING)


def check_pain(pain: int) -> str | None:
    """None when `pain` is on the 0-10 scale, else the sentence saying why not."""
    if isinstance(pain, bool) or not isinstance(pain, int) or not PAIN_MIN <= pain <= PAIN_MAX:
        return _("pain is recorded on a scale from {low} to {high}, got {pain}").format(
            low=PAIN_MIN, high=PAIN_MAX, pain=repr(pain)
        )
    return None


def pain_zone(pain: int) -> PainZone:
    """Which zone of the pain-monitoring model a 0-10 rating falls in."""
    if pain <= 3:
        return PainZone.SAFE
    if pain <= PAIN_ACCEPTABLE_MAX:
        return PainZone.ACCEPTABLE
    return PainZone.TOO_MUCH


# Graded high pain (ours, CLINICAL.md): at 8 or more a session stops for today, with when to get help.
PAIN_STOP_FOR_TODAY = 8
STOP_FOR_TODAY = N_(
    "Stop for today; contact your physiotherapist or GP if it has not settled in a day or two, "
    "or comes with swelling, locking or giving way."
)


# The baseline before a session (CLINICAL.md "Baseline"): one tap, skippable.
PAIN_BEFORE_QUESTION = N_("How is your knee right now, before you start?")
PAIN_BEFORE_HINT = N_(
    "0 is no pain, 10 the worst imaginable. Tomorrow morning's answer is compared with this one."
)


def pain_band(limit: int) -> str:
    """The pain a routine allows, as its reader would say it: '0–2', or 'No pain' for a limit of 0."""
    return _("No pain") if limit == 0 else f"0–{limit}"


def pain_advice(pain: int, limit: int = PAIN_ACCEPTABLE_MAX) -> str:
    """What a pain score during a session means, against the routine's own limit (at most 5).

    The model's zones (0-3 safe, 4-5 acceptable) are shown only where the limit is the model's 5; a sheet
    that stops lower gets its own band ("0–2 is within this routine's limit"), never "0–3 is safe"
    (CLINICAL.md "Band words follow the sheet").
    """
    if pain >= PAIN_STOP_FOR_TODAY:
        return _("{pain} out of 10 is far too much. {stop}").format(pain=pain, stop=_(STOP_FOR_TODAY))
    if pain > limit:
        if limit == PAIN_ACCEPTABLE_MAX:
            return _(
                "Above 5 is too much. Next time, stop an exercise that hurts this much, and tell your "
                "physiotherapist."
            )
        return _(
            "Above {limit} is more than this routine allows. Next time, stop an exercise that hurts this "
            "much, and tell your physiotherapist."
        ).format(limit=limit)
    if limit < PAIN_ACCEPTABLE_MAX:
        band = pain_band(limit)
        return _(
            "{band} is within this routine's limit, as long as it has settled by tomorrow morning."
        ).format(band=band)
    if pain_zone(pain) is PainZone.SAFE:
        return _("0–3 is safe.")
    return _("4–{limit} is acceptable, as long as it has settled by tomorrow morning.").format(limit=limit)


@dataclass(frozen=True, slots=True)
class WarningSign:
    """A warning sign: its key (stored with an answer), its words in English (marked for the catalogue) and
    whether it needs urgent care."""

    key: str
    english: str
    urgent: bool = False

    @property
    def question(self) -> str:
        """The question or statement as the person reads it, in the chosen language."""
        return _(self.english)


# The night-pain question, the same at the end of a session and in the morning check-in (CLINICAL.md
# "Warning signs"): pain that wakes a person and does not ease with a change of position, not any pain at
# night (NHS knee red flags: "pain at night or at rest that does not ease when you change position").
NIGHT_PAIN_QUESTION = N_(
    "Since your last session, has knee pain woken you at night and not eased when you changed position?"
)
# Asked at the end of every session (NHS knee red flags; CLINICAL.md "Warning signs").
SESSION_WARNING_SIGNS = (
    WarningSign("night_pain", NIGHT_PAIN_QUESTION),
    WarningSign("swelling", N_("Is there swelling around the knee cap?")),
)
# The fuller list for the help page and the weekly check-in (NHS knee red flags: NHS Gloucestershire "red
# flags for knee conditions"; NHS Greater Glasgow and Clyde (GGC) for the last two; CLINICAL.md).
# `urgent`: go to urgent care rather than waiting for an appointment (CLINICAL.md: signs 5, 7 and 8).
KNEE_WARNING_SIGNS = (
    WarningSign("injury", N_("Pain that started after a fall, twist or blow to the knee.")),
    WarningSign("weight_bearing", N_("You cannot put full weight on the leg or walk a few steps.")),
    WarningSign("swollen", N_("The knee is badly swollen or has changed shape.")),
    WarningSign("locking", N_("The knee locks (cannot straighten) or gives way.")),
    WarningSign(
        "infection", N_("The knee is hot and red, with fever, chills or feeling unwell."), urgent=True
    ),
    WarningSign("night_pain", N_("Pain at night or at rest that does not ease when you change position.")),
    WarningSign("nerves", N_("Numbness, tingling, or a cold or pale foot."), urgent=True),
    WarningSign("calf", N_("Pain, swelling, warmth or redness in the calf (a possible clot)."), urgent=True),
    # NHS Gloucestershire; NHS GGC red flags.
    WarningSign("weight_loss", N_("Unexplained weight loss, night sweats or a past cancer.")),
    # NHS GGC red flags.
    WarningSign("several_joints", N_("Pain or swelling in several joints.")),
)
# Every key an answer may be stored under: the session's two and the fuller list.
WARNING_SIGN_KEYS = tuple(dict.fromkeys(s.key for s in (*SESSION_WARNING_SIGNS, *KNEE_WARNING_SIGNS)))
# The signs that send a person to urgent care, in those words wherever the sign is shown (SEE_URGENT_CARE).
URGENT_SIGN_KEYS = frozenset(s.key for s in KNEE_WARNING_SIGNS if s.urgent)
# The night-pain question as the morning check-in asks it: the session's own words (CLINICAL.md).
MORNING_NIGHT_PAIN = SESSION_WARNING_SIGNS[0]
NO_IMPROVEMENT_ADVICE = N_("No better after a few weeks of exercise? See your GP or physiotherapist.")
SEE_A_DOCTOR = N_(
    "Please stop these exercises for now and talk to a doctor about your knee. "
    "This is a precaution, not a diagnosis."
)
# Two "yes" answers in a row (CLINICAL.md): the wording gets firmer, still calm.
SEE_A_DOCTOR_AGAIN = N_(
    "This is the second time in a row you have answered yes. Please stop these exercises and contact your "
    "GP or physiotherapist today. For a hot, red knee with fever, numbness or a cold foot, or a painful, "
    "swollen calf, go to urgent care."
)


# For the signs marked urgent (a hot red knee with fever, a numb or cold foot, a painful swollen calf).
SEE_URGENT_CARE = N_(
    "Please get medical help today: contact urgent care (in the UK, NHS 111). "
    "This is a precaution, not a diagnosis."
)


def any_urgent(keys: Iterable[str]) -> bool:
    """Whether any of these warning signs (their keys) calls for urgent care."""
    return any(key in URGENT_SIGN_KEYS for key in keys)


def warning_sign_advice(yes: Sequence[str]) -> str | None:
    """What to say after warning signs answered yes (their keys): urgent care, a doctor, or None."""
    if any_urgent(yes):
        return _(SEE_URGENT_CARE)
    return _(SEE_A_DOCTOR) if yes else None


def check_warning_sign(key: str) -> str | None:
    """None when `key` names a warning sign the app asks about, else the sentence saying why not."""
    if key in WARNING_SIGN_KEYS:
        return None
    return _("unknown warning sign {key}; known: {known}").format(
        key=repr(key), known=", ".join(WARNING_SIGN_KEYS)
    )


def warning_sign_question(key: str) -> str:
    """The question or statement for a warning-sign key, for history and the report."""
    for sign in (*SESSION_WARNING_SIGNS, *KNEE_WARNING_SIGNS):
        if sign.key == key:
            return sign.question
    return key
