"""An icing step inside a routine (the bundled "Ice the knee", or an icing timer in a person's own file).

The step *is* an icing run: recorded as one (linked to its session), so history, `coach ice --status`, the
2-hour warning and the one-timer-at-a-time rule see it like any other icing; the player shows the icing
advice with it. Its countdown is the run's deadline (the engine asks `deadline_for`): pausing or going back
in the session never pauses or restarts the ice, and a run already live (the app's timer, a terminal) is
joined, not doubled. Only the person (skipping the step, stopping the session) or the deadline ends it; a
session ended by a signal or a log-out leaves it live for the next start (`leave_live`).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from coach.core.clinical.safety import ICING_SKIN_CHECK_ADVICE, ICING_START_ADVICE
from coach.core.history.records import IcingRecord
from coach.core.i18n import N_, _
from coach.core.operations.changes import OpResult, Refused
from coach.core.operations.context import Coach
from coach.core.operations.icing import (
    IcingEnding,
    IcingStarted,
    finish_icing,
    start_icing,
    take_up_icing,
)
from coach.core.routines.model import Step
from coach.core.session.events import Event, SessionFinished, StepCompleted
from coach.core.session.icing import IcingEnded, IcingRefusedError, IcingRun, IcingState
from coach.core.session.timer import Deadline
from coach.core.store.errors import StoreError

# The bundled picture (assets/illustrations) an icing step shows when its file names none.
ICE_PACK_PICTURE = "ice-pack.svg"
JOINED = N_("The icing timer was already running: this step counts down the same ice ({minutes} min left).")


@dataclass(eq=False)
class IcingStepStart:
    """The run of an icing step that began while another program held the write lock: counted down at once
    from when the step began, recorded in its turn with the session's steps (`IcingSteps.write_start`)."""

    index: int  # the step
    minutes: int
    began: datetime
    run_id: int | None = None  # once recorded (begun, or the live run joined)


@dataclass(frozen=True, slots=True)
class LaterIcingEnding:
    """How the run of an icing step ended before its start was recorded: written after it, in its turn."""

    start: IcingStepStart
    ended: IcingEnded

    def write(self, coach: Coach) -> OpResult[IcingRecord | None]:
        """Record the ending once the start is recorded (a start refused in its turn has nothing to end)."""
        if self.start.run_id is None:
            return OpResult(None)
        ended = finish_icing(coach, self.start.run_id, self.ended)
        return OpResult(ended.value, ended.changes)


class IcingSteps:
    """Keeps a session's icing steps as icing runs of that session, and gives the engine their deadlines."""

    def __init__(
        self,
        coach: Coach,
        session_id: int,
        *,
        simulated: bool = False,
        patience: Callable[[], float | None] = lambda: None,
    ) -> None:
        self.coach = coach  # on the session engine's clock
        self.session_id = session_id
        self.simulated = simulated  # an `--instant` session: its run is its own, never a live one joined
        # How long starting a run may wait for another program's lock (None: the store's busy timeout); a
        # face that must not freeze sets it short: the step then counts down its own run at once, recorded
        # in its turn (`waiting`).
        self.patience = patience
        self.waiting: IcingStepStart | None = None  # a run begun, not yet recorded: LiveSession queues it
        self.run: IcingRun | None = None  # the run of the icing step in progress (or last done)
        self.run_id: int | None = None
        self._index: int | None = None  # the step it belongs to
        self._left_live = False
        self.warning: str | None = None  # iced less than 2 hours ago, or the run was already live
        self.refusal: str | None = None  # the run could not be recorded: the step counts on its own

    def deadline_for(self, index: int, step: Step, began: datetime) -> Deadline | None:
        """The engine asks as an icing step begins: the deadline of its run, begun or joined now, or None."""
        if self._index == index and self.run is not None and self.run.state is not IcingState.STOPPED:
            return self.run.deadline  # Back, or a pause: the same ice, the same deadline
        if self._left_live:
            return None
        self.warning = self.refusal = None
        minutes = math.ceil(step.seconds / 60 - 1e-9)
        session = self.session_id

        def begin(coach: Coach) -> OpResult[IcingStarted]:
            if self.simulated:
                return start_icing(coach, minutes, session_id=session, simulated=True, started_at=began)
            return take_up_icing(coach, minutes, session_id=session, started_at=began)

        patience = self.patience()
        try:
            if patience is None:
                started = begin(self.coach).value
            else:
                from coach.core.operations.turns import in_turn

                result = in_turn(self.coach, begin, patience=patience, waited=0.0)
                if result is None:  # another program holds the lock: the ice is on all the same
                    return self._count_while_waiting(index, minutes, began)
                started = result.value
        except (Refused, StoreError) as refused:
            self.refusal = str(refused)
            self.run = self.run_id = self._index = None
            return None
        self.run, self.run_id, self._index, self.warning = started.run, started.run_id, index, started.warning
        if started.joined:
            self.warning = _(JOINED).format(minutes=started.run.minutes_left())
        return started.run.deadline

    def _count_while_waiting(self, index: int, minutes: int, began: datetime) -> Deadline | None:
        """The step's run, counted down from when it began while its start waits its turn to be recorded."""
        try:
            run = IcingRun(self.coach.clock, minutes, started_at=began)
        except IcingRefusedError as refused:
            self.refusal = str(refused)
            self.run = self.run_id = self._index = None
            return None
        self.waiting = IcingStepStart(index, minutes, began)
        self.run, self.run_id, self._index = run, None, index
        return run.deadline

    def write_start(self, start: IcingStepStart) -> OpResult[Deadline | None]:
        """Record the run of an icing step that began while the lock was held (begun then, or the live run
        joined); the deadline the step follows from now on when it is still in progress, else None."""
        if self.waiting is start:
            self.waiting = None
        try:
            result = take_up_icing(
                self.coach, start.minutes, session_id=self.session_id, started_at=start.began
            )
        except Refused as refused:  # e.g. refused in its turn: the step counts on its own
            self.refusal = str(refused)
            return OpResult(None)
        started = result.value
        start.run_id = started.run_id
        run = self.run
        if self._index != start.index or self.run_id is not None or run is None or not run.running:
            return OpResult(None, result.changes)  # the step is over: its ending follows in the queue
        self.run, self.run_id, self.warning = started.run, started.run_id, started.warning
        if started.joined:
            self.warning = _(JOINED).format(minutes=started.run.minutes_left())
        return OpResult(started.run.deadline, result.changes)

    def ending(self, event: Event) -> IcingEnding | LaterIcingEnding | None:
        """The run's ending that `event` brings (its icing step done, or the session over), to be written
        with the session's steps (`LiveSession`), or None."""
        ended_here = isinstance(event, StepCompleted) and event.step.icing
        if ended_here or (isinstance(event, SessionFinished) and not self._left_live):
            return self._end()
        return None

    def leave_live(self) -> int | None:
        """The session ends without the person (a signal, a log-out): the ice stays on, its run stays live.

        Returns the minutes its run has left, or None when no ice is on."""
        self._left_live = True
        run = self.run
        return run.minutes_left() if run is not None and run.running and run.remaining() > 0 else None

    def advice(self, step: Step) -> list[str]:
        """What the player shows beside an icing step: the cloth, the skin check, and any warning."""
        if not step.icing:
            return []
        lines = [_(ICING_START_ADVICE), _(ICING_SKIN_CHECK_ADVICE)]
        return lines + [note for note in (self.refusal, self.warning) if note]

    def _end(self) -> IcingEnding | LaterIcingEnding | None:
        """End the run as it stands: finished at its deadline, or stopped with the minutes iced so far."""
        run, run_id = self.run, self.run_id
        if run is not None and run_id is not None and run.running:
            return IcingEnding(run_id, run.stop())
        if run is not None and run.running and self._index is not None:  # its start still waits its turn
            start = self.waiting
            if start is None or start.index != self._index:
                return None
            return LaterIcingEnding(start, run.stop())
        return None
