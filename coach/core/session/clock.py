"""Where the core gets its time from: a Clock passed in, never `time.time()` called directly."""

from __future__ import annotations

import itertools
import sys
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

    def boot(self) -> str | None:
        """Which start of the machine `elapsed` counts from: two processes' readings are comparable (one
        may judge the other's icing run by it) only under the same boot. None when it cannot be known."""
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

    def boot(self) -> str | None:
        # Linux names each boot; elsewhere the elapsed clock is not known to be shared, so it is not trusted.
        if not sys.platform.startswith("linux"):
            return None
        try:
            with open("/proc/sys/kernel/random/boot_id", "rb") as handle:  # a kernel file, never a pipe
                return handle.read(64).decode("ascii", "replace").strip() or None
        except OSError:
            return None


class FakeClock:
    """A clock that moves only when told to: tests and `--instant` runs use it."""

    def __init__(
        self, wall: datetime | None = None, monotonic: float = 0.0, *, boot: str | None = None
    ) -> None:
        """`boot`: the machine's start it shares with another FakeClock (a second process on the same
        machine); by default a boot of its own, as if on another machine."""
        start = wall if wall is not None else datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
        if start.tzinfo is None:
            raise ValueError("FakeClock needs a timezone-aware start time")
        self._wall = start
        self._monotonic = monotonic
        self._elapsed = monotonic
        self._boot = boot if boot is not None else f"fake-{next(_fake_boots)}"

    def monotonic(self) -> float:
        return self._monotonic

    def wall(self) -> datetime:
        return self._wall

    def elapsed(self) -> float:
        return self._elapsed

    def boot(self) -> str | None:
        return self._boot

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


_fake_boots = itertools.count(1)
