"""Stand-ins for the terminal in tests: key presses scripted on a fake clock."""

from __future__ import annotations

from coach.core.session.clock import FakeClock

CTRL_C = "\x03"  # scripted as a key; the terminal would raise KeyboardInterrupt instead


class ScriptedKeys:
    """Each read lets the asked-for time pass on the fake clock, and presses a key at a given moment."""

    def __init__(self, clock: FakeClock, presses: dict[float, str] | None = None) -> None:
        self.clock = clock
        self.presses = dict(sorted((presses or {}).items()))
        self.elapsed = 0.0
        self.reads = 0

    def read(self, timeout: float) -> str | None:
        self.reads += 1
        assert self.reads < 10_000, "the player never finished"
        for at, key in list(self.presses.items()):
            if self.elapsed + timeout >= at:
                self.clock.advance(max(0.0, at - self.elapsed))
                self.elapsed = max(self.elapsed, at)
                del self.presses[at]
                if key == CTRL_C:
                    raise KeyboardInterrupt
                return key
        self.clock.advance(timeout)
        self.elapsed += timeout
        return None
