"""What an operation returns: its result and what it changed."""

from __future__ import annotations

from dataclasses import dataclass, fields
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

    def __or__(self, other: Changes) -> Changes:
        return Changes(**{f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self)})

    @property
    def history(self) -> bool:
        """Whether anything history shows has changed."""
        return self.sessions or self.steps or self.icing or self.day_marks or self.check_in

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))


NOTHING = Changes()


@dataclass(frozen=True, slots=True)
class OpResult(Generic[T]):
    """The value an operation produced and what it changed."""

    value: T
    changes: Changes = NOTHING
