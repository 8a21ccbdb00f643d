"""The pain before a session: whether to start today, and what to say before starting.

CLINICAL.md "Settled": pain before a session above the sheet's limit → hold the dose and tell the
physiotherapist; 8 or more before → not today (the graded high pain of PAIN_STOP_FOR_TODAY, ours).
Both faces ask the core for the sentence and show it before the player starts.
"""

from __future__ import annotations

from dataclasses import dataclass

from coach.core.clinical.safety import PAIN_ACCEPTABLE_MAX, PAIN_STOP_FOR_TODAY
from coach.core.i18n import _


@dataclass(frozen=True, slots=True)
class PainBeforeAdvice:
    """Whether to start the session, and the sentence to show first (None: nothing to say)."""

    start: bool
    advice: str | None


def pain_before_advice(pain: int | None, limit: int = PAIN_ACCEPTABLE_MAX) -> PainBeforeAdvice:
    """What the pain just before a session means, against the routine's own limit (None: skipped)."""
    limit = min(limit, PAIN_ACCEPTABLE_MAX)
    if pain is None or pain <= limit:
        return PainBeforeAdvice(start=True, advice=None)
    if pain >= PAIN_STOP_FOR_TODAY:
        return PainBeforeAdvice(
            start=False,
            advice=_(
                "{pain} out of 10 before you start is too much to exercise on: not today. Rest the knee; "
                "contact your physiotherapist or GP if it has not settled in a day or two, "
                "or comes with swelling, locking or giving way."
            ).format(pain=pain),
        )
    if limit >= PAIN_ACCEPTABLE_MAX:
        above = _(
            "{pain} out of 10 before you start is above the limit of {limit}. The dose will not be raised "
            "until the knee is back within the limit before a session; tell your physiotherapist."
        )
    else:
        above = _(
            "{pain} out of 10 before you start is above this routine's limit of {limit}. The dose will not "
            "be raised until the knee is back within the limit before a session; tell your physiotherapist."
        )
    return PainBeforeAdvice(start=True, advice=above.format(pain=pain, limit=limit))
