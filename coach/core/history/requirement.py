"""Whether the stage a routine `requires` has been seen going well: the last two of its sessions with both
answers in had pain during at most the requirement's limit and at most that the next morning (the pain-
monitoring model's "settled by the next morning", Silbernagel 2007; two sessions as the dose rule's, ours)."""

from __future__ import annotations

from collections.abc import Sequence

from coach.core.clinical.pain_rule import PROGRESS_AFTER_SESSIONS
from coach.core.history.records import SessionRecord
from coach.core.routines.model import Requirement


def requirement_seen(sessions: Sequence[SessionRecord], requirement: Requirement) -> bool:
    """Whether `sessions` (oldest first) show the required stage going well."""
    answered = [
        s
        for s in sessions
        if s.routine_id == requirement.routine and s.pain is not None and s.morning_pain is not None
    ]
    last = answered[-PROGRESS_AFTER_SESSIONS:]
    return len(last) == PROGRESS_AFTER_SESSIONS and all(
        (s.pain or 0) <= requirement.pain_at_most and (s.morning_pain or 0) <= requirement.pain_at_most
        for s in last
    )
