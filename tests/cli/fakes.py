"""Stand-ins for the terminal in tests: scripted keys on a fake clock, typed lines, a small library."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable
from pathlib import Path

from coach.core.routines.library import Library, Origin, RoutineEntry
from coach.core.routines.model import Routine
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


def scripted_keys(
    clock: FakeClock, presses: dict[float, str] | None = None
) -> Callable[[], contextlib.nullcontext[ScriptedKeys]]:
    """What `session_in_terminal` opens around the player: here, scripted keys instead of the terminal."""
    return lambda: contextlib.nullcontext(ScriptedKeys(clock, presses))


def typed(*lines: str) -> io.StringIO:
    """What a person types at line-at-a-time questions, one answer a line."""
    return io.StringIO("".join(f"{line}\n" for line in lines))


class Unreadable(io.StringIO):
    """Input that fails the test if anyone reads it: nothing may wait on a pipe."""

    def readline(self, size: int = -1, /) -> str:  # type: ignore[override]  # as typeshed's StringIO.readline
        raise AssertionError("a question was read without a terminal")


def library(*routines: Routine) -> Library:
    return Library(tuple(RoutineEntry(r, Origin.BUNDLED, Path(f"{r.id}.toml")) for r in routines), ())
