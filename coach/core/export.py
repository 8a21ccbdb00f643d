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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path

from coach.core.clinical.safety import KNEE_WARNING_SIGNS, SESSION_WARNING_SIGNS
from coach.core.files import not_replaceable, write_folder
from coach.core.history.outcome import session_outcome
from coach.core.history.period import Period
from coach.core.history.records import SessionRecord
from coach.core.history.work import StepResult
from coach.core.refusal import Refused
from coach.core.store.adherence import AdherenceStore

SESSIONS_FILE = "sessions.csv"
# The fuller list's signs beyond the session's own two, each a column of sessions.csv.
WEEKLY_SIGN_KEYS = tuple(
    s.key for s in KNEE_WARNING_SIGNS if s.key not in {w.key for w in SESSION_WARNING_SIGNS}
)
STEPS_FILE = "steps.csv"
ENCODING = "utf-8-sig"
_FORMULA_STARTS = frozenset("=+-@\t\r")
_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")

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
)


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


def step_row(r: StepResult, s: SessionRecord, tz: tzinfo | None = None) -> list[str]:
    """One row of steps.csv."""
    values: list[object] = [
        r.session_id,
        s.local_day(tz).isoformat(),
        r.step_index,
        r.exercise_id,
        r.kind,
        r.set_number or None,
        r.side,
        r.rep or None,
        f"{r.planned_seconds:g}",
        _local(r.started_at, s, tz),
        _local(r.finished_at, s, tz),
        "skipped" if r.skipped else "done",
        r.reps_done,
        r.load,
    ]
    return [_text(v) for v in values]


def _csv_writer(header: Sequence[str], rows: list[list[str]]) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        with path.open("w", encoding=ENCODING, newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows([[spreadsheet_safe(cell) for cell in row] for row in rows])

    return write


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
) -> CsvExport:
    """Write sessions.csv and steps.csv for the sessions on the local days of `period` into `folder`."""
    targets = (folder / SESSIONS_FILE, folder / STEPS_FILE)
    existing = [p for p in targets if p.exists()]
    if existing and not overwrite:
        raise ExportError(f"{existing[0]} already exists; choose another folder or overwrite it", exists=True)
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"{folder} is not a folder")
    for problem in filter(None, map(not_replaceable, targets)):
        raise ExportError(problem)
    chosen = period or Period()
    sessions = [
        s for s in store.sessions(include_simulated=include_simulated) if chosen.contains(s.local_day(tz))
    ]
    by_id = {s.id: s for s in sessions}
    results = store.step_results(list(by_id))
    # Both files land together: never a new sessions.csv beside an old steps.csv (see write_folder).
    write_folder(
        folder,
        [
            (SESSIONS_FILE, _csv_writer(SESSION_COLUMNS, [session_row(s, tz) for s in sessions])),
            (STEPS_FILE, _csv_writer(STEP_COLUMNS, [step_row(r, by_id[r.session_id], tz) for r in results])),
        ],
    )
    return CsvExport(targets[0], targets[1], len(sessions), len(results))
