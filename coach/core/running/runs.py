"""One run as the store keeps it, and as a face hands one in.

A run is recorded whatever its source: a run-walk guided by the app's player (`guided`), one typed in after a
run done elsewhere (`logged`), or one read from a watch's or phone's file (`gpx`, `fit`, `tcx`). The pain
questions are those of the runners' pain rule: during the run, an hour after, and the next morning; the
later answers arrive later, so each may be None until then.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime


class RunSource(enum.Enum):
    """Where a run's record came from (the CSV's and `coach history --json`'s `source`)."""

    GUIDED = "guided"
    LOGGED = "logged"
    GPX = "gpx"
    FIT = "fit"
    TCX = "tcx"


@dataclass(frozen=True, slots=True)
class RunPain:
    """The person's pain (0–10) during a run, an hour after and the next morning; None: not answered yet."""

    during: int | None = None
    after_hour: int | None = None
    next_morning: int | None = None


@dataclass(frozen=True, slots=True)
class NewRun:
    """A run to record. `fingerprint` makes a run recorded twice one run (an imported file's digest, say);
    None: every record is a new run. `stage` is the plan's stage (0-based) a guided run followed."""

    started_at: datetime  # timezone-aware
    minutes: float  # elapsed, start to end
    source: RunSource
    distance_km: float | None = None
    moving_minutes: float | None = None
    cadence_spm: float | None = None  # steps per minute, where the file has it
    pain: RunPain = RunPain()
    fingerprint: str | None = None
    stage: int | None = None
    routine_id: str | None = None  # the plan's routine, for a guided run
    session_id: int | None = None  # the guided session this run was
    simulated: bool = False  # an `--instant` session: kept apart from the person's own history


@dataclass(frozen=True, slots=True)
class Run:
    """A recorded run."""

    id: int
    started_at: datetime
    minutes: float
    source: RunSource
    distance_km: float | None
    moving_minutes: float | None
    cadence_spm: float | None
    pain: RunPain
    stage: int | None
    routine_id: str | None
    session_id: int | None
    simulated: bool

    @property
    def pace_min_per_km(self) -> float | None:
        """Minutes per kilometre over the moving time (else the elapsed time); None without a distance."""
        if not self.distance_km:
            return None
        return (self.moving_minutes or self.minutes) / self.distance_km
