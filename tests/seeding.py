"""Sessions written straight through the store's API, as the engine's recorder would write them.

A test says exactly what happened on which day: how much was done, the pain, the next morning's answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta

from coach.core.routines.model import Routine, plan_steps
from coach.core.store.adherence import AdherenceStore
from tests.helpers import reps, routine

SHORT = routine(reps(sets=1, reps=2, rest_seconds=0), per_week=3)  # two reps: a whole session in 2 steps


def add_session(
    store: AdherenceStore,
    day: date,
    of: Routine = SHORT,
    *,
    done: int | None = None,
    pain: int | None = None,
    morning: int | None = None,
    completed: bool = True,
    signs: Mapping[str, bool | None] | None = None,
    note: str = "",
    hour: int = 12,
) -> int:
    """Record a session of `of` on `day` (UTC noon), with the first `done` work steps done (None: all)."""
    start = datetime.combine(day, time(hour), UTC)
    steps = plan_steps(of)
    session_id = store.begin_session(of, steps, start, zone=UTC)
    moment, work = start, 0
    for step in steps:
        end = moment + timedelta(seconds=step.seconds)
        skipped = step.kind.is_work and done is not None and work >= done
        work += 1 if step.kind.is_work and not skipped else 0
        store.record_step(session_id, step, moment, end, skipped=skipped)
        moment = end
    store.finish_session(session_id, completed=completed, finished_at=moment)
    if pain is not None or note:
        store.record_pain(session_id, pain, note)
    if morning is not None:
        store.record_morning_pain(session_id, morning, at=start + timedelta(hours=20))
    if signs:
        store.record_warning_signs(session_id, signs)
    return session_id
