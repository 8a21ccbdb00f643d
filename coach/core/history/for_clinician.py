"""What the receiving physiotherapist reads beyond the totals: each session's pains and signs, the mornings
that had not settled, the reviews and what was said, urgent signs with what the person was told and the
sessions done after them, and the mean pain at the start and the end of the period.

Plain functions over the period's records; the report draws what they return (coach/gui/report.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from coach.core.clinical.pain_rule import settled
from coach.core.clinical.safety import (
    PAIN_ACCEPTABLE_MAX,
    URGENT_SIGN_KEYS,
    warning_sign_advice,
    warning_sign_question,
)
from coach.core.history.records import SessionRecord
from coach.core.i18n import _

# The mean pain of the first and the last two weeks of the period (issue "a physiotherapist would sign
# it": the trend a clinician looks for first). Ours.
MEAN_WINDOW_DAYS = 14


@dataclass(frozen=True, slots=True)
class SessionLine:
    """One session as the report's table shows it."""

    day: date
    routine_title: str
    pain_before: int | None
    pain: int | None
    morning_pain: int | None
    signs: str  # "" not asked, "none", else the signs answered yes
    done: str  # "12 of 20"


@dataclass(frozen=True, slots=True)
class Review:
    """A review by a clinician the person recorded, and what they were told."""

    seen_at: datetime
    answer: str  # cleared, not-cleared, unsure
    note: str

    @property
    def said(self) -> str:
        return {
            "cleared": _("may continue"),
            "not-cleared": _("not cleared to continue"),
            "unsure": _("not sure what was said"),
        }.get(self.answer, self.answer)


@dataclass(frozen=True, slots=True)
class UrgentSign:
    """An urgent warning sign: when, which, what the person was told, and the sessions done after it."""

    day: date
    questions: tuple[str, ...]
    told: str
    sessions_after: int


def session_lines(sessions: Sequence[SessionRecord], tz: tzinfo | None = None) -> tuple[SessionLine, ...]:
    """Each session of the period, oldest first, as a line of the report's table."""
    lines = []
    for s in sessions:
        answered = [answer for _, answer in s.warning_signs if answer is not None]
        yes = s.warning_signs_reported
        signs = "" if not answered else (", ".join(yes) if yes else _("none"))
        lines.append(
            SessionLine(
                s.local_day(tz),
                s.routine_title,
                s.pain_before,
                s.pain,
                s.morning_pain,
                signs,
                _("{done} of {planned}").format(done=s.steps_completed, planned=s.steps_total),
            )
        )
    return tuple(lines)


def unsettled_mornings(sessions: Sequence[SessionRecord]) -> tuple[SessionRecord, ...]:
    """The sessions whose next morning had not settled (CLINICAL.md "Settled": at most the lower of the
    pain before and the sheet's limit)."""
    return tuple(
        s
        for s in sessions
        if s.morning_pain is not None
        and not settled(
            s.morning_pain,
            pain_before=s.pain_before,
            limit=s.pain_limit if s.pain_limit is not None else PAIN_ACCEPTABLE_MAX,
        )
    )


def pain_means(
    sessions: Sequence[SessionRecord], first: date, last: date, tz: tzinfo | None = None
) -> tuple[float | None, float | None]:
    """The mean pain during sessions of the period's first and last MEAN_WINDOW_DAYS days (None: none)."""
    window = timedelta(days=MEAN_WINDOW_DAYS - 1)

    def mean(start: date, end: date) -> float | None:
        pains = [s.pain for s in sessions if s.pain is not None and start <= s.local_day(tz) <= end]
        return sum(pains) / len(pains) if pains else None

    return mean(first, min(last, first + window)), mean(max(first, last - window), last)


def urgent_signs(sessions: Sequence[SessionRecord], tz: tzinfo | None = None) -> tuple[UrgentSign, ...]:
    """Each session with an urgent sign answered yes, what the person was told, and the sessions after it."""
    ordered = sorted(sessions, key=lambda s: s.started_at)
    found = []
    for index, s in enumerate(ordered):
        urgent = [key for key in s.warning_signs_reported if key in URGENT_SIGN_KEYS]
        if not urgent:
            continue
        after = sum(1 for later in ordered[index + 1 :] if not later.simulated or s.simulated)
        found.append(
            UrgentSign(
                s.local_day(tz),
                tuple(warning_sign_question(key) for key in urgent),
                warning_sign_advice(urgent) or "",
                after,
            )
        )
    return tuple(found)
