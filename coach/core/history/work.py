"""What a session did, step by step and per exercise and side, as stored: for the report, the CSV export and
the share of the plan done. Apart from `records` so that reading sessions alone (`coach history`) does not
define them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class StepResult:
    """One finished or skipped work or pause step of a session, as stored."""

    session_id: int
    step_index: int
    kind: str
    exercise_id: str
    set_number: int
    side: str | None
    rep: int
    planned_seconds: float
    started_at: datetime | None
    finished_at: datetime
    skipped: bool
    reps_done: int | None = None  # a set counted up until tired: the reps the person did
    load: str = ""  # the load or level the step was done with
    # Time under tension (m013), in seconds: the sheet's for this step and what was done (None: the step
    # has none, or was recorded before it was kept).
    tension_prescribed: float | None = None
    tension_done: float | None = None


@dataclass(frozen=True, slots=True)
class PlannedWork:
    """How many work steps (reps, holds, timers) a session planned for one exercise on one side."""

    session_id: int
    exercise_id: str
    exercise_name: str
    side: str | None
    steps: int
    # Seconds under tension the session's plan prescribed (m013): 0 for none (reps without a tempo, a
    # timer), None for a session recorded before it was kept.
    tension_seconds: float | None = None


@dataclass(frozen=True, slots=True)
class WorkCount:
    """One session's work steps for one exercise on one side: how many were done, how many reached."""

    session_id: int
    exercise_id: str
    side: str | None
    done: int
    reached: int  # done or skipped
    tension_done: float | None = None  # seconds under tension done (None: none recorded)
