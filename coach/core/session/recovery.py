"""What to do with sessions the app died in: which one to offer, and whether it can be carried on.

A session is resumed only when it is recent and its routine file is the very one it started with (same
content hash), so that steps done before the crash and after it belong to the same plan. An open session
with a step finished moments ago may be running right now in another window or terminal: it is neither
offered nor closed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from coach.core.history.records import SessionRecord
from coach.core.i18n import _
from coach.core.routines.model import Routine, plan_steps
from coach.core.session.engine import resume_point

# After this long the person has long since moved on; carrying on a half session then means little (ours).
RESUME_WITHIN = timedelta(hours=12)
# A session whose last step ended this recently may still be running elsewhere (ours): the longest bundled
# step with its rest is under two minutes, so a live session always shows a step within this; a session
# paused for longer looks crashed, and is then offered with a question, never closed silently.
LIVE_WITHIN = timedelta(minutes=5)


@dataclass(frozen=True, slots=True)
class RecoveryPlan:
    """The open session to offer (the newest), and older ones to close as stopped without asking."""

    offer: SessionRecord | None
    close: tuple[SessionRecord, ...]


@dataclass(frozen=True, slots=True)
class Resumable:
    routine: Routine
    start_index: int


def may_be_running(last_activity: datetime, now: datetime) -> bool:
    """Whether an open session whose last step (or start) was at `last_activity` may still be running.

    A last step "in the future" means the clock was set back since: nothing can be told from it, so the
    session is offered (with a question) rather than hidden.
    """
    return timedelta(0) <= now - last_activity < LIVE_WITHIN


def plan_recovery(
    open_sessions: list[SessionRecord], last_activity: Mapping[int, datetime], now: datetime
) -> RecoveryPlan:
    """Offer the newest real (not simulated) open session that is not running elsewhere; close the others."""
    real = sorted(
        (
            s
            for s in open_sessions
            if not s.simulated and not may_be_running(last_activity.get(s.id, s.started_at), now)
        ),
        key=lambda s: s.started_at,
    )
    if not real:
        return RecoveryPlan(None, ())
    return RecoveryPlan(real[-1], tuple(real[:-1]))


def why_not_resumable(record: SessionRecord, routine: Routine | None, now: datetime) -> str | None:
    """None when `record` can be carried on with `routine`, else the sentence saying why not (in the language
    in use: it ends "It cannot be resumed: …")."""
    if routine is None:
        return _("its routine is no longer in your library")
    if now - record.started_at > RESUME_WITHIN:
        return _("it started too long ago to carry on")
    changed = bool(record.routine_hash) and record.routine_hash != routine.content_hash
    work = sum(1 for step in plan_steps(routine) if step.kind.is_work)
    if changed or work != record.steps_total:
        return _("its routine file has changed since")
    return None


def resumable(
    record: SessionRecord, routine: Routine | None, done: list[int], now: datetime
) -> Resumable | None:
    """Where to carry on `record` (given the indexes of its finished steps), or None if it cannot be."""
    if routine is None or why_not_resumable(record, routine, now) is not None:
        return None
    start = resume_point(plan_steps(routine), done)
    return None if start is None else Resumable(routine, start)
