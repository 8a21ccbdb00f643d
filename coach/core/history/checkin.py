"""The next-morning check-in: whether to ask "How is the knee this morning?" now, and about which session.

The rule (ours, from the pain-monitoring model's "settled by the next morning", CLINICAL.md): on a day after
a session, ask once about the most recent session, and only when
- that session was on the local day before today (a question about "this morning" makes no sense for a
  session of three days ago),
- it was finished with some work done, of a routine with a plan (not a demo, not icing alone),
- it has not been asked about yet: an answer or a skip both count, so the question never nags,
- no session has started today (exercise today would colour the answer).

With the pain score come the warning signs (CLINICAL.md "Warning signs"): the night-pain question every
time, and the fuller red-flag list once a week (ours: 7 days after it was last answered), as one short
checklist.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from coach.core.clinical.safety import KNEE_WARNING_SIGNS, MORNING_NIGHT_PAIN, WarningSign
from coach.core.history.records import SessionRecord, SessionStatus
from coach.core.i18n import N_

MORNING_QUESTION = N_("How is the knee this morning?")
MORNING_HINT = N_("0 is no pain, 10 the worst imaginable. Compare it with before yesterday's exercises.")


def _counts_for_morning(session: SessionRecord) -> bool:
    return (
        not session.simulated
        and session.status is not SessionStatus.OPEN
        and session.sessions_per_week > 0
        and session.steps_completed > 0
    )


def morning_check_in_due(
    sessions: Sequence[SessionRecord], now: datetime, tz: tzinfo | None = None
) -> SessionRecord | None:
    """The session to ask the next-morning question about at `now`, or None when there is nothing to ask."""
    today = now.astimezone(tz).date()
    if any(s.local_day(tz) == today for s in sessions):
        return None
    earlier = [s for s in sessions if _counts_for_morning(s) and s.local_day(tz) < today]
    if not earlier:
        return None
    latest = max(earlier, key=lambda s: s.started_at)
    if latest.local_day(tz) != today - timedelta(days=1) or latest.morning_asked:
        return None
    return latest


# The fuller red-flag list at the morning check-in: once a week (ours), kept short (one checklist).
RED_FLAGS_EVERY_DAYS = 7
RED_FLAGS_QUESTION = N_("In the last week, have you had any of these? Tick any that apply.")
# Night pain has its own question every morning, so the weekly list leaves it out.
WEEKLY_RED_FLAGS = tuple(s for s in KNEE_WARNING_SIGNS if s.key != MORNING_NIGHT_PAIN.key)


@dataclass(frozen=True, slots=True)
class MorningQuestions:
    """What the morning check-in asks: always the night-pain question; the fuller list when it is due."""

    night_pain: WarningSign
    red_flags: tuple[WarningSign, ...]  # empty: not this morning


def morning_questions(last_red_flags: datetime | None, now: datetime) -> MorningQuestions:
    """The check-in's warning-sign questions at `now`; `last_red_flags`: when the fuller list was answered."""
    due = last_red_flags is None or now - last_red_flags >= timedelta(days=RED_FLAGS_EVERY_DAYS)
    return MorningQuestions(MORNING_NIGHT_PAIN, WEEKLY_RED_FLAGS if due else ())
