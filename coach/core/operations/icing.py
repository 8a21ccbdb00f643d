"""Icing runs: start one (never two at once, never over the cap), record how it ended, tidy up after a crash.

The open row is written when a run starts, so that a crash leaves a trace; a run whose deadline is still
ahead counts as live wherever it runs (the app, or `coach ice --terminal` in another process). Another
process judges how long a run has left by the machine's elapsed clock, from the note its owner left
(`icing_owner`), so a time of day set ahead or back since it began neither ends it early nor stretches it;
without a note (another boot, an older Rehab Coach) by the time of day, never beyond the planned minutes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from coach.core.clinical.safety import icing_repeat_warning
from coach.core.history.records import IcingRecord, IcingStatus
from coach.core.i18n import _
from coach.core.operations.changes import Changes, OpResult, Refused
from coach.core.operations.context import Coach
from coach.core.session.icing import IcingEnded, IcingRefusedError, IcingRun
from coach.core.session.icing_owner import forget_owner, note_owner, read_owner

ICING = Changes(icing=True)


@dataclass(frozen=True, slots=True)
class IcingStarted:
    """A run that has started and is recorded as open, and the gentle warning to show with it, if any."""

    run: IcingRun
    run_id: int
    warning: str | None  # iced less than 2 hours ago
    joined: bool = False  # the run was already live (started elsewhere): this counts down the same deadline


def live_icing_run(coach: Coach) -> IcingRecord | None:
    """The open run whose deadline is still ahead (a timer running somewhere), if there is one."""
    live = [r for r in coach.store.open_icing_runs() if _judge(coach, r).live]
    return live[-1] if live else None


@dataclass(frozen=True, slots=True)
class _Judged:
    """An open run as this process can tell: how long the ice has been on, and whether that is exact."""

    iced: float  # seconds
    exact: bool  # by the machine's elapsed clock (the owner's note), not the time of day
    owner_alive: bool | None  # the process counting it down still runs (None: no note, or cannot ask)
    live: bool


def _judge(coach: Coach, record: IcingRecord) -> _Judged:
    planned = record.planned_minutes * 60
    owner = read_owner(coach.places.data_dir, record.id)
    iced = owner.iced_seconds(coach.clock) if owner is not None else None
    if iced is not None:
        return _Judged(iced, True, owner.alive() if owner is not None else None, iced < planned)
    # By the time of day: its deadline ahead, and it did not start further ahead than it lasts (a run
    # started while the clock was set ahead, then put right, would otherwise block every other run).
    by_wall = (coach.now() - record.started_at).total_seconds()
    return _Judged(max(0.0, by_wall), False, None, -planned < by_wall < planned)


def start_icing(
    coach: Coach,
    minutes: int,
    *,
    session_id: int | None = None,
    simulated: bool = False,
    started_at: datetime | None = None,
) -> OpResult[IcingStarted]:
    """Start and record an icing run of `minutes`; Refused beyond the cap or while another run is live.

    `session_id` names the guided session when the run is an icing step of its routine; `simulated`, an
    `--instant` session's, whose run (in the past, on its own clock) stands beside any live one.
    `started_at`: when the step began, if a moment ago (a session's engine catching up on a late tick).
    """
    store, clock, now = coach.store, coach.clock, coach.now()
    if not simulated:
        close_abandoned_icing(coach)
    live = None if simulated else live_icing_run(coach)
    if live is not None:
        left = _minutes_left(live, _judge(coach, live))
        raise Refused(
            _("An icing timer is already running: {left} min left. Stop it before starting another.").format(
                left=left
            )
        )
    warning = icing_repeat_warning(store.last_icing_end(now), now)
    try:
        run = IcingRun(clock, minutes, started_at=started_at)
    except IcingRefusedError as refused:
        raise Refused(str(refused)) from None
    run_id = store.begin_icing(run.started_at, run.planned_minutes, session_id=session_id)
    if not simulated:
        note_owner(coach.places.data_dir, run_id, clock, iced=run.planned_minutes * 60 - run.remaining())
    return OpResult(IcingStarted(run, run_id, warning), ICING)


def still_icing(minutes_left: int) -> str:
    """What a face says when it goes without the person stopping the ice (a signal, a log-out, Ctrl-C)."""
    return _(
        "The icing timer keeps running ({left} min left): only you or its end stop it."
        " `coach ice --status` shows it, `coach ice --stop` stops it, and Rehab Coach takes it up when next"
        " opened."
    ).format(left=minutes_left)


def take_up_icing(
    coach: Coach, minutes: int, *, session_id: int | None = None, started_at: datetime | None = None
) -> OpResult[IcingStarted]:
    """Start a run of `minutes`, or join the live one (started by the app, a terminal, or a routine's icing
    step, in this process or one that has gone): one ice, one deadline, never two countdowns."""
    joined = resume_icing(coach)
    if joined.value is not None:
        return OpResult(joined.value, joined.changes)
    return start_icing(coach, minutes, session_id=session_id, started_at=started_at)


def stop_icing(coach: Coach) -> OpResult[IcingRecord]:
    """Stop the live run now (the person asked: `coach ice --stop`), recording the minutes iced so far."""
    close_abandoned_icing(coach)
    live = live_icing_run(coach)
    if live is None:
        raise Refused(_("No icing timer is running."))
    judged = _judge(coach, live)
    run = IcingRun(coach.clock, live.planned_minutes, started_at=live.started_at, iced=judged.iced)
    return finish_icing(coach, live.id, run.stop())


@dataclass(frozen=True, slots=True)
class IcingNow:
    """Whether an icing timer is running anywhere, and if so how long it has left (`coach ice --status`)."""

    running: bool
    minutes_left: int | None = None
    ends_at: datetime | None = None
    planned_minutes: int | None = None
    # Whether the program counting it down (the app, a terminal) still runs; None when not known.
    timer_running: bool | None = None


def icing_record(coach: Coach, run_id: int) -> IcingRecord:
    """The stored run `run_id` as it stands (a face counting it down learns that it was stopped elsewhere)."""
    return coach.store.icing_run(run_id)


def icing_now(coach: Coach) -> IcingNow:
    """The live icing run as the person would ask about it: running, minutes left, when it ends."""
    live = live_icing_run(coach)
    if live is None:
        return IcingNow(running=False)
    judged = _judge(coach, live)
    left = _minutes_left(live, judged)
    ends = (
        _deadline(live) if not judged.exact else coach.now() + timedelta(seconds=_seconds_left(live, judged))
    )
    return IcingNow(
        running=True,
        minutes_left=left,
        ends_at=ends,
        planned_minutes=live.planned_minutes,
        timer_running=judged.owner_alive,
    )


def _seconds_left(record: IcingRecord, judged: _Judged) -> float:
    return min(max(0.0, record.planned_minutes * 60 - judged.iced), record.planned_minutes * 60.0)


def _minutes_left(record: IcingRecord, judged: _Judged) -> int:
    """Whole minutes left, rounded up, never more than were planned (a clock put back since it began)."""
    return min(math.ceil(_seconds_left(record, judged) / 60 - 1e-9), record.planned_minutes)


def resume_icing(coach: Coach) -> OpResult[IcingStarted | None]:
    """After a crash or a restart: take up the open run whose deadline is still ahead, if there is one.

    Runs whose deadline passed while the app was closed are recorded as ended at their deadline first.
    """
    changes = close_abandoned_icing(coach).changes
    live = live_icing_run(coach)
    if live is None:
        return OpResult(None, changes)
    judged = _judge(coach, live)
    run = IcingRun(coach.clock, live.planned_minutes, started_at=live.started_at, iced=judged.iced)
    if not judged.owner_alive:  # its timer has gone (a crash, a signal): this process counts it down now
        note_owner(coach.places.data_dir, live.id, coach.clock, iced=judged.iced)
    return OpResult(IcingStarted(run, live.id, None, joined=True), changes)


@dataclass(frozen=True, slots=True)
class IcingEnding:
    """How an icing step's run ended, as it ended (its time and minutes fixed then), waiting to be written
    with the session's steps, in their order and their turn."""

    run_id: int
    ended: IcingEnded

    def write(self, coach: Coach) -> OpResult[IcingRecord]:
        """Record the ending (a run already closed elsewhere keeps its first ending)."""
        return finish_icing(coach, self.run_id, self.ended)

    def write_in_turn(self, coach: Coach, *, patience: float, waited: float) -> OpResult[bool]:
        """Record the ending, waiting at most `patience` for another program's lock; whether it is written.

        A face that must not freeze tries again later; `waited` is how long it has already waited on its own
        count: once that is as long as any write waits (the store's busy timeout), StoreBusyError.
        """
        from coach.core.operations.turns import in_turn

        written = in_turn(coach, self.write, patience=patience, waited=waited)
        return OpResult(False) if written is None else OpResult(True, written.changes)


def finish_icing(coach: Coach, run_id: int, ended: IcingEnded) -> OpResult[IcingRecord]:
    """Record how a run ended: at its deadline, or stopped early.

    A run already closed elsewhere (a terminal countdown of the same run, resumed by the app) keeps the
    ending recorded first.
    """
    store = coach.store
    record = store.icing_run(run_id)
    if record.status is not IcingStatus.OPEN:
        forget_owner(coach.places.data_dir, run_id)
        return OpResult(record)
    store.finish_icing(
        run_id, finished=ended.finished, finished_at=ended.ended_at, actual_minutes=ended.actual_minutes
    )
    forget_owner(coach.places.data_dir, run_id)
    return OpResult(store.icing_run(run_id), ICING)


def close_abandoned_icing(coach: Coach) -> OpResult[list[IcingRecord]]:
    """Close open runs whose deadline has passed (the app died) as stopped, counting up to the deadline.

    A run whose deadline is still ahead is left open: it may be a `coach ice --terminal` countdown in
    another process, and the next start takes it up. Ahead by the machine's elapsed clock when its owner
    left a note: a time of day set ahead since it began does not close it early.
    """
    store = coach.store
    closed = []
    for record in store.open_icing_runs():
        if not _judge(coach, record).live:
            store.finish_icing(
                record.id,
                finished=False,
                finished_at=_deadline(record),
                actual_minutes=record.planned_minutes,
            )
            forget_owner(coach.places.data_dir, record.id)
            closed.append(store.icing_run(record.id))
    return OpResult(closed, ICING if closed else Changes())


def _deadline(record: IcingRecord) -> datetime:
    return record.started_at + timedelta(minutes=record.planned_minutes)
