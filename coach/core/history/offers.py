"""Advice offered and not accepted, for the physiotherapist's report.

The app offers a dose change after a session whose next morning has been answered (History, `coach
advice`); the person may take it or carry on as they were. Offers are not stored: they are worked out
again here, day by day, with the one rule that made them (advice.routine_advice), from what was known the
day after each session: the sessions up to it, the reviews and the dose changes taken by then. An offer
no dose change of that routine followed before its next session was not accepted. Runs of the same
offer, not taken, are one line.

Worked out against each routine as it is now: sessions done at an earlier version of it (before a change
was taken) are not read by the rule, so the offers listed are those since the routine's last change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from coach.core.clinical.pain_rule import Progression
from coach.core.history.advice import routine_advice
from coach.core.history.dose_changes import RecordedDoseChange
from coach.core.history.records import SessionRecord
from coach.core.routines.model import Routine

# The sessions the rule is shown when an offer is worked out again: the rule reads the last two sessions
# and their mornings, the eases in a row and the weeks at this dose; eight weeks hold all of that for a
# sheet of two or more sessions a week and keep a ten-year report quick. Ours.
LOOK_BACK = timedelta(weeks=8)
OFFERED = (Progression.PROGRESS, Progression.EASE)


@dataclass(frozen=True, slots=True)
class UnacceptedOffer:
    """A change the app offered for one routine, from `first` to `last` (`times` days), not taken."""

    routine_title: str
    decision: str  # "progress" or "ease"
    first: date
    last: date
    times: int
    reason: str  # the rule's sentence the person was shown (the latest of the run)
    changes: tuple[str, ...]  # "Clamshell 3 × 10 → 3 × 12"


def unaccepted_offers(
    sessions: Sequence[SessionRecord],
    routines: Sequence[Routine],
    first: date,
    last: date,
    tz: tzinfo | None,
    cleared: Sequence[datetime],
    dose_changes: Sequence[RecordedDoseChange],
    *,
    include_simulated: bool = False,
) -> tuple[UnacceptedOffer, ...]:
    """The offers of the days `first`..`last` that no dose change followed, oldest first.

    `sessions`: every session (not simulated unless the report includes them); `cleared`: when a clinician
    cleared the person (a review with the answer "cleared").
    """
    found: list[UnacceptedOffer] = []
    for routine in routines:
        own = sorted((s for s in sessions if s.routine_id == routine.id), key=lambda s: s.started_at)
        days = sorted({s.local_day(tz) for s in own})
        changed = sorted(c.changed_on for c in dose_changes if c.routine_id == routine.id)
        run: UnacceptedOffer | None = None
        for index, day in enumerate(days):
            offered_on = day + timedelta(days=1)
            if not first <= offered_on <= last:
                continue
            until = days[index + 1] if index + 1 < len(days) else last
            if any(offered_on <= when <= until for when in changed):
                run = None  # taken (or another change made): a later offer starts a new line
                continue
            known = [s for s in own if day - LOOK_BACK < s.local_day(tz) <= day]
            review = max((c for c in cleared if c.astimezone(tz).date() <= offered_on), default=None)
            taken = [c for c in dose_changes if c.changed_on < offered_on]
            advice = routine_advice(
                known,
                routine,
                offered_on,
                tz,
                review,
                include_simulated=include_simulated,
                dose_changes=taken,
            )
            if advice.decision not in OFFERED or advice.proposal is None:
                run = None
                continue
            changes = tuple(f"{c.exercise_name} {c.before} → {c.after}" for c in advice.proposal.changes)
            decision = advice.decision.value
            if run is not None and run.decision == decision:  # the run goes on: it is found[-1]
                run = UnacceptedOffer(
                    routine.title, decision, run.first, offered_on, run.times + 1, advice.reason, changes
                )
                found[-1] = run
            else:
                run = UnacceptedOffer(
                    routine.title, decision, offered_on, offered_on, 1, advice.reason, changes
                )
                found.append(run)
    return tuple(sorted(found, key=lambda o: (o.first, o.routine_title)))
