"""One icing run: a countdown on a deadline that counts sleep, so a laptop that sleeps wakes to the truth.

The ice stays on the knee while the laptop sleeps, so sleep counts as icing time: remaining time is
`deadline - now` on the elapsed clock (which counts sleep) as well as the monotonic one (see
`coach.core.session.timer`), never a counter. The time of day is read once, when the run begins: a clock set
ahead or back during the ice neither ends it early nor stretches it, and its times are recorded from there.
The 20-minute cap and the advice live in `coach.core.clinical.safety`; this module only applies them.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from coach.core.clinical.safety import ICING_SKIN_CHECK_CUE, ICING_SKIN_CHECK_MINUTES, check_icing_minutes
from coach.core.i18n import _
from coach.core.session.clock import Clock
from coach.core.session.timer import Deadline


class IcingRefusedError(ValueError):
    """An icing time the app may not offer; the message is the sentence saying why."""


class IcingState(enum.Enum):
    RUNNING = "running"
    FINISHED = "finished"
    STOPPED = "stopped"


@dataclass(frozen=True, slots=True)
class IcingEnded:
    """How a run ended: at the deadline or stopped early, when (the time of day it began plus the time
    truly elapsed), after how long."""

    finished: bool
    ended_at: datetime
    actual_minutes: float
    while_asleep: bool  # the deadline passed while the machine slept


class IcingRun:
    """A running icing timer. `tick()` notices the end; `stop()` ends it early."""

    def __init__(
        self, clock: Clock, minutes: int, *, started_at: datetime | None = None, iced: float | None = None
    ) -> None:
        """A run of `minutes` from now, or from `started_at` (a run the app resumes after a restart).

        `iced`: the seconds it has already run, when known better than the time of day can tell (the
        machine's elapsed clock, `icing_owner`)."""
        problem = check_icing_minutes(minutes)
        if problem:
            raise IcingRefusedError(problem)
        self.clock = clock
        self.planned_minutes = minutes
        self.started_at = clock.wall() if started_at is None else started_at
        # From the wall clock: the monotonic clock of the process that started a resumed run is gone.
        # Never more than planned: a run started while the clock was ahead, then put right, is not longer.
        by_wall = (clock.wall() - self.started_at).total_seconds()
        already = min(max(0.0, by_wall if iced is None else iced), minutes * 60.0)
        self.deadline = Deadline.start(clock, minutes * 60 - already, through_sleep=True)
        self._began = (clock.wall(), clock.elapsed())
        self.ended: IcingEnded | None = None
        self._skin_checked = False

    @property
    def state(self) -> IcingState:
        if self.ended is None:
            return IcingState.RUNNING
        return IcingState.FINISHED if self.ended.finished else IcingState.STOPPED

    @property
    def running(self) -> bool:
        return self.ended is None

    def remaining(self) -> float:
        """Seconds left; 0 once the run has ended."""
        return 0.0 if self.ended is not None else self.deadline.remaining(self.clock)

    def minutes_left(self) -> int:
        """Whole minutes left, rounded up (what a tray icon has room for)."""
        return math.ceil(self.remaining() / 60 - 1e-9)

    def seconds_to_next_tick(self) -> float:
        """Seconds until the countdown shows a different whole second (or ends): when to look again."""
        remaining = self.remaining()
        fraction = remaining - math.floor(remaining)
        return fraction if fraction > 0 else min(1.0, remaining)

    def skin_check(self) -> str | None:
        """The skin-check prompt, once, when the run has gone ICING_SKIN_CHECK_MINUTES (NHS patient advice);
        None before then, after it was given, for a run no longer than that, or once the run has ended."""
        due = ICING_SKIN_CHECK_MINUTES * 60
        if self._skin_checked or self.ended is not None or self.planned_minutes * 60 <= due:
            return None
        if self.planned_minutes * 60 - self.remaining() < due - 1e-6:
            return None
        self._skin_checked = True
        return _(ICING_SKIN_CHECK_CUE)

    def tick(self) -> IcingEnded | None:
        """Notice the deadline; returns how the run ended the first time it has, else None."""
        if self.ended is not None or not self.deadline.expired(self.clock):
            return None
        asleep = self.deadline.passed_while_asleep(self.clock)
        ended_at = self._wall_at(self.clock.elapsed() + self.deadline.elapsed_remaining(self.clock))
        self.ended = IcingEnded(True, ended_at, float(self.planned_minutes), asleep)
        return self.ended

    def stop(self) -> IcingEnded:
        """End the run now; a run whose deadline already passed counts as finished, not stopped."""
        if self.ended is None and self.tick() is None:
            elapsed = self.planned_minutes * 60 - self.deadline.remaining(self.clock)
            self.ended = IcingEnded(False, self._wall_at(self.clock.elapsed()), max(0.0, elapsed) / 60, False)
        assert self.ended is not None
        return self.ended

    def _wall_at(self, elapsed: float) -> datetime:
        """The time of day at `elapsed` on the elapsed clock, counted from the time of day the run began."""
        wall, began = self._began
        return wall + timedelta(seconds=elapsed - began)
