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

    def elapsed(self) -> float:
        """Seconds on a clock that counts time asleep too but never jumps when the time of day is set:
        how a session's times are measured once it began (a +1 h change of the clock is not an hour)."""
        ...


class SystemClock:
    """The real clocks of the machine."""

    def monotonic(self) -> float:
        return time.monotonic()

    def wall(self) -> datetime:
        return datetime.now(UTC)

    def elapsed(self) -> float:
        # Linux's boot-time clock counts suspend; elsewhere the monotonic clock (which does on Windows).
        boottime = getattr(time, "CLOCK_BOOTTIME", None)
        return time.clock_gettime(boottime) if boottime is not None else time.monotonic()


class FakeClock:
    """A clock that moves only when told to: tests and `--instant` runs use it."""

    def __init__(self, wall: datetime | None = None, monotonic: float = 0.0) -> None:
        start = wall if wall is not None else datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
        if start.tzinfo is None:
            raise ValueError("FakeClock needs a timezone-aware start time")
        self._wall = start
        self._monotonic = monotonic
        self._elapsed = monotonic

    def monotonic(self) -> float:
        return self._monotonic

    def wall(self) -> datetime:
        return self._wall

    def elapsed(self) -> float:
        return self._elapsed

    def advance(self, seconds: float) -> None:
        """Let `seconds` pass while the machine is awake."""
        if seconds < 0:
            raise ValueError("a clock cannot go backwards")
        self._monotonic += seconds
        self._elapsed += seconds
        self._wall += timedelta(seconds=seconds)

    def suspend(self, seconds: float) -> None:
        """Let `seconds` pass while the machine sleeps: wall time moves, the monotonic clock stands still."""
        if seconds < 0:
            raise ValueError("a clock cannot go backwards")
        self._elapsed += seconds
        self._wall += timedelta(seconds=seconds)

    def set_wall(self, seconds: float) -> None:
        """Set the time of day `seconds` ahead (or back, when negative), as a person or NTP may: no time
        passes on the other clocks."""
        self._wall += timedelta(seconds=seconds)
