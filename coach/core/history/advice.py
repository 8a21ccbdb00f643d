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
from coach.core.history.dose_changes import RecordedDoseChange
from coach.core.history.progression import Proposal, advise, held_back, past_the_step_bound, propose
from coach.core.history.records import SessionRecord
from coach.core.i18n import N_, _, language
from coach.core.routines.bounds import MAX_PLANNED_STEPS
from coach.core.routines.model import ProgressionKind, Routine, RunWalk

# A single number on the sheet is a fixed dose: the app never invents a ceiling above it (CLINICAL.md
# "What moves"); at most it suggests asking for a range or the next stage.
NO_FURTHER = N_(
    "No dose here goes further: each is the sheet's fixed dose or at the top of the sheet's range"
)
AT_THE_BOTTOM = N_(
    "Every exercise that can be eased is at the bottom of its range: ask your physiotherapist to review "
    "the programme."
)
AT_THE_STEP_BOUND = N_(
    "One step up would plan more than {steps} reps, holds and timers, more than a routine may"
    " hold: ask your physiotherapist for a harder exercise or the next stage rather than more of this one."
)
NOTHING_TO_STEP = N_(
    "This routine has nothing the rule changes: stretches, other holds without reps and icing keep the "
    "sheet's dose."
)


@dataclass(frozen=True, slots=True)
class RoutineAdvice:
    """The decision for one routine, why, and the change proposed (None: none offered)."""

    routine: Routine
    decision: Progression
    reason: str
    proposal: Proposal | None
    urgent: bool = False  # see a clinician for a sign that calls for urgent care
    next_run: RunWalk | None = None  # a return-to-running plan's next run (the runners' pain rule)


def _without_change(routine: Routine, decision: Progression) -> str:
    if all(
        e.progresses_by is ProgressionKind.NONE and e.eases_by is ProgressionKind.NONE
        for e in routine.exercises
    ):
        return _(NOTHING_TO_STEP)
    if decision is Progression.PROGRESS:
        if past_the_step_bound(routine):
            return _(AT_THE_STEP_BOUND).format(
                steps=f"{MAX_PLANNED_STEPS:,}" if language() == "en" else str(MAX_PLANNED_STEPS)
            )
        if routine.next:
            move_on = _("{no_further}: move on to the next stage, '{next}', or ask your physiotherapist.")
            return move_on.format(no_further=_(NO_FURTHER), next=routine.next)
        return _("{no_further}: ask your physiotherapist for a range or the next stage.").format(
            no_further=_(NO_FURTHER)
        )
    return _(AT_THE_BOTTOM)


def _hurt_names(routine: Routine, hurt: frozenset[str]) -> str:
    names = [e.name for e in routine.exercises if e.id in hurt]
    return " " + _("You said these hurt: {exercises}.").format(exercises=", ".join(names)) if names else ""


def routine_advice(
    sessions: Sequence[SessionRecord],
    routine: Routine,
    today: date,
    tz: tzinfo | None = None,
    last_review: datetime | None = None,
    *,
    include_simulated: bool = False,
    dose_changes: Sequence[RecordedDoseChange] = (),
) -> RoutineAdvice:
    """The decision, its reason and the proposed change for `routine`, from the stored sessions.

    `last_review`: when the person last said a clinician had seen them; `dose_changes`: the changes they
    accepted (for the eases taken in a row). See `progression.advise`.
    """
    advice = advise(
        sessions,
        routine,
        today,
        tz,
        last_review,
        include_simulated=include_simulated,
        dose_changes=dose_changes,
    )
    held = held_back(sessions, routine, today, tz, include_simulated=include_simulated)
    proposal = propose(routine, advice, held)
    reason = advice.reason
    if proposal is None and advice.outcome in (Progression.PROGRESS, Progression.EASE):
        reason = f"{reason} {_without_change(routine, advice.outcome)}"
    if advice.outcome is Progression.STOP_AND_REVIEW:
        reason += _hurt_names(routine, advice.hurt)
    return RoutineAdvice(routine, advice.outcome, reason, proposal, advice.urgent)


def routines_used(sessions: Sequence[SessionRecord]) -> list[str]:
    """The ids of the routines in `sessions`, the most recently used first."""
    latest: dict[str, datetime] = {}
    for s in sessions:
        latest[s.routine_id] = max(latest.get(s.routine_id, s.started_at), s.started_at)
    return sorted(latest, key=lambda routine_id: latest[routine_id], reverse=True)
