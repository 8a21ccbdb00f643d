"""Where the core gets its time from: a Clock passed in, never `time.time()` called directly."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """Two readings: a monotonic one for short intervals, a wall one for deadlines across suspend."""

    def monotonic(self) -> float:
        """Seconds on a clock that never goes backwards (it may stand still while the machine sleeps)."""
        ...

    def wall(self) -> datetime:
        """The current time of day, timezone-aware."""
        ...


class SystemClock:
    """The real clocks of the machine."""

    def monotonic(self) -> float:
        return time.monotonic()

    def wall(self) -> datetime:
        return datetime.now(UTC)


class FakeClock:
    """A clock that moves only when told to: tests and `--instant` runs use it."""

    def __init__(self, wall: datetime | None = None, monotonic: float = 0.0) -> None:
        start = wall if wall is not None else datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
        if start.tzinfo is None:
            raise ValueError("FakeClock needs a timezone-aware start time")
        self._wall = start
        self._monotonic = monotonic

    def monotonic(self) -> float:
        return self._monotonic

    def wall(self) -> datetime:
        return self._wall

    def advance(self, seconds: float) -> None:
        """Let `seconds` pass while the machine is awake."""
        if seconds < 0:
            raise ValueError("a clock cannot go backwards")
        self._monotonic += seconds
        self._wall += timedelta(seconds=seconds)

    def suspend(self, seconds: float) -> None:
        """Let `seconds` pass while the machine sleeps: wall time moves, the monotonic clock stands still."""
        if seconds < 0:
            raise ValueError("a clock cannot go backwards")
        self._wall += timedelta(seconds=seconds)
