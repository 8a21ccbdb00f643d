"""Exports for the physiotherapist: sessions and step results as CSV files.

Two files in a folder: `sessions.csv` (one row per session) and `steps.csv` (one row per stored step). They
are written as UTF-8 with a byte-order mark, so that a spreadsheet opened by double-click reads the dashes
and accents in routine titles correctly. Existing files are never replaced silently: the export refuses
unless asked to overwrite, and then writes both files whole or not at all, landing together (a folder that
holds only the pair is replaced in one step).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from operator import itemgetter
from pathlib import Path
from typing import Any, TextIO

from coach.core.clinical.safety import KNEE_WARNING_SIGNS, SESSION_WARNING_SIGNS
from coach.core.files import not_replaceable, write_folder
from coach.core.history.outcome import session_outcome
from coach.core.history.period import Period
from coach.core.history.records import SessionRecord
from coach.core.i18n import _
from coach.core.refusal import Refused
from coach.core.running.runs import Run
from coach.core.store.adherence import AdherenceStore
from coach.core.store.export_rows import NEEDS_QUOTES, PageSession

SESSIONS_FILE = "sessions.csv"
# The fuller list's signs beyond the session's own two, each a column of sessions.csv.
WEEKLY_SIGN_KEYS = tuple(
    s.key for s in KNEE_WARNING_SIGNS if s.key not in {w.key for w in SESSION_WARNING_SIGNS}
)
STEPS_FILE = "steps.csv"
# The reviews the person recorded (after a warning sign: did the clinician say they may continue?).
REVIEWS_FILE = "reviews.csv"
REVIEW_COLUMNS = ("local_date", "seen_at", "answer", "note")
# The runs (issue 23): guided by the app, logged by hand, imported from a watch's file.
RUNS_FILE = "runs.csv"
RUN_COLUMNS = (
    "run_id",
    "local_date",
    "started_at",
    "minutes",
    "moving_minutes",
    "distance_km",
    "pace_min_per_km",
    "cadence_spm",
    "pain_during",
    "pain_after_hour",
    "pain_next_morning",
    "stage",
    "source",
    "simulated",
)
ENCODING = "utf-8-sig"
_FORMULA_STARTS = frozenset("=+-@\t\r")
_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")
# Sessions read at a time: their steps (about 275 each) are a few megabytes of rows at most, and a page
# takes a few tens of milliseconds, so the app stays responsive between pages.
PAGE = 24
# Runs read at a time: a run is one short row.
RUN_PAGE = 240
# The part of an export's progress that sessions.csv takes (steps.csv is nearly all of the work).
SESSIONS_SHARE = 0.05

# Told how far an export has come (0 to 1) after each page; may raise to cancel it.
Progress = Callable[[float], None]

SESSION_COLUMNS = (
    "session_id",
    "routine_id",
    "routine_title",
    "routine_version",
    "routine_version_since",
    "local_date",
    "started_at",
    "finished_at",
    "time_zone",
    "status",
    "steps_done",
    "steps_total",
    "pain",
    "morning_pain",
    "note",
    *(sign.key for sign in SESSION_WARNING_SIGNS),
    "simulated",
    # done, partly done, mostly skipped, stopped early, in progress; last, so older readers keep working
    "outcome",
    # Added since (issue "a physiotherapist would sign it"), after the older columns: the pain before the
    # session, when the morning was answered, each sign of the fuller weekly list (yes, no, or empty when
    # not asked), and the exercises the person said hurt.
    "pain_before",
    "morning_at",
    *WEEKLY_SIGN_KEYS,
    "hurt",
)
STEP_COLUMNS = (
    "session_id",
    "local_date",
    "step_index",
    "exercise_id",
    "kind",
    "set",
    "side",
    "rep",
    "planned_seconds",
    "started_at",
    "finished_at",
    "result",
    "reps_done",
    "load",
    # Added since (issue 21, "dose done"), after the older columns: the seconds under tension the sheet
    # prescribes for the step and those done (empty for a step with none, or recorded before they were kept).
    "tension_prescribed_seconds",
    "tension_done_seconds",
)


class ExportCancelled(Refused):
    """The person cancelled the export; nothing was written."""

    def __init__(self) -> None:
        super().__init__(_("cancelled; nothing was written"))


class ExportError(Refused):
    """The export cannot be written as asked; the message says why. `exists`: the target is already there
    (overwriting it is what the person may choose), as against a target that cannot be written at all."""

    def __init__(self, sentence: str, *, exists: bool = False) -> None:
        super().__init__(sentence)
        self.exists = exists


@dataclass(frozen=True, slots=True)
class CsvExport:
    sessions_path: Path
    steps_path: Path
    sessions: int
    steps: int
    reviews_path: Path | None = None
    reviews: int = 0
    runs_path: Path | None = None
    runs: int = 0


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _local(moment: datetime | None, session: SessionRecord, tz: tzinfo | None) -> str:
    """A stored time in the session's own zone (older sessions: `tz`), with its offset."""
    if moment is None:
        return ""
    zone = session.local_start(tz).tzinfo
    return moment.astimezone(zone).isoformat(timespec="seconds")


def session_row(s: SessionRecord, tz: tzinfo | None = None) -> list[str]:
    """One row of sessions.csv."""
    signs = dict(s.warning_signs)
    values: list[object] = [
        s.id,
        s.routine_id,
        s.routine_title,
        s.routine_hash[:12],  # enough to tell versions apart in a spreadsheet
        s.routine_since.isoformat() if s.routine_since else None,
        s.local_day(tz).isoformat(),
        _local(s.started_at, s, tz),
        _local(s.finished_at, s, tz),
        s.time_zone,
        s.status.value,
        s.steps_completed,
        s.steps_total,
        s.pain,
        s.morning_pain,
        s.note,
        *(signs.get(sign.key) for sign in SESSION_WARNING_SIGNS),
        s.simulated,
        session_outcome(s).value,
        s.pain_before,
        _local(s.morning_at, s, tz),
        *(signs.get(key) for key in WEEKLY_SIGN_KEYS),
        " ".join(sorted(s.hurt)),
    ]
    return [_text(v) for v in values]


def _page_sessions(sessions: Iterable[SessionRecord], tz: tzinfo | None) -> list[PageSession]:
    """Each session's id, local day and UTC offset (minutes and as text), for the store's step rows."""
    page: list[PageSession] = []
    for s in sessions:
        offset = s.local_start(tz).isoformat()[-6:] if s.utc_offset_minutes is not None else ""
        page.append((s.id, s.local_day(tz).isoformat(), s.utc_offset_minutes, offset))
    return page


def _written_as_stored(sessions: Iterable[SessionRecord], names: Iterable[str]) -> bool:
    """Whether a page's steps go out as SQLite writes them: every session kept its offset and no name is
    one a spreadsheet would run or holds a NUL character (else `_step_rows` makes its rows whole)."""
    return all(s.utc_offset_minutes is not None for s in sessions) and all(
        spreadsheet_safe(name) == name and "\0" not in name
        for name in names  # SQLite's printf ends at NUL
    )


def _step_rows(
    rows: list[tuple[Any, ...]], by_id: Mapping[int, SessionRecord], tz: tzinfo | None
) -> list[tuple[Any, ...]]:
    """The store's rows of steps.csv (ExportRows.export_step_rows) made whole: a name a spreadsheet would run
    neutralised, the times of a session that kept no offset placed in `tz`. Most pages need neither, and
    are written as SQLite gave them."""
    names = {*map(itemgetter(3), rows), *map(itemgetter(4), rows), *map(itemgetter(6), rows)}
    names = (names | {*map(itemgetter(13), rows)}) - {None}  # the load is a sheet's text too
    safe: dict[object, str | None] = {name: spreadsheet_safe(str(name)) for name in names}
    unsafe = {name for name, made_safe in safe.items() if made_safe != name}
    unplaced = {s.id for s in by_id.values() if s.utc_offset_minutes is None}
    if not unsafe and not unplaced:
        return rows
    safe[None] = None
    made: list[tuple[Any, ...]] = []
    for row in rows:
        sid, day, index, exercise, kind, set_number, side, rep, planned, started, finished, result = row[:12]
        reps_done, load, *tension = row[12:]
        if sid in unplaced:
            zone = by_id[sid].local_start(tz).tzinfo
            started, finished = _placed(started, zone), _placed(finished, zone)
        made.append(
            (
                sid,
                day,
                index,
                safe[exercise],
                safe[kind],
                set_number,
                safe[side],
                rep,
                planned,
                started,
                finished,
                result,
                reps_done,
                safe[load],
                *tension,
            )
        )
    return made


def _placed(moment: str | None, zone: tzinfo | None) -> str:
    """A stored UTC time in `zone`, with its offset, as `_local` writes a session's times."""
    return datetime.fromisoformat(moment).astimezone(zone).isoformat(timespec="seconds") if moment else ""


def spreadsheet_safe(cell: str) -> str:
    """A cell a spreadsheet shows as text: one starting with = + - @ (or tab, CR) gets a leading '.

    OWASP's advice against CSV injection: a routine title "=HYPERLINK(...)" must not become a formula in
    the physiotherapist's spreadsheet. Plain numbers such as -120 stay numbers.
    """
    if cell[:1] in _FORMULA_STARTS and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def export_csv(
    store: AdherenceStore,
    folder: Path,
    period: Period | None = None,
    tz: tzinfo | None = None,
    *,
    overwrite: bool = False,
    include_simulated: bool = False,
    progress: Progress | None = None,
) -> CsvExport:
    """Write sessions.csv and steps.csv for the sessions on the local days of `period` into `folder`.

    Read and written a page of sessions at a time, so memory stays the same whatever the years.
    `progress(fraction)` is called after each page; whatever it raises (ExportCancelled when the person
    cancels) ends the export with nothing written.
    """
    targets = (folder / SESSIONS_FILE, folder / STEPS_FILE, folder / REVIEWS_FILE, folder / RUNS_FILE)
    existing = [p for p in targets if p.exists()]
    if existing and not overwrite:
        raise ExportError(
            _("{path} already exists; choose another folder or overwrite it").format(path=existing[0]),
            exists=True,
        )
    if folder.exists() and not folder.is_dir():
        raise ExportError(_("{folder} is not a folder").format(folder=folder))
    for problem in filter(None, map(not_replaceable, targets)):
        raise ExportError(problem)
    reading = _Reading(store, period or Period(), tz, include_simulated, progress or _no_progress)
    # The files land together: never a new sessions.csv beside an old steps.csv (see write_folder).
    write_folder(
        folder,
        [
            (SESSIONS_FILE, reading.write_sessions),
            (STEPS_FILE, reading.write_steps),
            (REVIEWS_FILE, reading.write_reviews),
            (RUNS_FILE, reading.write_runs),
        ],
    )
    return CsvExport(
        targets[0],
        targets[1],
        reading.sessions,
        reading.steps,
        targets[2],
        reading.reviews,
        targets[3],
        reading.runs,
    )


def _csv_file(path: Path) -> TextIO:
    """`path` opened to write CSV text in ENCODING: the byte-order mark written by hand, then plain UTF-8,
    whose encoder Python runs in C (utf-8-sig's is Python code, called once for each row)."""
    handle = path.open("w", encoding="utf-8", newline="")
    handle.write("\ufeff")
    return handle


def _no_progress(_fraction: float) -> None:
    return None


class _Reading:
    """One export's pass over the store: sessions.csv in the order started, then steps.csv by session id,
    each a page of sessions at a time, up to the newest session when it began."""

    def __init__(
        self, store: AdherenceStore, period: Period, tz: tzinfo | None, simulated: bool, progress: Progress
    ) -> None:
        self.store, self.period, self.tz, self.simulated, self.progress = (
            store,
            period,
            tz,
            simulated,
            progress,
        )
        self.up_to = store.last_session_id()
        self.sessions = self.steps = self.reviews = self.runs = 0

    def _shown(self, page: list[SessionRecord]) -> list[SessionRecord]:
        return [s for s in page if self.period.contains(s.local_day(self.tz))]

    def write_sessions(self, path: Path) -> None:
        self.sessions = 0  # counted again if write_folder ever draws a file twice
        with _csv_file(path) as handle:
            writer = csv.writer(handle)
            writer.writerow(SESSION_COLUMNS)
            after: tuple[str, int] | None = None
            while page := self.store.session_page(
                after, PAGE, up_to=self.up_to, include_simulated=self.simulated
            ):
                shown = self._shown(page)
                writer.writerows([spreadsheet_safe(cell) for cell in session_row(s, self.tz)] for s in shown)
                self.sessions += len(shown)
                after = self.store.page_key(page[-1].id)
                self.progress(SESSIONS_SHARE * page[-1].id / max(self.up_to, 1))

    def write_steps(self, path: Path) -> None:
        self.steps = 0
        with _csv_file(path) as handle:
            writer = csv.writer(handle)
            writer.writerow(STEP_COLUMNS)
            after = 0
            while page := self.store.session_page_by_id(
                after, PAGE, up_to=self.up_to, include_simulated=self.simulated
            ):
                shown = {s.id: s for s in self._shown(page)}
                sessions = _page_sessions(shown.values(), self.tz)
                names = self.store.export_step_names(list(shown))
                if _written_as_stored(shown.values(), names):
                    plain = not any(NEEDS_QUOTES.intersection(name) for name in names)
                    lines = self.store.export_step_lines(sessions, plain=plain)
                    handle.writelines(lines)
                    self.steps += len(lines)
                else:
                    rows = self.store.export_step_rows(sessions)
                    writer.writerows(_step_rows(rows, shown, self.tz))
                    self.steps += len(rows)
                after = page[-1].id
                self.progress(SESSIONS_SHARE + (1 - SESSIONS_SHARE) * after / max(self.up_to, 1))

    def write_reviews(self, path: Path) -> None:
        """reviews.csv: each review on a local day of the period, oldest first (a few rows: read whole)."""
        self.reviews = 0
        with _csv_file(path) as handle:
            writer = csv.writer(handle)
            writer.writerow(REVIEW_COLUMNS)
            for seen, answer, note in self.store.clinician_reviews():
                local = seen.astimezone(self.tz)
                if self.period.contains(local.date()):
                    row = [local.date().isoformat(), local.isoformat(timespec="seconds"), answer, note]
                    writer.writerow([spreadsheet_safe(cell) for cell in row])
                    self.reviews += 1

    def write_runs(self, path: Path) -> None:
        """runs.csv: each run on a local day of the period, in the order they started, a page at a time."""
        self.runs = 0
        with _csv_file(path) as handle:
            writer = csv.writer(handle)
            writer.writerow(RUN_COLUMNS)
            after: tuple[datetime, int] | None = None
            while page := self.store.run_page(after, RUN_PAGE, include_simulated=self.simulated):
                rows = [run_row(r, self.tz) for r in page if self.period.contains(_run_day(r, self.tz))]
                writer.writerows(rows)
                self.runs += len(rows)
                after = (page[-1].started_at, page[-1].id)


def _run_day(run: Run, tz: tzinfo | None) -> date:
    return run.started_at.astimezone(tz).date()


def _figure(value: float | None) -> str | None:
    """A measured figure to two decimals at most, without trailing zeros: 31.0 → "31", 5.882 → "5.88"."""
    return None if value is None else f"{round(value, 2):g}"


def run_row(run: Run, tz: tzinfo | None = None) -> list[str]:
    """One row of runs.csv (the times in `tz`, with their offset: a run keeps no zone of its own)."""
    start = run.started_at.astimezone(tz)
    pace = run.pace_min_per_km
    values: list[object] = [
        run.id,
        start.date().isoformat(),
        start.isoformat(timespec="seconds"),
        _figure(run.minutes),
        _figure(run.moving_minutes),
        _figure(run.distance_km),
        _figure(pace),
        _figure(run.cadence_spm),
        run.pain.during,
        run.pain.after_hour,
        run.pain.next_morning,
        run.stage,
        run.source.value,
        run.simulated,
    ]
    return [spreadsheet_safe(_text(v)) for v in values]
