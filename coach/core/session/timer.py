"""Deadline timers: remaining time is always `deadline - now`, never a counter that is decremented.

A counter drifts by however late each tick arrives; a deadline does not. A timer that keeps a deadline on the
elapsed clock as well also counts the time a laptop spends asleep, which is what an icing timer must do, and
still ignores a change of the time of day (a wall-clock deadline would end the ice at a +1 h change).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from coach.core.session.clock import Clock


@dataclass(frozen=True, slots=True)
class Deadline:
    """When a running interval ends, on the monotonic clock and, for a timer that runs on while the machine
    sleeps, on the elapsed clock too."""

    ends: float
    elapsed_ends: float | None = None

    @classmethod
    def start(
        cls, clock: Clock, seconds: float, *, at: float | None = None, through_sleep: bool = False
    ) -> Deadline:
        """A deadline `seconds` after `at` (default: now) on `clock`.

        Passing the previous deadline as `at` chains one step onto the next, so late ticks never stretch a
        session.
        """
        now = clock.monotonic()
        ends = (now if at is None else at) + seconds
        elapsed_ends = clock.elapsed() + (ends - now) if through_sleep else None
        return cls(ends=ends, elapsed_ends=elapsed_ends)

    def remaining(self, clock: Clock) -> float:
        """Seconds left, never below zero; with an elapsed deadline, whichever clock is nearer."""
        return max(0.0, self._remaining_raw(clock))

    def expired(self, clock: Clock) -> bool:
        return self._remaining_raw(clock) <= 0.0

    def passed_while_asleep(self, clock: Clock) -> bool:
        """Whether the elapsed deadline passed but the monotonic one has not: the machine slept through it."""
        return self.expired(clock) and self.ends > clock.monotonic()

    def ended_at(self, clock: Clock) -> float:
        """The monotonic time the interval ended (or will end), counting sleep for an elapsed deadline.

        After a suspend the monotonic clock has stood still, so an elapsed deadline that passed during sleep
        is mapped back onto the monotonic clock as "that many seconds before now".
        """
        return min(self.ends, clock.monotonic() + self.elapsed_remaining(clock))

    def elapsed_remaining(self, clock: Clock) -> float:
        """Seconds to the elapsed deadline (negative once passed); infinite for a timer that sleep stops."""
        if self.elapsed_ends is None:
            return float("inf")
        return self.elapsed_ends - clock.elapsed()

    def _remaining_raw(self, clock: Clock) -> float:
        return min(self.ends - clock.monotonic(), self.elapsed_remaining(clock))


def countdown_text(seconds: float, *, pad_minutes: bool = True, bare_seconds: bool = False) -> str:
    """Time left as mm:ss (or m:ss), rounded up so that zero shows only at the very end.

    `bare_seconds` shows the last minute as a plain number of seconds ("42"), as the player does.
    """
    whole = math.ceil(max(0.0, seconds) - 1e-9)
    if bare_seconds and whole < 60:
        return str(whole)
    minutes = f"{whole // 60:02d}" if pad_minutes else str(whole // 60)
    return f"{minutes}:{whole % 60:02d}"
