"""What an operation returns: its result and what it changed."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Generic, TypeVar

from coach.core.refusal import Refused

__all__ = ["NOTHING", "Changes", "OpResult", "Refused"]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Changes:
    """Which kinds of stored thing an operation changed, for the views that show them to refresh."""

    sessions: bool = False  # a session started, ended, was closed, or got its answers
    steps: bool = False  # a step of a running session was recorded
    icing: bool = False
    day_marks: bool = False
    check_in: bool = False  # a next-morning answer (or skip)
    routines: bool = False  # a routine file of the person's own was written
    settings: bool = False
    dose_changes: bool = False  # a proposed dose change was accepted (and recorded for the report)
    reviews: bool = False  # a clinician review was recorded (it may lift a warning-sign pause)
    runs: bool = False  # a run was recorded (logged, imported) or got a pain answer
    # Who asked (for a window that should not redraw what it did itself): "" when nobody said.
    initiator: str = field(default="", compare=False)

    def __or__(self, other: Changes) -> Changes:
        kinds = {name: getattr(self, name) or getattr(other, name) for name in _KINDS}
        return Changes(**kinds, initiator=self.initiator or other.initiator)

    @property
    def history(self) -> bool:
        """Whether anything history shows has changed."""
        return (
            self.sessions
            or self.steps
            or self.icing
            or self.day_marks
            or self.check_in
            or self.dose_changes
            or self.reviews
            or self.runs
        )

    def by(self, initiator: str) -> Changes:
        """The same changes, naming who asked for them."""
        return replace(self, initiator=initiator)

    def __bool__(self) -> bool:
        return any(getattr(self, name) for name in _KINDS)


_KINDS = tuple(f.name for f in fields(Changes) if f.name != "initiator")
NOTHING = Changes()


@dataclass(frozen=True, slots=True)
class OpResult(Generic[T]):
    """The value an operation produced and what it changed."""

    value: T
    changes: Changes = NOTHING
