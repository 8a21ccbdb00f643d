"""Guided sessions: start one, record each step as it finishes, answer the end of it, recover after a crash.

A session is written as it happens: the row when it starts, each step the moment the engine reports it, the
end when it comes, the answers (pain, warning signs, a note) as they are given. A crash loses at most the
step in progress; the next start finds the open session and offers to carry it on.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from coach.core.clinical.safety import (
    PAIN_ACCEPTABLE_MAX,
    SEE_A_DOCTOR,
    SEE_A_DOCTOR_AGAIN,
    SESSION_WARNING_SIGNS,
    check_pain,
    check_warning_sign,
    pain_advice,
)
from coach.core.history.outcome import SessionOutcome, session_outcome
from coach.core.history.records import SessionRecord
from coach.core.i18n import N_, _
from coach.core.operations.changes import Changes, OpResult, Refused
from coach.core.operations.context import Coach
from coach.core.operations.icing import IcingEnding
from coach.core.operations.icing_steps import IcingSteps, IcingStepStart, LaterIcingEnding
from coach.core.routines.model import Routine, is_icing_only, plan_steps, total_seconds
from coach.core.session.clock import FakeClock
from coach.core.session.engine import SessionEngine
from coach.core.session.events import Event, NotSavedYetError, SessionFinished, StepCompleted
from coach.core.session.recovery import plan_recovery, resumable, why_not_resumable
from coach.core.store.errors import StoreError

SESSION = Changes(sessions=True)
STEP = Changes(steps=True)


@dataclass(eq=False)
class LiveSession:
    """A session being done: its engine, and the stored session each finished step is written to.

    The engine is not started: the face that shows it starts it, and announces the session's changes when
    it ends (History need not redraw at every rep). `finished` is how it ended, once it has.
    """

    coach: Coach
    session_id: int
    routine: Routine
    engine: SessionEngine
    resumed: bool = False
    simulated: bool = False
    finished: SessionFinished | None = field(default=None, init=False)
    # What to say before it starts about the pain before it (above the sheet's limit), if anything.
    said_before: str | None = field(default=None, init=False)
    icing: IcingSteps = field(init=False)

    # Steps, the end, and the start and end of an icing step's run, in order, each written in its turn.
    unsaved: list[StepCompleted | SessionFinished | IcingEnding | IcingStepStart | LaterIcingEnding] = field(
        default_factory=list, init=False
    )
    # How long one write may wait for another program's lock (None: the store's whole busy timeout). A face
    # that must not freeze (the app's GUI thread) sets it short and calls `save_waiting` again later.
    patience: float | None = field(default=None, init=False)
    _busy_since: float | None = field(default=None, init=False)
    # A run-walk's intervals as they end: the run recorded when the session ends (operations/running.py).
    intervals: list[StepCompleted] = field(default_factory=list, init=False)

    def __post_init__(self) -> None:
        self.icing = IcingSteps(
            self.coach.with_clock(self.engine.clock),
            self.session_id,
            simulated=self.simulated,
            patience=lambda: self.patience,
        )
        self.engine.icing_deadline = self.icing.deadline_for
        self.engine.subscribe(self._on_event)

    def _on_event(self, event: Event) -> None:
        """Write each finished step and the end; what cannot be written yet is kept, in order, and retried.

        A StoreError goes back to the engine as NotSavedYetError: it pauses the session and tells the face
        (ListenerFailed).
        """
        if isinstance(event, SessionFinished):
            self.finished = event
        if isinstance(event, StepCompleted) and event.step.kind.is_interval:
            self.intervals.append(event)
        if isinstance(event, StepCompleted | SessionFinished):
            self.unsaved.append(event)
            ending = self.icing.ending(event)
            if ending is not None:
                self.unsaved.append(ending)
        waiting = self.icing.waiting  # an icing step's run begun while the lock was held: in its turn
        if waiting is not None and not any(queued is waiting for queued in self.unsaved):
            self.unsaved.insert(self._before_its_ending(waiting), waiting)
        if isinstance(event, StepCompleted | SessionFinished):
            try:
                if self.patience is None:
                    self.save_unsaved()
                else:
                    self.save_waiting()
            except StoreError as error:
                raise NotSavedYetError(str(error)) from error

    def save_waiting(self, *, waited: float = 0.0) -> OpResult[bool]:
        """Write what waits, each write waiting at most `patience` for the lock; whether all is written.
        `waited`: seconds the caller has already waited on its own count (the session has ended, its clock
        may not be asked); past the store's busy timeout a busy store is StoreBusyError at once.

        While another program holds the lock the steps wait their turn, in order, and the session carries
        on; only once it has been held for the store's whole busy timeout does StoreBusyError go up (the
        engine then pauses and the face says so, as when a write fails).
        """
        from coach.core.store import writing

        try:
            with self.coach.store.patience(self.patience or writing.BUSY_TIMEOUT_SECONDS):
                changes = self.save_unsaved().changes
        except writing.StoreBusyError:
            now = self.engine.clock.monotonic()
            self._busy_since = now if self._busy_since is None else self._busy_since
            waited = max(waited, now - self._busy_since)
            if waited < writing.BUSY_TIMEOUT_SECONDS:
                return OpResult(False)
            self._busy_since = None
            raise
        self._busy_since = None
        return OpResult(True, changes)

    def save_unsaved(self) -> OpResult[None]:
        """Write what could not be written before (a busy or full disk), oldest first; else StoreError."""
        changes = Changes()
        while self.unsaved:
            event = self.unsaved[0]
            if isinstance(event, StepCompleted):
                changes |= record_step(self.coach, self.session_id, event).changes
            elif isinstance(event, IcingEnding | LaterIcingEnding):
                changes |= event.write(self.icing.coach).changes
            elif isinstance(event, IcingStepStart):
                started = self.icing.write_start(event)
                changes |= started.changes
                if started.value is not None:  # the live run joined: the step follows its deadline
                    self.engine.follow_run(event.index, started.value)
            else:
                changes |= finish_session(self.coach, self.session_id, event).changes
                changes |= self._record_run(event).changes
            self.unsaved.pop(0)
        return OpResult(None, changes)

    def record(self) -> SessionRecord:
        return self.coach.store.session(self.session_id)

    def _before_its_ending(self, start: IcingStepStart) -> int:
        """Where a waiting icing start goes in the queue: before its run's ending (an icing step that began
        and ended in one tick), else last."""
        for place, queued in enumerate(self.unsaved):
            if isinstance(queued, LaterIcingEnding) and queued.start is start:
                return place
        return len(self.unsaved)

    def _record_run(self, finished: SessionFinished) -> OpResult[int | None]:
        """A session of a run-walk is a run, recorded as the session ends (finished or stopped)."""
        from coach.core.operations.running import record_guided_run, run_seconds_done

        started = self.intervals[0].started_at if self.intervals else finished.at
        return record_guided_run(
            self.coach,
            self.routine,
            self.session_id,
            started_at=started,
            seconds=run_seconds_done(self.intervals),
            simulated=self.simulated,
        )


def start_session(coach: Coach, routine: Routine, *, simulated: bool = False) -> OpResult[LiveSession]:
    """Open a session of `routine` in the store and give back its engine (not yet started); a return-to-
    running plan at the stage its runs have reached (coach/core/running/rule.py)."""
    routine = _at_run_stage(coach, routine)
    engine = SessionEngine(plan_steps(routine, coach.settings.affected_side or None), coach.clock)
    session_id = coach.store.begin_session(routine, engine.steps, coach.now(), simulated=simulated)
    return OpResult(LiveSession(coach, session_id, routine, engine, simulated=simulated), SESSION)


def _at_run_stage(coach: Coach, routine: Routine) -> Routine:
    """`routine` as a session of it plans today: a run-walk at the stage its runs have reached."""
    from coach.core.operations.queries import current_run_stage
    from coach.core.running.rule import at_stage

    stage = current_run_stage(coach, routine)
    return routine if stage is None else at_stage(routine, stage)


def begin_session(coach: Coach, routine: Routine, pain_before: int | None = None) -> OpResult[LiveSession]:
    """Begin a session as a person does, in either face: the pain before it (None: skipped, or a routine of
    icing alone, which asks none), then the session itself. Refused (nothing started) while a warning sign
    waits for a clinician, or when the pain before is too high to exercise today."""
    problem = None if pain_before is None else check_pain(pain_before)
    if problem:
        raise Refused(problem)
    from coach.core.operations.pause import advice_before, refuse_while_paused

    refuse_while_paused(coach, routine, pain_before)
    result = start_session(coach, routine)
    live = result.value
    live.said_before = (
        " ".join(
            said
            for said in (advice_before(routine, pain_before), _requirement_not_seen(coach, routine))
            if said
        )
        or None
    )
    if pain_before is not None and not is_icing_only(routine):
        coach.store.record_pain_before(live.session_id, pain_before)
    return result


def _requirement_not_seen(coach: Coach, routine: Routine) -> str | None:
    """What to say before a routine whose `requires` Rehab Coach has not seen going well, or None."""
    requirement = routine.requires
    if requirement is None:
        return None
    from coach.core.clinical.running import REQUIREMENT_NOT_SEEN
    from coach.core.history.requirement import requirement_seen

    if requirement_seen(coach.store.sessions(), requirement):
        return None
    entry = coach.library.find(requirement.routine)
    stage = f"“{entry.routine.title}”" if entry else f"'{requirement.routine}'"
    return _(REQUIREMENT_NOT_SEEN).format(stage=stage, pain=requirement.pain_at_most)


def asks_pain_before(routine: Routine) -> bool:
    """Whether a session of `routine` begins with the one-tap pain score (icing alone asks the knee after)."""
    return not is_icing_only(routine)


def record_step(coach: Coach, session_id: int, event: StepCompleted) -> OpResult[None]:
    """Commit one finished (or skipped) step of a running session, at once, with its time under tension."""
    coach.store.record_step(
        session_id,
        event.step,
        event.started_at,
        event.finished_at,
        skipped=event.skipped,
        reps_done=event.reps_done,
        active_seconds=event.active_seconds,
    )
    return OpResult(None, STEP)


def finish_session(coach: Coach, session_id: int, event: SessionFinished) -> OpResult[SessionRecord]:
    """Close a session that reached its end (or was stopped early)."""
    coach.store.finish_session(session_id, completed=event.completed, finished_at=event.at)
    return OpResult(coach.store.session(session_id), SESSION)


@dataclass(frozen=True, slots=True)
class EndOfSession:
    """The end-of-session answers as stored, and what to say back: the outcome, the pain advice, a doctor."""

    record: SessionRecord
    outcome: SessionOutcome
    pain_advice: str | None  # None: no pain given
    see_a_doctor: str | None  # the calm "please see a doctor" when a warning sign was answered yes


# The end page's optional question (CLINICAL.md "What moves": easing goes first to the exercises that hurt).
HURT_QUESTION = N_("Did any exercise hurt? Tick those that did (optional).")


def hurt_choices(routine: Routine) -> tuple[tuple[str, str], ...]:
    """The exercises the end of a session asks about, (id, name): every one but icing."""
    return tuple((e.id, e.name) for e in routine.exercises if not e.icing)


def answer_session_end(
    coach: Coach,
    session_id: int,
    *,
    pain: int | None,
    warning_signs: Mapping[str, bool | None] | None = None,
    note: str = "",
    hurt: Collection[str] | None = None,
) -> OpResult[EndOfSession]:
    """Store the answers to the end-of-session questions (each may be asked again: the last answer stays);
    `hurt`: the exercises the person said hurt (None: not asked)."""
    problem = None if pain is None else check_pain(pain)
    for key in warning_signs or {}:
        problem = problem or check_warning_sign(key)
    if problem:
        raise Refused(problem)
    store = coach.store
    store.record_pain(session_id, pain, note)
    from coach.core.operations.running import answer_guided_run_pain

    answer_guided_run_pain(coach, session_id, pain)
    if hurt is not None:
        store.record_hurt(session_id, hurt)
    if warning_signs is not None:
        store.record_warning_signs(session_id, warning_signs)
    record = store.session(session_id)
    return OpResult(end_of_session(record, store.sessions(include_simulated=record.simulated)), SESSION)


def answer_pain_before(coach: Coach, session_id: int, pain: int | None) -> OpResult[SessionRecord]:
    """Store the one-tap pain score before a session (None: skipped), so "settled" has a baseline."""
    problem = None if pain is None else check_pain(pain)
    if problem:
        raise Refused(problem)
    coach.store.record_pain_before(session_id, pain)
    return OpResult(coach.store.session(session_id), SESSION)


def end_of_session(record: SessionRecord, history: Sequence[SessionRecord] = ()) -> EndOfSession:
    """What the end of `record` says: its outcome, the advice for its pain (against the routine's own
    limit), whether to see a doctor, more firmly after a second "yes" in a row (`history`: the sessions)."""
    limit = record.pain_limit if record.pain_limit is not None else PAIN_ACCEPTABLE_MAX
    doctor = None
    if record.warning_signs_reported:
        doctor = _(SEE_A_DOCTOR_AGAIN) if _yes_before(record, history) else _(SEE_A_DOCTOR)
    return EndOfSession(
        record,
        session_outcome(record),
        None if record.pain is None else pain_advice(record.pain, limit),
        doctor,
    )


def _yes_before(record: SessionRecord, history: Sequence[SessionRecord]) -> bool:
    """Whether the last session before `record` whose questions were answered had a warning sign too."""
    earlier = [
        s
        for s in history
        if s.started_at < record.started_at and any(answer is not None for _, answer in s.warning_signs)
    ]
    return bool(earlier) and bool(max(earlier, key=lambda s: s.started_at).warning_signs_reported)


def run_instant_session(
    coach: Coach,
    routine: Routine,
    *,
    now: datetime | None = None,
    pain: int | None = None,
    pain_before: int | None = None,
    warning_signs: Sequence[str] = (),
) -> OpResult[SessionRecord]:
    """Run a whole session at once on a simulated clock and record it, marked simulated (demos, tests).

    The simulated session ends at `now`, so that it lands in today's history like a real one would.
    `warning_signs` are the keys answered yes; with any, the session's two questions are answered (the
    others no), as a person at the end page would.
    """
    for key in warning_signs:
        problem = check_warning_sign(key)
        if problem:
            raise Refused(problem)
    end = coach.now() if now is None else now
    clock = FakeClock(wall=end - timedelta(seconds=total_seconds(plan_steps(routine))))
    simulated = coach.with_clock(clock)
    live = start_session(simulated, routine, simulated=True).value
    if pain_before is not None:
        answer_pain_before(simulated, live.session_id, pain_before)
    live.engine.start()
    clock.advance(live.engine.seconds_total)
    live.engine.tick()
    if pain is not None or warning_signs:
        answers: dict[str, bool | None] = {sign.key: False for sign in SESSION_WARNING_SIGNS}
        answers.update(dict.fromkeys(warning_signs, True))
        answer_session_end(simulated, live.session_id, pain=pain, warning_signs=answers)
    return OpResult(live.record(), SESSION)


@dataclass(frozen=True, slots=True)
class RecoveryOffer:
    """A session the app or the computer died in: the one to offer, and why it cannot be carried on."""

    record: SessionRecord
    why_not: str | None  # None: it can be resumed
    steps_done: int


def find_recovery(coach: Coach) -> OpResult[RecoveryOffer | None]:
    """Close older sessions left open as stopped early; return the newest one to offer, if any.

    Sessions that may be running right now elsewhere (a step finished moments ago) are left alone.
    """
    store, now = coach.store, coach.now()
    open_sessions = store.open_sessions()
    plan = plan_recovery(open_sessions, {s.id: store.last_activity(s.id) for s in open_sessions}, now)
    for record in plan.close:
        store.close_abandoned(record.id)
    changes = SESSION if plan.close else Changes()
    if plan.offer is None:
        return OpResult(None, changes)
    record = plan.offer
    entry = coach.library.find(record.routine_id)
    why_not = why_not_resumable(record, entry.routine if entry else None, now)
    return OpResult(RecoveryOffer(record, why_not, record.steps_completed), changes)


def resume_session(coach: Coach, session_id: int) -> OpResult[LiveSession]:
    """Carry on an open session at the set it stopped in; Refused (with why) when it cannot be."""
    store, now = coach.store, coach.now()
    record = store.session(session_id)
    entry = coach.library.find(record.routine_id)
    routine = _at_run_stage(coach, entry.routine) if entry else None
    if routine is not None:  # carrying a session on starts exercise too: not while a sign waits
        from coach.core.operations.pause import refuse_while_paused

        refuse_while_paused(coach, routine)
    found = resumable(record, routine, store.done_step_indexes(session_id), now)
    if found is None:
        why = why_not_resumable(record, routine, now) or _("every step of it is already done")
        raise Refused(_("This session cannot be carried on: {why}.").format(why=why))
    steps = plan_steps(found.routine, coach.settings.affected_side or None)
    engine = SessionEngine(steps, coach.clock, start_index=found.start_index)
    return OpResult(LiveSession(coach, session_id, found.routine, engine, resumed=True), SESSION)


def close_abandoned_session(coach: Coach, session_id: int) -> OpResult[SessionRecord]:
    """Close a session the app died in as stopped early, ending when its last step finished."""
    return OpResult(coach.store.close_abandoned(session_id), SESSION)
