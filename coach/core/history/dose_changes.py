"""The dose changes the app made and the person accepted, as stored for the physiotherapist's report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class RecordedDoseChange:
    """A dose change the app made and the person accepted: one exercise, before → after, why and when."""

    changed_on: date
    routine_id: str
    routine_title: str
    exercise_id: str
    exercise_name: str
    before: str
    after: str
    decision: str  # "progress" or "ease", as the pain rule decided
    reason: str
