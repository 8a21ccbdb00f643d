"""The adherence store: one private SQLite file, each finished step committed the moment it finishes.

The schema is built by numbered `sqlite_utils.Migrations` steps recorded in the database itself; a copy of
the file is taken before any migration touches an existing database, and a database written by a newer
Rehab Coach (one with migrations we do not know) is refused rather than guessed at.
"""

from __future__ import annotations

import enum
import functools
import os
import sqlite3
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from coach.core.history_store import HistoryRecords
from coach.core.paths import ensure_private_dir
from coach.core.records import StoreError as StoreError  # re-exported: the store's error type
from coach.core.records import parse_utc as _parse
from coach.core.records import utc_text as _timestamp
from coach.core.routine import Routine, Step
from coach.core.safety import SESSION_WARNING_SIGNS, check_pain

migrations = Migrations("rehab-coach")
_KNOWN_MIGRATIONS: list[str] = []


def _migration(step: Callable[[Database], None]) -> Callable[[Database], None]:
    """Register a numbered schema step (m001_..., m002_...); names are never reused or renamed."""
    _KNOWN_MIGRATIONS.append(step.__name__)
    return migrations()(step)


@_migration
def m001_sessions_and_steps(db: Database) -> None:
    db["sessions"].create(  # type: ignore[union-attr]
        {
            "id": int,
            "routine_id": str,
            "routine_title": str,
            "routine_path": str,
            "sessions_per_week": int,
            "started_at": str,
            "finished_at": str,
            "status": str,
            "steps_total": int,
            "simulated": int,
            "pain": int,
            "note": str,
        },
        pk="id",
        not_null={"routine_id", "started_at", "status", "steps_total", "simulated"},
        defaults={"status": "open", "simulated": 0, "note": ""},
    )
    db["step_results"].create(  # type: ignore[union-attr]
        {
            "id": int,
            "session_id": int,
            "step_index": int,
            "kind": str,
            "exercise_id": str,
            "set_number": int,
            "side": str,
            "rep": int,
            "planned_seconds": float,
            "started_at": str,
            "finished_at": str,
            "skipped": int,
        },
        pk="id",
        foreign_keys=[("session_id", "sessions", "id")],
        not_null={"session_id", "step_index", "kind", "exercise_id", "finished_at", "skipped"},
    )
    db["step_results"].create_index(["session_id", "step_index"], unique=True)  # type: ignore[union-attr]
    db["sessions"].create_index(["started_at"])  # type: ignore[union-attr]


@_migration
def m002_warning_signs(db: Database) -> None:
    """The end-of-session warning-sign answers: 1 yes, 0 no, NULL not answered."""
    for sign in SESSION_WARNING_SIGNS:
        db["sessions"].add_column(sign.key, int)  # type: ignore[union-attr]


@_migration
def m003_icing_runs(db: Database) -> None:
    db["icing_runs"].create(  # type: ignore[union-attr]
        {
            "id": int,
            "started_at": str,
            "planned_minutes": int,
            "actual_minutes": float,
            "finished_at": str,
            "status": str,
        },
        pk="id",
        not_null={"started_at", "planned_minutes", "status"},
        defaults={"status": "open"},
    )
    db["icing_runs"].create_index(["started_at"])  # type: ignore[union-attr]


@_migration
def m004_history(db: Database) -> None:
    """For history and the pain-monitoring rule: local zone, plan version, next-morning pain, day marks."""
    sessions = db["sessions"]
    # The local time of a session is kept as the UTC offset (minutes east) and zone it had then, so that a
    # trip abroad or a daylight-saving change never moves a past session to another day.
    sessions.add_column("utc_offset_minutes", int)  # type: ignore[union-attr]
    sessions.add_column("time_zone", str)  # type: ignore[union-attr]
    # Which version of the routine file the session followed: a hash of its bytes, and the local date that
    # version was first used.
    sessions.add_column("routine_hash", str)  # type: ignore[union-attr]
    sessions.add_column("routine_since", str)  # type: ignore[union-attr]
    # The next-morning check-in: morning_at is set once asked (answered or skipped): never asked twice.
    sessions.add_column("morning_pain", int)  # type: ignore[union-attr]
    sessions.add_column("morning_at", str)  # type: ignore[union-attr]
    sessions.create_index(["routine_id", "routine_hash"])  # type: ignore[union-attr]
    db["planned_work"].create(  # type: ignore[union-attr]
        {"session_id": int, "exercise_id": str, "exercise_name": str, "side": str, "steps": int},
        pk=("session_id", "exercise_id", "side"),
        foreign_keys=[("session_id", "sessions", "id")],
        not_null={"session_id", "exercise_id", "side", "steps"},
    )
    db["day_marks"].create(  # type: ignore[union-attr]
        {"id": int, "kind": str, "first_day": str, "last_day": str, "reason": str, "created_at": str},
        pk="id",
        not_null={"kind", "first_day", "last_day"},
        defaults={"reason": ""},
    )


class SessionStatus(enum.Enum):
    OPEN = "open"  # started and not finished: still running, or the app died
    COMPLETED = "completed"
    STOPPED = "stopped"  # stopped early


@dataclass(frozen=True, slots=True)
class SessionRecord:
    """One session as stored, with how many of its work steps were done."""

    id: int
    routine_id: str
    routine_title: str
    routine_path: str
    sessions_per_week: int
    started_at: datetime
    finished_at: datetime | None
    status: SessionStatus
    steps_total: int
    steps_completed: int
    simulated: bool
    pain: int | None
    note: str
    warning_signs: tuple[tuple[str, bool | None], ...] = ()
    utc_offset_minutes: int | None = None  # None: recorded before Rehab Coach kept it
    time_zone: str = ""
    routine_hash: str = ""
    routine_since: date | None = None
    morning_pain: int | None = None
    morning_at: datetime | None = None  # when the next-morning question was answered or skipped

    @property
    def completed(self) -> bool:
        return self.status is SessionStatus.COMPLETED

    @property
    def fully_done(self) -> bool:
        """Completed with every work step done, none skipped."""
        return self.completed and self.steps_total > 0 and self.steps_completed >= self.steps_total

    @property
    def morning_asked(self) -> bool:
        return self.morning_at is not None

    def local_start(self, fallback: tzinfo | None = None) -> datetime:
        """The start in the zone the person was in then; older rows use `fallback` (None: the system zone)."""
        if self.utc_offset_minutes is None:
            return self.started_at.astimezone(fallback)
        return self.started_at.astimezone(fixed_zone(self.utc_offset_minutes))

    def local_day(self, fallback: tzinfo | None = None) -> date:
        """The local calendar day the session belongs to (the day it started, where it started)."""
        return self.local_start(fallback).date()

    @property
    def warning_signs_reported(self) -> tuple[str, ...]:
        """The keys of the warning signs answered 'yes'."""
        return tuple(key for key, answer in self.warning_signs if answer)


class IcingStatus(enum.Enum):
    OPEN = "open"  # the timer is running, or the app died while it ran
    FINISHED = "finished"  # ran to the end
    STOPPED = "stopped"  # stopped early (or closed after a crash)


@dataclass(frozen=True, slots=True)
class IcingRecord:
    """One icing run as stored."""

    id: int
    started_at: datetime
    planned_minutes: int
    actual_minutes: float | None
    finished_at: datetime | None
    status: IcingStatus


@functools.cache
def fixed_zone(offset_minutes: int) -> timezone:
    """The fixed-offset zone for a stored UTC offset (cached: history asks for it thousands of times)."""
    return timezone(timedelta(minutes=offset_minutes))


def _local_zone(moment: datetime, zone: tzinfo | None) -> tuple[int, str]:
    """The UTC offset in whole minutes and the zone's name at `moment`, in `zone` (None: the system's)."""
    local = moment.astimezone(zone)
    offset = local.utcoffset() or timedelta(0)
    name = zone.key if isinstance(zone, ZoneInfo) else (local.tzname() or "")
    return round(offset.total_seconds() / 60), name


def _planned_work(session_id: int, steps: tuple[Step, ...]) -> list[dict[str, Any]]:
    counts = Counter((s.exercise_id, s.exercise_name, s.side or "") for s in steps if s.kind.is_work)
    return [
        {"session_id": session_id, "exercise_id": e, "exercise_name": n, "side": side, "steps": count}
        for (e, n, side), count in counts.items()
    ]


class AdherenceStore(HistoryRecords):
    """Sessions and their step results in one SQLite file (WAL, committed per write)."""

    def __init__(self, db: Database, path: Path | None) -> None:
        self._db = db
        self.path = path

    @classmethod
    def open(cls, path: Path) -> AdherenceStore:
        """Open (creating if needed) the database at `path`, upgrading its schema in place."""
        ensure_private_dir(path.parent)
        _create_private_file(path)
        db = Database(path)
        try:
            db.execute("PRAGMA foreign_keys = ON")
            db.enable_wal()
            store = cls(db, path)
            store._migrate()
        except sqlite3.DatabaseError as error:
            db.close()
            raise StoreError(f"{path} is not a Rehab Coach database or is damaged: {error}") from error
        except BaseException:
            db.close()
            raise
        return store

    def close(self) -> None:
        self._db.close()

    # -- writing: each call is its own committed transaction ------------------------------------------

    def begin_session(
        self,
        routine: Routine,
        steps: tuple[Step, ...],
        started_at: datetime,
        *,
        simulated: bool = False,
        zone: tzinfo | None = None,
    ) -> int:
        """Record that a session started, in `zone` (None: the system's zone now); returns its id."""
        offset, zone_name = _local_zone(started_at, zone)
        row = {
            "routine_id": routine.id,
            "routine_title": routine.title,
            "routine_path": str(routine.path or ""),
            "sessions_per_week": routine.sessions_per_week,
            "started_at": _timestamp(started_at),
            "status": SessionStatus.OPEN.value,
            "steps_total": sum(1 for step in steps if step.kind.is_work),
            "simulated": int(simulated),
            "utc_offset_minutes": offset,
            "time_zone": zone_name,
            "routine_hash": routine.content_hash,
        }
        local_day = started_at.astimezone(fixed_zone(offset)).date()
        with self._db.atomic():
            row["routine_since"] = self._version_since(routine, local_day)
            table = self._db.table("sessions")
            table.insert(row)
            session_id = int(table.last_pk)  # type: ignore[arg-type]
            self._db.table("planned_work").insert_all(_planned_work(session_id, steps))
            return session_id

    def record_step(
        self, session_id: int, step: Step, started_at: datetime, finished_at: datetime, *, skipped: bool
    ) -> None:
        """Record one finished (or skipped) step; a step done again after 'back' replaces the earlier row."""
        row = {
            "session_id": session_id,
            "step_index": step.index,
            "kind": step.kind.value,
            "exercise_id": step.exercise_id,
            "set_number": step.set_number,
            "side": step.side,
            "rep": step.rep,
            "planned_seconds": step.seconds,
            "started_at": _timestamp(started_at),
            "finished_at": _timestamp(finished_at),
            "skipped": int(skipped),
        }
        with self._db.atomic():
            self._require_open(session_id)
            self._db.execute(
                "DELETE FROM step_results WHERE session_id = ? AND step_index = ?", [session_id, step.index]
            )
            self._db.table("step_results").insert(row)

    def finish_session(self, session_id: int, *, completed: bool, finished_at: datetime) -> None:
        status = SessionStatus.COMPLETED if completed else SessionStatus.STOPPED
        with self._db.atomic():
            self._require_open(session_id)
            self._db.table("sessions").update(
                session_id, {"status": status.value, "finished_at": _timestamp(finished_at)}
            )

    def record_pain(self, session_id: int, pain: int | None, note: str = "") -> None:
        """Store how much the knee hurt during the session (0-10, None: not answered) and an optional note."""
        problem = None if pain is None else check_pain(pain)
        if problem:
            raise ValueError(problem)
        with self._db.atomic():
            self._session_row(session_id)
            self._db.table("sessions").update(session_id, {"pain": pain, "note": note.strip()})

    def record_warning_signs(self, session_id: int, answers: Mapping[str, bool | None]) -> None:
        """Store the answers to the end-of-session warning-sign questions (None: not answered)."""
        known = {sign.key for sign in SESSION_WARNING_SIGNS}
        unknown = sorted(set(answers) - known)
        if unknown:
            raise ValueError(f"unknown warning sign {unknown[0]!r}; known: {', '.join(sorted(known))}")
        row = {key: None if answer is None else int(answer) for key, answer in answers.items()}
        with self._db.atomic():
            self._session_row(session_id)
            self._db.table("sessions").update(session_id, row)

    def close_abandoned(self, session_id: int) -> SessionRecord:
        """Close a session the app died in as stopped early, ending when its last step finished."""
        with self._db.atomic():
            self._require_open(session_id)
            last = self._db.execute(
                "SELECT MAX(finished_at) FROM step_results WHERE session_id = ?", [session_id]
            ).fetchone()[0]
            ended = last or self._session_row(session_id)["started_at"]
            self._db.table("sessions").update(
                session_id, {"status": SessionStatus.STOPPED.value, "finished_at": ended}
            )
        return self.session(session_id)

    def begin_icing(self, started_at: datetime, planned_minutes: int) -> int:
        """Record that an icing run started (an open row, so that a crash leaves a trace); returns its id."""
        row = {
            "started_at": _timestamp(started_at),
            "planned_minutes": planned_minutes,
            "status": IcingStatus.OPEN.value,
        }
        with self._db.atomic():
            table = self._db.table("icing_runs")
            table.insert(row)
            return int(table.last_pk)  # type: ignore[arg-type]

    def finish_icing(
        self, run_id: int, *, finished: bool, finished_at: datetime, actual_minutes: float
    ) -> None:
        """Close an open icing run: ran to the end (`finished`) or stopped early."""
        status = IcingStatus.FINISHED if finished else IcingStatus.STOPPED
        with self._db.atomic():
            current = self._icing_row(run_id)["status"]
            if current != IcingStatus.OPEN.value:
                raise StoreError(f"icing run {run_id} is already {current}; it cannot change any more")
            self._db.table("icing_runs").update(
                run_id,
                {
                    "status": status.value,
                    "finished_at": _timestamp(finished_at),
                    "actual_minutes": round(actual_minutes, 2),
                },
            )

    # -- reading --------------------------------------------------------------------------------------

    def icing_runs(self) -> list[IcingRecord]:
        """Every icing run, oldest first."""
        return self._icing_records("")

    def icing_run(self, run_id: int) -> IcingRecord:
        records = self._icing_records("WHERE id = ?", [run_id])
        if not records:
            raise StoreError(f"there is no icing run {run_id}")
        return records[0]

    def open_icing_runs(self) -> list[IcingRecord]:
        """Icing runs started and never closed: still running somewhere, or the app died."""
        return self._icing_records("WHERE status = ?", [IcingStatus.OPEN.value])

    def last_icing_end(self) -> datetime | None:
        """When the most recent closed icing run ended, for the "iced less than 2 hours ago" warning."""
        row = self._db.execute(
            "SELECT MAX(finished_at) FROM icing_runs WHERE finished_at IS NOT NULL"
        ).fetchone()
        return _parse(row[0]) if row else None

    def sessions(self, *, include_simulated: bool = False) -> list[SessionRecord]:
        """Every session, oldest first."""
        where = "" if include_simulated else "WHERE s.simulated = 0"
        return [self._record(row) for row in self._query(where)]

    def session(self, session_id: int) -> SessionRecord:
        rows = self._query("WHERE s.id = ?", [session_id])
        if not rows:
            raise StoreError(f"there is no session {session_id}")
        return self._record(rows[0])

    def open_sessions(self) -> list[SessionRecord]:
        """Sessions started and never finished: what a crash leaves behind."""
        return [self._record(row) for row in self._query("WHERE s.status = ?", [SessionStatus.OPEN.value])]

    def done_step_indexes(self, session_id: int) -> list[int]:
        """The indexes of the steps of a session that were finished (done or skipped), in order."""
        rows = self._db.execute(
            "SELECT step_index FROM step_results WHERE session_id = ? ORDER BY step_index", [session_id]
        ).fetchall()
        return [int(index) for (index,) in rows]

    def integrity_ok(self) -> bool:
        return bool(self._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok")

    # -- inside ---------------------------------------------------------------------------------------

    def _query(self, where: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        sql = f"""
            SELECT s.*, (
                SELECT COUNT(*) FROM step_results r
                WHERE r.session_id = s.id AND r.skipped = 0
                AND r.kind IN ('rep', 'hold', 'timer')
            ) AS steps_completed
            FROM sessions s {where} ORDER BY s.started_at, s.id
        """
        cursor = self._db.execute(sql, params or [])
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    @staticmethod
    def _record(row: dict[str, Any]) -> SessionRecord:
        started = _parse(row["started_at"])
        assert started is not None  # NOT NULL in the schema
        return SessionRecord(
            id=row["id"],
            routine_id=row["routine_id"],
            routine_title=row["routine_title"] or row["routine_id"],
            routine_path=row["routine_path"] or "",
            sessions_per_week=row["sessions_per_week"] or 0,
            started_at=started,
            finished_at=_parse(row["finished_at"]),
            status=SessionStatus(row["status"]),
            steps_total=row["steps_total"],
            steps_completed=row["steps_completed"],
            simulated=bool(row["simulated"]),
            pain=row["pain"],
            note=row["note"] or "",
            warning_signs=tuple(
                (sign.key, None if row[sign.key] is None else bool(row[sign.key]))
                for sign in SESSION_WARNING_SIGNS
            ),
            utc_offset_minutes=row["utc_offset_minutes"],
            time_zone=row["time_zone"] or "",
            routine_hash=row["routine_hash"] or "",
            routine_since=date.fromisoformat(row["routine_since"]) if row["routine_since"] else None,
            morning_pain=row["morning_pain"],
            morning_at=_parse(row["morning_at"]),
        )

    def _icing_records(self, where: str, params: list[Any] | None = None) -> list[IcingRecord]:
        cursor = self._db.execute(f"SELECT * FROM icing_runs {where} ORDER BY started_at, id", params or [])
        names = [column[0] for column in cursor.description]
        records = []
        for values in cursor.fetchall():
            row = dict(zip(names, values, strict=True))
            started = _parse(row["started_at"])
            assert started is not None  # NOT NULL in the schema
            records.append(
                IcingRecord(
                    id=row["id"],
                    started_at=started,
                    planned_minutes=row["planned_minutes"],
                    actual_minutes=row["actual_minutes"],
                    finished_at=_parse(row["finished_at"]),
                    status=IcingStatus(row["status"]),
                )
            )
        return records

    def _icing_row(self, run_id: int) -> dict[str, Any]:
        rows = list(self._db.table("icing_runs").rows_where("id = ?", [run_id]))
        if not rows:
            raise StoreError(f"there is no icing run {run_id}")
        return rows[0]

    def _version_since(self, routine: Routine, local_day: date) -> str:
        """The local date this version of the routine was first used (for us, the day its file changed)."""
        if routine.content_hash:
            row = self._db.execute(
                "SELECT routine_since FROM sessions WHERE routine_id = ? AND routine_hash = ?"
                " AND routine_since IS NOT NULL ORDER BY started_at LIMIT 1",
                [routine.id, routine.content_hash],
            ).fetchone()
            if row:
                return str(row[0])
        return local_day.isoformat()

    def _session_row(self, session_id: int) -> dict[str, Any]:
        rows = list(self._db.table("sessions").rows_where("id = ?", [session_id]))
        if not rows:
            raise StoreError(f"there is no session {session_id}")
        return rows[0]

    def _require_open(self, session_id: int) -> None:
        status = self._session_row(session_id)["status"]
        if status != SessionStatus.OPEN.value:
            raise StoreError(f"session {session_id} is already {status}; it cannot change any more")

    def _migrate(self) -> None:
        known = set(_KNOWN_MIGRATIONS)
        applied = [m.name for m in migrations.applied(self._db)]
        unknown = [name for name in applied if name not in known]
        if unknown:
            raise StoreError(
                f"{self.path} was written by a newer Rehab Coach (it has migration {unknown[0]}); "
                "update Rehab Coach to open it"
            )
        pending = migrations.pending(self._db)
        if pending and applied and self.path is not None:
            self._backup(f"before-{pending[0].name}")
        migrations.apply(self._db)

    def _backup(self, label: str) -> Path:
        assert self.path is not None
        target = self.path.with_name(f"{self.path.name}.{label}.bak")
        destination = sqlite3.connect(target)
        try:
            self._db.conn.backup(destination)
        finally:
            destination.close()
        return target


def _create_private_file(path: Path) -> None:
    """Create the database file readable by its owner only, before SQLite creates it with default rights."""
    if os.name != "posix":
        return
    descriptor = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
    os.close(descriptor)
    path.chmod(0o600)
