"""The warning-sign pause: after a "yes" to a warning sign, nothing that is exercise starts until a clinician
has cleared the person (CLINICAL.md "Warning signs": a "yes" pauses exercise, not only dose changes).

Icing stays allowed. Every way into exercise asks here first: Start and the player's recovery in the app,
`coach run` in every form, `coach today`, a reminder, the desktop action. A review clears the pause only
when the person says the clinician told them they may continue (`coach review --cleared`); "not cleared"
and "not sure" keep it, and say so.
"""

from __future__ import annotations

from dataclasses import dataclass

from coach.core.clinical.pain_before import pain_before_advice
from coach.core.clinical.safety import (
    KNEE_WARNING_SIGNS,
    warning_sign_advice,
    warning_sign_question,
)
from coach.core.i18n import N_, _
from coach.core.operations.changes import Changes, OpResult, Refused
from coach.core.operations.context import Coach
from coach.core.routines.model import Routine, is_icing_only

REVIEW_ANSWERS = ("cleared", "not-cleared", "unsure")
ASK_REVIEW = N_("Did they say you may continue?")
HOW_TO_CLEAR = N_(
    "Once a clinician has seen you and said you may continue, record it (History: “I have been seen”, or "
    "`coach review --cleared`). Icing is still allowed."
)


class Paused(Refused):
    """Exercise may not start: a warning sign waits for a clinician. The message says which, when, and what
    to do; `urgent` when the sign calls for urgent care."""

    def __init__(self, sentence: str, *, urgent: bool) -> None:
        super().__init__(sentence)
        self.urgent = urgent


@dataclass(frozen=True, slots=True)
class OpenSign:
    """The warning signs answered yes since the last review that cleared the person."""

    keys: tuple[str, ...]
    answered_on: str  # the local date of the latest "yes", as the person reads it
    urgent: bool
    advice: str  # the core's sentence: urgent care, or see a doctor

    def sentence(self) -> str:
        """Which signs, when, what to do (the advice as given), and how the pause is lifted."""
        # Translators: a warning sign's question, quoted; use your language's quotation marks.
        quoted = _("“{question}”")
        named = "; ".join(
            quoted.format(question=warning_sign_question(key).rstrip(".?¿")) for key in self.keys
        )
        paused = _("Exercise is paused: on {day} you answered yes to {signs}.").format(
            day=self.answered_on, signs=named
        )
        return f"{paused} {self.advice} {_(HOW_TO_CLEAR)}"


URGENT_SIGNS = frozenset(s.key for s in KNEE_WARNING_SIGNS if s.urgent)


def open_sign(coach: Coach) -> OpenSign | None:
    """The warning signs that pause exercise now, or None. Reads only the few answers since the last
    clearing review (AdherenceStore.advice_sessions)."""
    from coach.core.history.progression import warning_signs_since_review

    if not coach.has_history:
        return None
    store = coach.store
    review = store.last_clinician_review()
    _, tz = coach.today()
    answered = store.advice_sessions("", "", review, include_simulated=True)
    signs = warning_signs_since_review(answered, review, tz)
    if not signs.reported:
        return None
    urgent = any(key in URGENT_SIGNS for key in signs.reported)
    return OpenSign(signs.reported, signs.on, urgent, warning_sign_advice(signs.reported) or "")


def why_paused(coach: Coach, routine: Routine, pain_before: int | None = None) -> str | None:
    """Why `routine` may not start now (None: it may). Icing alone is always allowed."""
    try:
        refuse_while_paused(coach, routine, pain_before)
    except Refused as refusal:
        return str(refusal)
    return None


def refuse_while_paused(coach: Coach, routine: Routine, pain_before: int | None = None) -> None:
    """Raise `Paused` (a warning sign waits) or `Refused` (too much pain to exercise today); return when
    `routine` may start."""
    if is_icing_only(routine):
        return
    sign = open_sign(coach)
    if sign is not None:
        raise Paused(sign.sentence(), urgent=sign.urgent)
    before = pain_before_advice(pain_before, routine.pain_limit)
    if not before.start:  # CLINICAL.md "Settled": 8 or more before a session → not today
        raise Refused(before.advice or "")


def advice_before(routine: Routine, pain_before: int | None) -> str | None:
    """What to say before the session starts about the pain before it (above the limit: hold, tell the
    physiotherapist), or None."""
    return pain_before_advice(pain_before, routine.pain_limit).advice


@dataclass(frozen=True, slots=True)
class Review:
    """A recorded review, and what it means for the pause, in one sentence."""

    answer: str
    sentence: str
    still_paused: bool


def record_review(coach: Coach, answer: str, note: str = "") -> OpResult[Review]:
    """Record that a clinician has seen the person, with their answer to "Did they say you may continue?":
    `cleared` lifts the pause (and dose advice starts again from here); `not-cleared` and `unsure` keep it."""
    if answer not in REVIEW_ANSWERS:
        raise Refused(
            _("a review's answer is one of {answers}, got {answer}").format(
                answers=", ".join(REVIEW_ANSWERS), answer=repr(answer)
            )
        )
    coach.store.record_clinician_review(coach.now(), note, answer)
    if answer == "cleared":
        sentence = _(
            "Noted: a clinician has seen you and said you may continue. Dose advice starts again from here."
        )
    elif answer == "not-cleared":
        sentence = _(
            "Noted: a clinician has seen you and did not clear you to continue. Exercise stays paused; "
            "follow their advice."
        )
    else:
        sentence = _(
            "Noted: a clinician has seen you, but it is not clear that you may continue. Exercise stays "
            "paused until they say you may: ask them."
        )
    paused = open_sign(coach) is not None
    return OpResult(Review(answer, sentence, paused), Changes(reviews=True))
