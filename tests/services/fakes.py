"""A stand-in for a D-Bus method call, built on the services' MethodCall interface."""

from __future__ import annotations

from dataclasses import dataclass, field

from coach.services.session_bus import Arg, BusError


@dataclass
class RecordingCall:
    """Records each call as (method, args, returns) and answers with `result`, or fails with `error`."""

    result: object = None
    error: BusError | None = None
    calls: list[tuple[str, tuple[Arg, ...], str | None]] = field(default_factory=list)

    def __call__(self, method: str, *args: Arg, returns: str | None = None) -> object:
        self.calls.append((method, args, returns))
        if self.error is not None:
            raise self.error
        return self.result
