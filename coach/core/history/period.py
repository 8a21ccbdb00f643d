"""A span of local days a report or an export covers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class Period:
    """Local days, both ends included; None: open on that side."""

    first: date | None = None
    last: date | None = None

    def contains(self, day: date) -> bool:
        return (self.first is None or day >= self.first) and (self.last is None or day <= self.last)
