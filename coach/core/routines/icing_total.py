"""How many minutes of icing a routine plans: every timer, on every set and every side."""

from __future__ import annotations

from collections.abc import Iterable

from coach.core.routines.model import Exercise


def planned_icing_minutes(exercises: Iterable[Exercise]) -> float:
    """The icing minutes the routine's steps would run, sides counted: what the 20-minute cap applies to."""
    return sum(e.timer_minutes * e.sets * max(1, len(e.sides)) for e in exercises if e.icing)
