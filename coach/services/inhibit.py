"""Keep the screen awake while a session runs (the person is on the mat, not touching the laptop)."""

from __future__ import annotations

from typing import Protocol


class Inhibitor(Protocol):
    def inhibit(self, reason: str) -> None:
        """Ask the desktop not to blank the screen or lock until `release`; idempotent."""

    def release(self) -> None:
        """Let the screen sleep again; idempotent, safe without a prior `inhibit`."""


class NullInhibitor:
    def inhibit(self, reason: str) -> None:
        del reason

    def release(self) -> None:
        pass
