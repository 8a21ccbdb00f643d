"""Deadline timers: remaining time is always `deadline - now`, never a counter that is decremented.

A counter drifts by however late each tick arrives; a deadline does not. A timer that keeps a wall-clock
deadline as well also counts the time a laptop spends asleep, which is what an icing timer must do.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from coach.core.session.clock import Clock


@dataclass(frozen=True, slots=True)
class Deadline:
    """When a running interval ends, on the monotonic clock and, for long timers, on the wall clock too."""

    ends: float
    wall_ends: datetime | None = None

    @classmethod
    def start(cls, clock: Clock, seconds: float, *, at: float | None = None, wall: bool = False) -> Deadline:
        """A deadline `seconds` after `at` (default: now) on `clock`.

        Passing the previous deadline as `at` chains one step onto the next, so late ticks never stretch a
        session.
        """
        now = clock.monotonic()
        ends = (now if at is None else at) + seconds
        wall_ends = clock.wall() + timedelta(seconds=ends - now) if wall else None
        return cls(ends=ends, wall_ends=wall_ends)

    def remaining(self, clock: Clock) -> float:
        """Seconds left, never below zero; with a wall deadline, whichever clock is nearer."""
        return max(0.0, self._remaining_raw(clock))

    def expired(self, clock: Clock) -> bool:
        return self._remaining_raw(clock) <= 0.0

    def passed_while_asleep(self, clock: Clock) -> bool:
        """Whether the wall deadline passed but the monotonic one has not: the machine slept through it."""
        return self.expired(clock) and self.ends > clock.monotonic()

    def ended_at(self, clock: Clock) -> float:
        """The monotonic time the interval ended (or will end), counting sleep for a wall-clock deadline.

        After a suspend the monotonic clock has stood still, so a wall deadline that passed during sleep is
        mapped back onto the monotonic clock as "that many seconds before now".
        """
        return min(self.ends, clock.monotonic() + self._wall_remaining(clock))

    def _wall_remaining(self, clock: Clock) -> float:
        if self.wall_ends is None:
            return float("inf")
        return (self.wall_ends - clock.wall()).total_seconds()

    def _remaining_raw(self, clock: Clock) -> float:
        return min(self.ends - clock.monotonic(), self._wall_remaining(clock))


def countdown_text(seconds: float, *, pad_minutes: bool = True, bare_seconds: bool = False) -> str:
    """Time left as mm:ss (or m:ss), rounded up so that zero shows only at the very end.

    `bare_seconds` shows the last minute as a plain number of seconds ("42"), as the player does.
    """
    whole = math.ceil(max(0.0, seconds) - 1e-9)
    if bare_seconds and whole < 60:
        return str(whole)
    minutes = f"{whole // 60:02d}" if pad_minutes else str(whole // 60)
    return f"{minutes}:{whole % 60:02d}"
