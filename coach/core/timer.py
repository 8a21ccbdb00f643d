"""Deadline timers: remaining time is always `deadline - now`, never a counter that is decremented.

A counter drifts by however late each tick arrives; a deadline does not. A timer that keeps a wall-clock
deadline as well also counts the time a laptop spends asleep, which is what an icing timer must do.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from coach.core.clock import Clock


@dataclass(frozen=True, slots=True)
class Deadline:
    """When a running interval ends, on the monotonic clock and, for long timers, on the wall clock too.

    `started` is the monotonic time the interval (re)started from; it is the previous deadline when one step
    follows another, so that late ticks never stretch a session.
    """

    started: float
    ends: float
    wall_ends: datetime | None = None

    @classmethod
    def start(cls, clock: Clock, seconds: float, *, at: float | None = None, wall: bool = False) -> Deadline:
        """A deadline `seconds` after `at` (default: now) on `clock`."""
        now = clock.monotonic()
        started = now if at is None else at
        wall_ends = None
        if wall:
            wall_ends = clock.wall() + timedelta(seconds=started + seconds - now)
        return cls(started=started, ends=started + seconds, wall_ends=wall_ends)

    def remaining(self, clock: Clock) -> float:
        """Seconds left, never below zero; with a wall deadline, whichever clock is nearer its end."""
        return max(0.0, self._remaining_raw(clock))

    def expired(self, clock: Clock) -> bool:
        return self._remaining_raw(clock) <= 0.0

    def ended_at(self, clock: Clock) -> float:
        """The monotonic time the interval ended (or will end), counting sleep for a wall-clock deadline.

        After a suspend the monotonic clock has stood still, so a wall deadline that passed during sleep is
        mapped back onto the monotonic clock as "that many seconds before now".
        """
        return min(self.ends, clock.monotonic() + self._wall_remaining(clock))

    def rebased(self, clock: Clock, remaining: float) -> Deadline:
        """The same interval restarted now with `remaining` seconds to go (after a pause)."""
        fresh = Deadline.start(clock, remaining, wall=self.wall_ends is not None)
        return replace(fresh, started=fresh.ends - (self.ends - self.started))

    def _wall_remaining(self, clock: Clock) -> float:
        if self.wall_ends is None:
            return float("inf")
        return (self.wall_ends - clock.wall()).total_seconds()

    def _remaining_raw(self, clock: Clock) -> float:
        return min(self.ends - clock.monotonic(), self._wall_remaining(clock))
