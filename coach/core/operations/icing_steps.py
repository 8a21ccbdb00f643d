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
from datetime import datetime

from coach.core.clinical.safety import ICING_SKIN_CHECK_ADVICE, ICING_START_ADVICE
from coach.core.i18n import N_, _
from coach.core.operations.changes import Refused
from coach.core.operations.context import Coach
from coach.core.operations.icing import IcingEnding, IcingStarted, start_icing, take_up_icing
from coach.core.routines.model import Step
from coach.core.session.events import Event, SessionFinished, StepCompleted
from coach.core.session.icing import IcingRun, IcingState
from coach.core.session.timer import Deadline
from coach.core.store.errors import StoreError

# The bundled picture (assets/illustrations) an icing step shows when its file names none.
ICE_PACK_PICTURE = "ice-pack.svg"
JOINED = N_("The icing timer was already running: this step counts down the same ice ({minutes} min left).")


class IcingSteps:
    """Keeps a session's icing steps as icing runs of that session, and gives the engine their deadlines."""

    def __init__(self, coach: Coach, session_id: int, *, simulated: bool = False) -> None:
        self.coach = coach  # on the session engine's clock
        self.session_id = session_id
        self.simulated = simulated  # an `--instant` session: its run is its own, never a live one joined
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
        try:
            started: IcingStarted = (
                start_icing(self.coach, minutes, session_id=self.session_id, simulated=True, started_at=began)
                if self.simulated
                else take_up_icing(self.coach, minutes, session_id=self.session_id, started_at=began)
            ).value
        except (Refused, StoreError) as refused:
            self.refusal = str(refused)
            self.run = self.run_id = self._index = None
            return None
        self.run, self.run_id, self._index, self.warning = started.run, started.run_id, index, started.warning
        if started.joined:
            self.warning = _(JOINED).format(minutes=started.run.minutes_left())
        return started.run.deadline

    def ending(self, event: Event) -> IcingEnding | None:
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

    def _end(self) -> IcingEnding | None:
        """End the run as it stands: finished at its deadline, or stopped with the minutes iced so far."""
        run, run_id = self.run, self.run_id
        if run is not None and run_id is not None and run.running:
            return IcingEnding(run_id, run.stop())
        return None
