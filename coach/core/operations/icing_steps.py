"""An icing step inside a routine (the bundled "Ice the knee", or an icing timer in a person's own file).

It runs as an icing run: recorded as one (linked to its session), so history, `coach ice --status`, the
2-hour warning and the one-timer-at-a-time rule see it like any other icing; the player shows the icing
advice with it. The session's engine keeps the time (the loader has already applied the 20-minute cap).
"""

from __future__ import annotations

import math

from coach.core.clinical.safety import ICING_SKIN_CHECK_ADVICE, ICING_START_ADVICE
from coach.core.operations.changes import Refused
from coach.core.operations.context import Coach
from coach.core.operations.icing import finish_icing, start_icing
from coach.core.routines.model import Step
from coach.core.session.events import Event, SessionFinished, StepCompleted, StepStarted
from coach.core.session.icing import IcingEnded

# The bundled picture (assets/illustrations) an icing step shows when its file names none.
ICE_PACK_PICTURE = "ice-pack.svg"


class IcingSteps:
    """Listens to a session's engine and records each icing step as an icing run of that session."""

    def __init__(self, coach: Coach, session_id: int) -> None:
        self.coach = coach  # on the session engine's clock
        self.session_id = session_id
        self.run_id: int | None = None  # the run of the icing step in progress
        self.warning: str | None = None  # iced less than 2 hours ago
        self.refusal: str | None = None  # another icing timer was already running: not recorded twice

    def on_event(self, event: Event) -> None:
        if isinstance(event, StepStarted) and event.step.icing:
            self._begin(event.step)
        elif isinstance(event, StepCompleted) and event.step.icing and self.run_id is not None:
            ran = (event.finished_at - event.started_at).total_seconds()
            minutes = event.step.seconds / 60 if not event.skipped else min(ran, event.step.seconds) / 60
            self._end(IcingEnded(not event.skipped, event.finished_at, minutes, while_asleep=False))
        elif isinstance(event, SessionFinished) and self.run_id is not None:
            self._end(IcingEnded(False, event.at, 0.0, while_asleep=False))

    def advice(self, step: Step) -> list[str]:
        """What the player shows beside an icing step: the cloth, the skin check, and any warning."""
        if not step.icing:
            return []
        lines = [ICING_START_ADVICE, ICING_SKIN_CHECK_ADVICE]
        return lines + [note for note in (self.refusal, self.warning) if note]

    def _begin(self, step: Step) -> None:
        if self.run_id is not None:
            return  # the same step again (Back): its run is still open
        self.warning = self.refusal = None
        try:
            started = start_icing(
                self.coach, math.ceil(step.seconds / 60 - 1e-9), session_id=self.session_id
            ).value
        except Refused as refused:
            self.refusal = str(refused)
            return
        self.run_id, self.warning = started.run_id, started.warning

    def _end(self, ended: IcingEnded) -> None:
        assert self.run_id is not None
        finish_icing(self.coach, self.run_id, ended)
        self.run_id = None
