"""The pain-monitoring rule: progress, hold, ease, stop and ask for a review, or see a clinician first, always
with the reason.

The pain-monitoring model (Silbernagel KG et al., Am J Sports Med 2007;35(6):897-906, an Achilles
tendinopathy trial whose zones physiotherapists use for patellofemoral pain; the often-cited Thomeé 1997
paper could not be found and is not cited): pain during exercise is allowed up to 5 of 10
(PAIN_ACCEPTABLE_MAX; a sheet may set a lower `pain_limit`) and must settle by the next morning; pain that
rises week on week means too much. A warning-sign "yes" overrides all of it. Every rule here is listed with
its source in docs/clinical.md (from the team's CLINICAL.md); numbers marked *ours* are design choices.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from coach.core.clinical.pain_days import DayPain, SessionPain, pain_days
from coach.core.clinical.safety import (
    PAIN_ACCEPTABLE_MAX,
    PAIN_STOP_FOR_TODAY,
    SEE_A_DOCTOR_AGAIN,
    SEE_URGENT_CARE,
    STOP_FOR_TODAY,
    warning_sign_question,
)
from coach.core.i18n import N_, _, format_decimal

# Progress only after this many days in a row at the same dose: sessions, for a routine done once a day
# (ours, CLINICAL.md "Progress").
PROGRESS_AFTER_SESSIONS = 2
# "Settled by the next morning" means at most the lower of the pain before the session and the sheet's limit
# (CLINICAL.md "Settled"). For sessions without that score (recorded before it was asked, or skipped) we fall
# back on ours: the morning pain is in the safe zone (0-3) and within the limit, or no higher than that same
# morning's answer before the session as long as that was within the limit.
SETTLED_SAFE_MAX = 3
# Two eases with pain still above the limit: stop the exercises that hurt and ask for a review, never a third
# ease (CLINICAL.md "What moves"). Eases count in a row since the last progression or clinician review (ours).
EASES_BEFORE_REVIEW = 2
# Morning pain "rising week on week" (ours): the mean of the last 7 days' morning answers is at least this
# much higher than the mean of the 7 days before, each mean over at least MORNING_TREND_MIN_ANSWERS answers.
MORNING_RISE_MIN = 1.0
MORNING_TREND_MIN_ANSWERS = 2

STOP_AND_ASK_FOR_REVIEW = N_(
    "The dose has already been eased twice and pain is still above the limit: stop the exercises that hurt "
    "and ask your physiotherapist for a review."
)


class Progression(enum.Enum):
    PROGRESS = "progress"
    HOLD = "hold"
    EASE = "ease"
    # Two eases and pain still above the limit: no further easing; stop what hurts and ask for a review.
    STOP_AND_REVIEW = "stop-and-review"
    SEE_CLINICIAN = "see-clinician"  # a warning sign was answered yes: no dose change is offered

    @property
    def heading(self) -> str:
        """The decision in a few words, as every face heads the advice."""
        return _HEADINGS[self]  # N_-marked English: translated where shown


_HEADINGS = {
    Progression.PROGRESS: N_("Ready for a little more"),
    Progression.HOLD: N_("Keep this dose for now"),
    Progression.EASE: N_("Ease off a little"),
    Progression.STOP_AND_REVIEW: N_("Stop what hurts and ask for a review"),
    Progression.SEE_CLINICIAN: N_("See a clinician first"),
}


@dataclass(frozen=True, slots=True)
class WarningSignsSinceReview:
    """The warning signs answered yes since the person last said a clinician had seen them."""

    reported: tuple[str, ...] = ()  # keys, newest answer last
    on: str = ""  # the local date of the latest yes, as the person reads it
    twice_in_a_row: bool = False  # the last two times the questions were answered, both had a yes
    urgent: bool = False  # one of them calls for urgent care (safety.URGENT_SIGN_KEYS)


@dataclass(frozen=True, slots=True)
class ProgressionAdvice:
    outcome: Progression
    reason: str  # plain words, shown to the person as the "why"
    urgent: bool = False  # SEE_CLINICIAN for a sign that calls for urgent care
    hurt: frozenset[str] = frozenset()  # the exercises said to hurt in the sessions read: eased first


def limit_words(limit: int) -> str:
    """'this routine's limit of 2', or 'the limit of 5' where the limit is the model's own."""
    if limit >= PAIN_ACCEPTABLE_MAX:
        return _("the limit of {limit}").format(limit=limit)
    return _("this routine's limit of {limit}").format(limit=limit)


def settled(
    morning_pain: int,
    baseline: int | None = None,
    *,
    pain_before: int | None = None,
    limit: int = PAIN_ACCEPTABLE_MAX,
) -> bool:
    """Whether the knee had settled by the next morning (see SETTLED_SAFE_MAX for the definition)."""
    limit = min(limit, PAIN_ACCEPTABLE_MAX)
    if pain_before is not None:
        return morning_pain <= min(pain_before, limit)
    if morning_pain <= min(SETTLED_SAFE_MAX, limit):
        return True
    return baseline is not None and morning_pain <= min(baseline, limit)


def _above_limit_before(pain_before: int | None, morning_pain: int, limit: int) -> bool:
    """The knee was above the limit before the session and no worse the next morning: the session did not
    make it worse, so the dose is held (and the physiotherapist told), not eased."""
    return pain_before is not None and pain_before > limit and morning_pain <= pain_before


def morning_advice(pain: int, before: int | None = None, limit: int = PAIN_ACCEPTABLE_MAX) -> str:
    """What a next-morning score means: settled or not, against the pain before the session and the limit.

    Never "carry on" unless the knee has settled, and never a promise that the dose will change: a change is
    only suggested, and the person decides.
    """
    limit = min(limit, PAIN_ACCEPTABLE_MAX)
    if pain >= PAIN_STOP_FOR_TODAY:
        return _("{pain} out of 10 this morning is a lot. Rest the knee today. {stop}").format(
            pain=pain, stop=_(STOP_FOR_TODAY)
        )
    if settled(pain, pain_before=before, limit=limit):
        return _("The knee has settled since the session: good. Carry on as planned.")
    if before is not None and _above_limit_before(before, pain, limit):
        return _(
            "The knee is at {pain} out of 10 this morning ({before} before the session), above "
            "{limit}. Keep this dose for now and tell your physiotherapist."
        ).format(pain=pain, before=before, limit=limit_words(limit))
    if before is not None:
        return _(
            "The knee has not settled yet (it was {before} before the session). Rehab Coach will suggest "
            "easing the next session's dose a step; you decide whether to take it."
        ).format(before=before)
    return _(
        "The knee has not settled yet. Rehab Coach will suggest easing the next session's dose a "
        "step; you decide whether to take it."
    )


def see_clinician_reason(signs: WarningSignsSinceReview) -> str:
    """Why the advice is to see a clinician, naming what was answered and when; urgent care for the signs
    that call for it (a hot red knee with fever, a numb or cold foot, a painful swollen calf)."""
    named = "; ".join(
        _("“{question}”").format(question=_(warning_sign_question(key)).rstrip(".?").lstrip("¿"))
        for key in signs.reported
    )
    answered = _("You answered yes to {questions} on {day}.").format(questions=named, day=signs.on)
    if signs.urgent:
        reason = _(
            "{answered} {urgent_care} Stop these exercises for now; no change is offered until you say "
            "you have been seen."
        ).format(answered=answered, urgent_care=_(SEE_URGENT_CARE))
    else:
        reason = _(
            "{answered} Please stop these exercises for now and see a doctor or your physiotherapist; no "
            "change is offered until you say you have been seen."
        ).format(answered=answered)
    return f"{reason} {_(SEE_A_DOCTOR_AGAIN)}" if signs.twice_in_a_row else reason


def _ease_reason(days: Sequence[DayPain], limit: int) -> tuple[str, bool] | None:
    """Why to ease, newest day first, and whether the pain was above the limit; None: no reason to."""
    for d in reversed(days):
        if d.pain is not None and d.pain >= PAIN_STOP_FOR_TODAY:
            stop = _("Pain reached {pain} out of 10 during a recent session. {stop}")
            return stop.format(pain=d.pain, stop=_(STOP_FOR_TODAY)), True
        if d.pain is not None and d.pain > limit:
            if limit == PAIN_ACCEPTABLE_MAX:
                over = _("Pain reached {pain} out of 10 during a recent session; above 5 is too much.")
            else:
                over = _(
                    "Pain reached {pain} out of 10 during a recent session; this routine's limit is {limit}."
                )
            return over.format(pain=d.pain, limit=limit), True
        morning = d.morning_pain
        if (
            morning is not None
            and not settled(morning, d.baseline, pain_before=d.pain_before, limit=limit)
            and not _above_limit_before(d.pain_before, morning, limit)
        ):
            if d.pain_before is not None:
                reason = _(
                    "The knee had not settled by the next morning ({morning} out of 10, against {before} "
                    "before the session)."
                ).format(morning=morning, before=d.pain_before)
            else:
                reason = _("The knee had not settled by the next morning ({morning} out of 10).").format(
                    morning=morning
                )
            return reason, morning > limit
    return None


def _hold_reason(days: Sequence[DayPain], limit: int, times_per_day: int) -> str | None:
    for d in reversed(days):
        if d.pain_before is not None and d.pain_before > limit:
            return _(
                "Your knee was at {pain} out of 10 before a recent session, above "
                "{limit}: keep this dose for now and tell your physiotherapist."
            ).format(pain=d.pain_before, limit=limit_words(limit))
    once = times_per_day <= 1
    if len(days) < PROGRESS_AFTER_SESSIONS:
        if once:
            return _("Do two full sessions at this dose before changing it.")
        return _("Do two full days at this dose ({sessions} sessions each) before changing it.").format(
            sessions=times_per_day
        )
    if not all(d.done_in_full >= times_per_day for d in days):
        if once:
            return _("Your last two sessions were not both done in full, so keep this dose for now.")
        return _(
            "Your last two days did not each have {sessions} sessions done in full, so keep this "
            "dose for now."
        ).format(sessions=times_per_day)
    if any(d.pain is None for d in days):
        if once:
            return _("Pain was not recorded after each of your last two sessions, so keep this dose for now.")
        return _("Pain was not recorded after each of your last two days, so keep this dose for now.")
    if any(d.morning_pain is None for d in days):
        if once:
            return _("The next-morning check-in is missing for a recent session, so keep this dose for now.")
        return _("The next-morning check-in is missing for a recent day, so keep this dose for now.")
    return None


def progression_rule(
    recent: Sequence[SessionPain],
    morning_means: tuple[float | None, float | None] = (None, None),
    *,
    pain_limit: int = PAIN_ACCEPTABLE_MAX,
    warning_signs: WarningSignsSinceReview | None = None,
    times_per_day: int = 1,
    eases_in_a_row: int = 0,
) -> ProgressionAdvice:
    """See a clinician, stop and ask for a review, ease, hold or progress, with the reason.

    `recent` are the latest sessions at this dose, oldest first (only those after the last clinician review:
    the caller leaves the others out); the rule reads their last PROGRESS_AFTER_SESSIONS days.
    `morning_means` are the mean morning pains of the 7 days before last and of the last 7 days;
    `pain_limit` is the routine's own "stop above N"; `warning_signs` are the yes answers since the person
    last saw a clinician, which override everything else; `times_per_day` is how many sessions make a day's
    dose; `eases_in_a_row` is how many eases the person has already taken since the last progression or
    review.
    """
    if warning_signs is not None and warning_signs.reported:
        return ProgressionAdvice(
            Progression.SEE_CLINICIAN, see_clinician_reason(warning_signs), urgent=warning_signs.urgent
        )
    limit = min(pain_limit, PAIN_ACCEPTABLE_MAX)
    days = pain_days(recent)[-PROGRESS_AFTER_SESSIONS:]
    hurt = frozenset().union(*(d.hurt for d in days))
    ease = _ease_reason(days, limit)
    if ease is not None:
        reason, above_limit = ease
        if above_limit and eases_in_a_row >= EASES_BEFORE_REVIEW:
            stop = f"{reason} {_(STOP_AND_ASK_FOR_REVIEW)}"
            return ProgressionAdvice(Progression.STOP_AND_REVIEW, stop, hurt=hurt)
        return ProgressionAdvice(Progression.EASE, reason, hurt=hurt)
    before, latest = morning_means
    if before is not None and latest is not None and latest - before >= MORNING_RISE_MIN:
        return ProgressionAdvice(
            Progression.EASE,
            _("Morning pain rose from {before} to {latest} out of 10 on average, week on week.").format(
                before=format_decimal(before, 1), latest=format_decimal(latest, 1)
            ),
            hurt=hurt,
        )
    hold = _hold_reason(days, limit, times_per_day)
    if hold:
        return ProgressionAdvice(Progression.HOLD, hold)
    if times_per_day > 1:
        why = _(
            "Pain settled by the morning after your last two days, and you did every session of both in full."
        )
    else:
        why = _("Pain settled by the morning after your last two sessions, and you did both in full.")
    return ProgressionAdvice(Progression.PROGRESS, why)
