"""The advice for each routine a person has used: the decision, the reason, and the change it proposes.

One answer for every face (`coach advice`, the history window): the pain rule decides
(clinical/pain_rule.py), progression.py makes the change; here the two meet, and where a change cannot
go further (the top or the bottom of a range) the reason says what to do instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from coach.core.clinical.pain_rule import Progression
from coach.core.history.progression import Proposal, advise, propose
from coach.core.history.records import SessionRecord
from coach.core.routines.model import ProgressionKind, Routine

AT_THE_TOP = "Every exercise that can progress is at the top of its range"
AT_THE_BOTTOM = (
    "Every exercise that can be eased is at the bottom of its range: ask your physiotherapist to review "
    "the programme."
)
NOTHING_TO_STEP = "This routine has nothing the rule changes (stretches and icing keep their dose)."


@dataclass(frozen=True, slots=True)
class RoutineAdvice:
    """The decision for one routine, why, and the change proposed (None: none offered)."""

    routine: Routine
    decision: Progression
    reason: str
    proposal: Proposal | None


def _without_change(routine: Routine, decision: Progression) -> str:
    if all(e.progresses_by is ProgressionKind.NONE for e in routine.exercises):
        return NOTHING_TO_STEP
    if decision is Progression.PROGRESS:
        then = f"move on to the next stage, '{routine.next}'," if routine.next else "ask your physiotherapist"
        harder = (
            " for a harder version"
            if not routine.next
            else " or ask your physiotherapist for a harder version"
        )
        return f"{AT_THE_TOP}: {then}{harder}."
    return AT_THE_BOTTOM


def routine_advice(
    sessions: Sequence[SessionRecord],
    routine: Routine,
    today: date,
    tz: tzinfo | None = None,
    last_review: datetime | None = None,
    *,
    include_simulated: bool = False,
) -> RoutineAdvice:
    """The decision, its reason and the proposed change for `routine`, from the stored sessions."""
    advice = advise(sessions, routine, today, tz, last_review, include_simulated=include_simulated)
    proposal = propose(routine, advice)
    reason = advice.reason
    if proposal is None and advice.outcome in (Progression.PROGRESS, Progression.EASE):
        reason = f"{reason} {_without_change(routine, advice.outcome)}"
    return RoutineAdvice(routine, advice.outcome, reason, proposal)


def routines_used(sessions: Sequence[SessionRecord]) -> list[str]:
    """The ids of the routines in `sessions`, the most recently used first."""
    latest: dict[str, datetime] = {}
    for s in sessions:
        latest[s.routine_id] = max(latest.get(s.routine_id, s.started_at), s.started_at)
    return sorted(latest, key=lambda routine_id: latest[routine_id], reverse=True)
