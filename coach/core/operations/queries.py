"""The queries: one read path per figure, for every face (Anki's QueryOp, kept apart from the commands).

Each takes the `Coach` context, reads the store and returns plain values; none writes. The main window's
line, `coach history`, History and the report read the week, the plan, the adherence and the streak
through `summary`, from the dose days the store keeps (m009), so that they never disagree and never walk
ten years of sessions for one line; "the routine done last" has one answer (`routine_done_last`); the
advice for a routine has one reading (`advice`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from coach.core.history.records import DayMark, IcingRecord, SessionRecord
from coach.core.history.stats import DoseDays, Summary, summarize
from coach.core.operations.context import Coach

if TYPE_CHECKING:
    from coach.core.history.advice import RoutineAdvice
    from coach.core.history.tension import TensionDose
    from coach.core.routines.model import Routine
    from coach.core.running.runs import Run

# The advice of History covers every exercise routine used in this many days (issue "a physiotherapist
# would sign it": the routine done last alone hid the exercise routine's advice behind icing's). Ours.
ADVICE_LOOKBACK_DAYS = 14


def summary(coach: Coach, *, include_simulated: bool = False) -> Summary:
    """This week against the plan, the streaks and the last four weeks' adherence, from the kept dose days.

    Nothing stored yet (no database): the empty summary, without creating a database.
    """
    today, tz = coach.today()
    if not coach.has_history:
        return summarize([], today, tz)
    store = coach.store
    days = DoseDays.from_days(store.dose_days(tz, include_simulated=include_simulated))
    return summarize([], today, tz, store.day_marks(), days=days)


@dataclass(frozen=True, slots=True)
class HistoryRecords:
    """Everything stored, for `coach history` and the exports: sessions, icing runs, marks, the summary."""

    sessions: list[SessionRecord]
    icing: list[IcingRecord]
    marks: list[DayMark]
    summary: Summary
    runs: list[Run] = field(default_factory=list)  # oldest first


def history_records(coach: Coach, *, include_simulated: bool = False) -> HistoryRecords:
    """Every session and icing run, the marked days and the summary (as `summary` gives it)."""
    if not coach.has_history:  # reading history never creates a database
        return HistoryRecords([], [], [], summary(coach))
    store = coach.store
    return HistoryRecords(
        store.sessions(include_simulated=include_simulated),
        store.icing_runs(include_simulated=include_simulated),
        store.day_marks(),
        summary(coach, include_simulated=include_simulated),
        store.runs(include_simulated=include_simulated),
    )


def routine_done_last(coach: Coach) -> str | None:
    """The id of the routine of the latest real (not simulated) session, or None."""
    from coach.core.store.last_routine import last_routine_id

    return last_routine_id(coach.places.database)


def advice(
    coach: Coach,
    routine: Routine,
    *,
    include_simulated: bool = False,
    shown: Sequence[SessionRecord] | None = None,
) -> RoutineAdvice:
    """The pain rule's decision, its reason and the proposed change for `routine`.

    It reads what the rule looks at: the last two weeks (the morning trend), the last sessions at this
    version of the routine, and every warning-sign answer since the last review (AdherenceStore.
    advice_sessions); with `include_simulated` (scripts and tests), every session. `shown`: sessions the
    caller has read already (History's months), which stand in for the last two weeks.
    """
    from coach.core.clinical.pain_rule import Progression
    from coach.core.history.advice import routine_advice

    today, tz = coach.today()
    store = coach.store
    review = store.last_clinician_review()
    if shown is not None and not include_simulated:
        older = store.advice_sessions(routine.id, routine.content_hash, review)
        sessions = sorted({s.id: s for s in [*older, *shown]}.values(), key=lambda s: (s.started_at, s.id))
    else:
        sessions = _advice_sessions(coach, routine, include_simulated=include_simulated)
    found = routine_advice(
        sessions,
        routine,
        today,
        tz,
        review,
        include_simulated=include_simulated,
        dose_changes=store.dose_changes(),
    )
    if found.decision is not Progression.SEE_CLINICIAN:
        found = _running_advice(coach, routine, found, include_simulated=include_simulated)
    if found.decision is Progression.SEE_CLINICIAN:
        # The pause's sentence: which sign, the day it was answered, and urgent care for an urgent one,
        # the same words wherever the advice is shown (History, coach advice, the report).
        from coach.core.operations.pause import open_sign

        sign = open_sign(coach)
        if sign is not None:
            found = dataclasses.replace(found, reason=sign.sentence())
    return found


def _running_advice(
    coach: Coach, routine: Routine, found: RoutineAdvice, *, include_simulated: bool
) -> RoutineAdvice:
    """For a return-to-running plan, the runners' pain rule over the runs instead of the dose rule; a
    warning sign waiting for a clinician pauses it as it pauses everything (nothing starts, no next run)."""
    from coach.core.clinical.pain_rule import Progression
    from coach.core.operations.pause import open_sign
    from coach.core.running.rule import RunPlan, StageMove, runner_advice

    plan = RunPlan.of(routine)
    if plan is None:
        return found
    if open_sign(coach) is not None:
        return dataclasses.replace(found, decision=Progression.SEE_CLINICIAN, proposal=None)
    runs = coach.store.runs(include_simulated=include_simulated) if coach.has_history else []
    running = runner_advice(plan, runs)
    decisions = {
        StageMove.UP: Progression.PROGRESS,
        StageMove.HOLD: Progression.HOLD,
        StageMove.BACK: Progression.EASE,
    }
    return dataclasses.replace(
        found,
        decision=decisions[running.move],
        reason=running.sentence(),
        proposal=None,
        next_run=running.next_run,
    )


def current_run_stage(coach: Coach, routine: Routine) -> int | None:
    """The stage of `routine`'s return-to-running plan the next run is at, from the run history; None for
    a routine without a run-walk."""
    from coach.core.running.rule import RunPlan, runner_advice

    plan = RunPlan.of(routine)
    if plan is None:
        return None
    runs = coach.store.runs() if coach.has_history else []
    return runner_advice(plan, runs).stage


def _advice_sessions(coach: Coach, routine: Routine, *, include_simulated: bool) -> list[SessionRecord]:
    store = coach.store
    if include_simulated:
        return store.sessions(include_simulated=True)
    today, _ = coach.today()
    recent = store.sessions_since(today - timedelta(days=ADVICE_LOOKBACK_DAYS))
    older = store.advice_sessions(routine.id, routine.content_hash, store.last_clinician_review())
    merged = {s.id: s for s in [*older, *recent]}
    return sorted(merged.values(), key=lambda s: (s.started_at, s.id))


def routines_to_advise(
    coach: Coach, *, within_days: int | None = None, include_simulated: bool = False
) -> list[Routine]:
    """The routines the library still has that were used, the most recently used first: every one, or
    (`within_days`) those of the last days and the routine done last."""
    from coach.core.history.advice import routines_used

    if not coach.has_history:
        return []
    store = coach.store
    if include_simulated:
        used = routines_used(store.sessions(include_simulated=True))
    elif within_days is None:
        used = routines_used(store.landmark_sessions())  # each routine's latest session is among them
    else:
        today, _ = coach.today()
        used = routines_used(store.sessions_since(today - timedelta(days=within_days)))
        last = routine_done_last(coach)
        if last is not None and last not in used:
            used.append(last)
    found = (coach.library.find(routine_id) for routine_id in used)
    routines = [entry.routine for entry in found if entry is not None]
    if store.runs(include_simulated=include_simulated):  # runs logged or imported count without a session
        plans = (e.routine for e in coach.library.routines if e.routine.run_walk_exercise is not None)
        routines += [plan for plan in plans if plan.id not in used]
    return routines


def all_advice(
    coach: Coach, *, within_days: int | None = None, include_simulated: bool = False
) -> list[RoutineAdvice]:
    """The advice for every routine `routines_to_advise` names."""
    routines = routines_to_advise(coach, within_days=within_days, include_simulated=include_simulated)
    return [advice(coach, routine, include_simulated=include_simulated) for routine in routines]


def day_marks(coach: Coach) -> list[DayMark]:
    """The rest and flare-up marks."""
    return coach.store.day_marks() if coach.has_history else []


def sessions_before(coach: Coach, day: date) -> list[SessionRecord]:
    """The sessions of the local days before `day` (History's table, scrolled back), oldest first."""
    return coach.store.sessions_before(day)


def first_session_day(coach: Coach) -> date | None:
    """The local day of the first real session (where a report's period begins by default)."""
    return min((s.local_day() for s in coach.store.landmark_sessions()), default=None)


def active_minutes(coach: Coach, session_id: int) -> int:
    """The minutes of work and icing done in a session (its steps' active time), rounded."""
    from coach.core.history.stats import active_seconds

    return round(active_seconds(coach.store.step_results([session_id])) / 60)


def dose_done(coach: Coach, session_ids: Sequence[int]) -> list[TensionDose]:
    """Time under tension done against prescribed, per exercise, over the given sessions (History's last
    weeks, the report's period, `coach history --json`): one read path for the figure."""
    from coach.core.history.tension import tension_doses

    store = coach.store
    return tension_doses(store.planned_work(session_ids), store.work_counts(session_ids))


def recent_dose_done(coach: Coach, *, include_simulated: bool = False) -> list[TensionDose]:
    """`dose_done` over the sessions of the last SHORT_WEEKS weeks, as History shows it (none without a
    database: reading never creates one)."""
    from coach.core.history.stats import DAYS_PER_WEEK, SHORT_WEEKS

    if not coach.has_history:
        return []
    today, tz = coach.today()
    first = today - timedelta(days=DAYS_PER_WEEK * SHORT_WEEKS - 1)
    sessions = coach.store.sessions_since(first, include_simulated=include_simulated)
    return dose_done(coach, [s.id for s in sessions if s.local_day(tz) >= first])


def morning_check_in_due(coach: Coach) -> SessionRecord | None:
    """The session of yesterday to ask the next-morning question about now, or None (it reads the last
    two days: the rule looks at yesterday and today only)."""
    from coach.core.history.checkin import morning_check_in_due as due

    if not coach.has_history:
        return None
    today, tz = coach.today()
    return due(coach.store.sessions_since(today - timedelta(days=2)), coach.now(), tz)


def todays_plan(coach: Coach) -> Routine | None:
    """The routine the plan follows today: the one done last (else none), as the library has it now."""
    routine_id = routine_done_last(coach)
    entry = None if routine_id is None else coach.library.find(routine_id)
    return None if entry is None else entry.routine


def recent_doses(coach: Coach) -> dict[date, int]:
    """The doses done each local day of the last two weeks (what the reminders look at)."""
    from coach.core.history.reminders import doses_by_day

    if not coach.has_history:
        return {}
    today, _ = coach.today()
    return doses_by_day(coach.store.sessions_since(today - timedelta(days=ADVICE_LOOKBACK_DAYS)))


def session_for_morning(coach: Coach, morning: date) -> SessionRecord | None:
    """The session of the day before `morning` that its check-in answers for (the latest finished one not
    asked about yet, scripted sessions included), or None."""
    from coach.core.history.records import SessionStatus

    if not coach.has_history:
        return None
    _, tz = coach.today()
    day_before = morning - timedelta(days=1)
    found = [
        s
        for s in coach.store.sessions_since(day_before, include_simulated=True)
        if s.local_day(tz) == day_before and s.status is not SessionStatus.OPEN and not s.morning_asked
    ]
    return max(found, key=lambda s: (s.started_at, s.id), default=None)


def any_session_left_open(coach: Coach) -> bool:
    """Whether a session was left open (an app killed in it): only then is recovery worth loading."""
    return bool(coach.store.open_sessions())


def any_icing_left_open(coach: Coach) -> bool:
    """Whether an icing run is recorded open (a timer running, or left by an app killed or closed while
    icing): only then does the app's icing timer start with the app, to take it up or record its end."""
    return bool(coach.store.open_icing_runs())
