"""Writes that wait their turn without holding a face: at most a moment for another program's lock, then
"not yet" (the face tries again later), and only once the face has waited as long as any write waits (the
store's busy timeout) the StoreBusyError a blocking write would have given.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from coach.core.operations.changes import OpResult
from coach.core.operations.context import Coach

T = TypeVar("T")


def in_turn(
    coach: Coach, operation: Callable[[Coach], OpResult[T]], *, patience: float, waited: float
) -> OpResult[T] | None:
    """Run `operation`, each of its writes waiting at most `patience` seconds for another program's lock;
    None when the lock was held (nothing of that write was written: try again later).

    `waited`: how long the caller has already waited on its own count; once that is the store's whole busy
    timeout, the StoreBusyError goes up and is said, as for any write.
    """
    from coach.core.store import writing

    try:
        with coach.store.patience(patience):
            return operation(coach)
    except writing.StoreBusyError:
        if waited < writing.BUSY_TIMEOUT_SECONDS:
            return None
        raise
