"""A span of local days a report or an export covers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from coach.core.i18n import _

# The days a history can hold: a date far outside them is a typo (9999-12-31), and counting weeks from it
# would run past the calendar's end.
EARLIEST_DAY = date(1970, 1, 1)
LATEST_DAY = date(2999, 12, 31)


def day_problem(day: date) -> str | None:
    """Why `day` cannot be a day of a history (far outside EARLIEST_DAY–LATEST_DAY), or None."""
    if EARLIEST_DAY <= day <= LATEST_DAY:
        return None
    return _("{day} is out of range: a date from {earliest} to {latest}").format(
        day=day.isoformat(), earliest=EARLIEST_DAY, latest=LATEST_DAY
    )


@dataclass(frozen=True, slots=True)
class Period:
    """Local days, both ends included; None: open on that side."""

    first: date | None = None
    last: date | None = None

    def contains(self, day: date) -> bool:
        return (self.first is None or day >= self.first) and (self.last is None or day <= self.last)
