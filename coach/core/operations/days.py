"""The person's other answers and choices: marked days, the next-morning check-in, a dose change, settings."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from coach.core.clinical.safety import MORNING_NIGHT_PAIN, check_pain, check_warning_sign
from coach.core.history.checkin import MorningQuestions, morning_questions
from coach.core.history.dose_changes import RecordedDoseChange
from coach.core.history.records import (
    DayMark,
    DayMarkKind,
    SessionRecord,
    check_day_span,
)
from coach.core.i18n import _
from coach.core.operations.changes import Changes, OpResult, Refused
from coach.core.operations.context import Coach
from coach.core.routines.loader import RoutineError
from coach.core.settings import Settings, save_settings

if TYPE_CHECKING:
    from coach.core.history.progression import Proposal  # loaded when a dose change is accepted

DAY_MARKS = Changes(day_marks=True)


def mark_days(
    coach: Coach,
    kind: DayMarkKind,
    first_day: date,
    last_day: date | None = None,
    reason: str = "",
) -> OpResult[DayMark]:
    """Mark a local day (or a span, ends included) as a planned rest or a flare-up."""
    last = last_day or first_day
    problem = check_day_span(first_day, last)
    if problem:
        raise Refused(problem)
    mark_id = coach.store.add_day_mark(kind, first_day, last, reason, at=coach.now())
    mark = next(m for m in coach.store.day_marks() if m.id == mark_id)
    return OpResult(mark, DAY_MARKS)


def unmark_days(coach: Coach, mark_id: int) -> OpResult[None]:
    """Take a rest or flare-up mark away."""
    coach.store.remove_day_mark(mark_id)
    return OpResult(None, DAY_MARKS)


def answer_morning_check_in(
    coach: Coach,
    session_id: int,
    pain: int | None,
    *,
    night_pain: bool | None = None,
    red_flags: Mapping[str, bool] | None = None,
    at: datetime | None = None,
) -> OpResult[SessionRecord]:
    """Store how the knee is the morning after a session (0-10; None: skipped, and never asked again), the
    night-pain answer and, once a week, the fuller red-flag list; each answer kept with the session.
    `at`: when it was answered (default now; a script answering for a past morning gives it)."""
    problem = None if pain is None else check_pain(pain)
    for key in red_flags or {}:
        problem = problem or check_warning_sign(key)
    if problem:
        raise Refused(problem)
    store, now = coach.store, at or coach.now()
    store.record_morning_pain(session_id, pain, at=now)
    if night_pain is not None:
        store.record_warning_signs(
            session_id, {MORNING_NIGHT_PAIN.key: night_pain}, asked_in="morning", at=now
        )
    if red_flags:
        store.record_warning_signs(session_id, dict(red_flags), asked_in="weekly", at=now)
    return OpResult(store.session(session_id), Changes(check_in=True))


def morning_check_in_questions(coach: Coach) -> MorningQuestions:
    """The warning-sign questions this morning's check-in asks (the fuller list once a week)."""
    return morning_questions(coach.store.last_answered("weekly"), coach.now())


def accept_progression(coach: Coach, proposal: Proposal) -> OpResult[Path]:
    """Write the proposed dose as the person's own copy of the routine (the bundled file is never touched),
    and record each change, before → after with the reason, for the physiotherapist's report."""
    today = coach.today()[0]
    places = coach.places
    try:
        from coach.core.history.progression import write_user_copy

        path = write_user_copy(proposal, places.user_routines, today, places.assets)
    except RoutineError as error:
        raise Refused(
            _("the changed routine would not load ({error}); nothing was changed").format(error=error.message)
        ) from None
    routine, advice = proposal.routine, proposal.advice
    coach.store.record_dose_changes(
        [
            RecordedDoseChange(
                today,
                routine.id,
                routine.title,
                c.exercise_id,
                c.exercise_name,
                c.before,
                c.after,
                advice.outcome.value,
                advice.reason,
            )
            for c in proposal.changes
        ]
    )
    coach.reload_library()
    return OpResult(path, Changes(routines=True, dose_changes=True))


def confirm_clinician_seen(coach: Coach, note: str = "") -> OpResult[None]:
    """Record that a clinician has seen the person and cleared them to continue (the older "I have been
    seen"; `pause.record_review` asks the answer): dose advice and exercise resume from here."""
    from coach.core.operations.pause import record_review

    return OpResult(None, record_review(coach, "cleared", note).changes)


def change_settings(coach: Coach, settings: Settings) -> OpResult[Settings]:
    """Remember the person's choice at once, so that a crash keeps it."""
    save_settings(coach.places.data_dir, settings)
    coach.remember(settings)
    return OpResult(settings, Changes(settings=True))
