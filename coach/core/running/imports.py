"""A run read from a watch's or phone's file: GPX, FIT or TCX, told apart by their content.

Every file goes through `read_run_file`: read bounded (a pipe, a device or a huge file is refused before
a parser sees it), recognised by its first bytes, parsed by a well-kept parser (gpxpy, fitdecode; TCX with
defusedxml), and summed up as an `ImportedRun`. A file that is not a run (empty, cut short, garbage, a
route without times, another sport, hostile XML) raises `RunFileError` with one sentence; nothing is
recorded from it. The fingerprint is the digest of the file's bytes: the same file imported twice is one
run.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from coach.core.digest import sha256_hex
from coach.core.i18n import _, format_decimal
from coach.core.reading import UnreadableFileError, read_bounded
from coach.core.running.runs import NewRun, RunPain, RunSource

# A three-hour run logged every second with heart rate and cadence is about 5 MB of GPX or TCX *(ours)*.
RUN_FILE_MAX_BYTES = 25 * 1024 * 1024
# Longer than any run this programme leads to; a longer "run" is a walk, a hike or a watch left on *(ours)*.
RUN_MAX_MINUTES = 6 * 60
# The sports a file may name that are a run (GPX's <type>, TCX's Sport, FIT's sport), lowercased.
RUNNING_SPORTS = frozenset({"running", "run", "trail_running", "trail running", "treadmill_running", "9"})


class RunFileError(Exception):
    """Why a file gave no run, as one sentence with the file's name."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path.name}: {reason}")
        self.path = path
        self.reason = reason


class NotARunError(Exception):
    """A parser's sentence (no path): the file is read, but it holds no run."""


@dataclass(frozen=True, slots=True)
class RunSummary:
    """What a parser reads from a file: the start (timezone-aware) and the figures the file has."""

    started_at: datetime
    minutes: float  # elapsed, start to end
    distance_km: float | None = None
    moving_minutes: float | None = None
    cadence_spm: float | None = None  # steps per minute (both feet)


@dataclass(frozen=True, slots=True)
class ImportedRun:
    """A run read from a file, with its format and the digest of its bytes."""

    summary: RunSummary
    source: RunSource
    fingerprint: str

    def as_new_run(self, pain_during: int | None) -> NewRun:
        """The run to record, with the pain the person gave for during it (the later answers come later)."""
        s = self.summary
        return NewRun(
            started_at=s.started_at,
            minutes=s.minutes,
            source=self.source,
            distance_km=s.distance_km,
            moving_minutes=s.moving_minutes,
            cadence_spm=s.cadence_spm,
            pain=RunPain(during=pain_during),
            fingerprint=f"{self.source.value}:{self.fingerprint}",
        )


def read_run_file(path: Path) -> ImportedRun:
    """The run `path` holds; RunFileError with one sentence when it holds none."""
    try:
        raw = read_bounded(path, RUN_FILE_MAX_BYTES, "a run's file")
    except UnreadableFileError as error:
        raise RunFileError(path, str(error)) from None
    try:
        source = file_format(raw)
        summary = _parse(source, raw)
        _check(summary)
    except NotARunError as problem:
        raise RunFileError(path, str(problem)) from None
    summary = replace(summary, started_at=summary.started_at.astimezone(UTC))
    return ImportedRun(summary, source, sha256_hex(raw))


def file_format(raw: bytes) -> RunSource:
    """GPX, FIT or TCX, by the file's first bytes (its name may say anything); else NotARunError."""
    if not raw.strip():
        raise NotARunError(_("the file is empty"))
    if len(raw) >= 12 and raw[8:12] == b".FIT":
        return RunSource.FIT
    head = raw[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<"):
        if b"<gpx" in head:
            return RunSource.GPX
        if b"<trainingcenterdatabase" in head:
            return RunSource.TCX
        raise NotARunError(_("this is XML but neither a GPX track nor a TCX activity"))
    raise NotARunError(_("this is not a GPX, FIT or TCX file (the files a watch or a running app exports)"))


def _parse(source: RunSource, raw: bytes) -> RunSummary:
    if source is RunSource.FIT:
        from coach.core.running.fit_file import read_fit

        return read_fit(raw)
    if source is RunSource.TCX:
        from coach.core.running.tcx_file import read_tcx

        return read_tcx(raw)
    from coach.core.running.gpx_file import read_gpx

    return read_gpx(raw)


def _check(summary: RunSummary) -> None:
    if summary.started_at.tzinfo is None:
        raise NotARunError(_("its times carry no time zone, so when the run started is not known"))
    if summary.minutes <= 0:
        raise NotARunError(_("its track starts and ends at the same moment: there is no run in it"))
    if summary.minutes > RUN_MAX_MINUTES:
        hours = RUN_MAX_MINUTES // 60
        raise NotARunError(
            _("it lasts {hours} hours; a run here is at most {most} hours").format(
                hours=format_decimal(summary.minutes / 60, 1), most=hours
            )
        )


def check_sport(sport: str | None) -> None:
    """NotARunError when a file names a sport that is not running (None or empty: the file does not say)."""
    if sport and sport.strip().lower() not in RUNNING_SPORTS:
        raise NotARunError(_("this is a {sport} activity, not a run").format(sport=sport.strip().lower()))


def steps_per_minute(per_foot: list[float]) -> float | None:
    """Cadence as steps a minute from the files' strides a minute of one foot (GPX's and TCX's `cad`,
    FIT's running cadence), leaving out the zeros of standing still; None when the file has none."""
    moving = [value for value in per_foot if value > 0]
    if not moving:
        return None
    return round(2 * sum(moving) / len(moving), 1)


# A run's distance, typed by hand, is at most a marathon and a half *(ours)*: more is a typing slip.
RUN_MAX_KM = 60.0


def check_run_figures(minutes: float, distance_km: float | None) -> str | None:
    """Why figures typed for a run cannot be a run (as a sentence), or None."""
    if not 1 <= minutes <= RUN_MAX_MINUTES:
        return _("a run's minutes are from 1 to {most}, not {minutes}").format(
            most=RUN_MAX_MINUTES, minutes=f"{minutes:g}"
        )
    if distance_km is not None and not 0 < distance_km <= RUN_MAX_KM:
        return _("a run's distance is more than 0 and at most {most} km, not {distance}").format(
            most=f"{RUN_MAX_KM:g}", distance=f"{distance_km:g}"
        )
    return None


RUN_FILE_SUFFIXES = frozenset({".gpx", ".fit", ".tcx"})
# A watched folder is read for at most this many run files, newest first *(ours)*: a folder of years of
# exports would otherwise be read whole at every change.
FOLDER_FILES_MAX = 200


def run_files_in(folder: Path) -> list[Path]:
    """The GPX, FIT and TCX files directly in `folder`, newest first (at most FOLDER_FILES_MAX); [] when the
    folder cannot be read."""
    try:
        found = [p for p in folder.iterdir() if p.suffix.lower() in RUN_FILE_SUFFIXES and p.is_file()]
        found.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return []
    return found[:FOLDER_FILES_MAX]
