"""The adherence store: one private SQLite file, each finished step committed the moment it finishes.

The schema is built by numbered `sqlite_utils.Migrations` steps recorded in the database itself; a copy of
the file is taken before any migration touches an existing database, and a database written by a newer
Rehab Coach (one with migrations we do not know) is refused rather than guessed at.
"""

from __future__ import annotations

import os
import sqlite3
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach.core.clinical.safety import SESSION_WARNING_SIGNS, check_pain, check_warning_sign
from coach.core.history.records import SessionRecord, SessionStatus, fixed_zone
from coach.core.i18n import _
from coach.core.paths import ensure_private_dir
from coach.core.store.clinical_rows import ClinicalRecords
from coach.core.store.damage import reports_damage
from coach.core.store.day_rows import DayRecords
from coach.core.store.errors import StoreError
from coach.core.store.errors import parse_utc as _parse
from coach.core.store.errors import utc_text as _timestamp
from coach.core.store.export_rows import ExportRows
from coach.core.store.history_rows import HistoryRecords
from coach.core.store.icing_rows import IcingRecords
from coach.core.store.opening import (
    UseLock,
    check_place,
    checked_on,
    connect,
    damaged,
    failure,
    file_state,
    forget_check,
    mark_checked,
    quick_check,
    stamped_as,
)
from coach.core.store.run_rows import RunRecords
from coach.core.store.schema import KNOWN_MIGRATIONS, applied_migrations, migrations
from coach.core.store.work_totals import recount_work_total
from coach.core.store.writing import wait_for_writers, write_failure, write_transaction

# Imported where they are used: `coach history` only reads, and each of these costs milliseconds to load
# (dataclasses, tempfile, logging), where all of `coach --version` takes about 55 ms.
if TYPE_CHECKING:
    from coach.core.routines.model import Routine, Step
    from coach.core.store.backups import Backup

# The columns _record unpacks, in its order (named, so a migration adding a column changes nothing here),
# the session's own warning-sign answers last.
_SESSION_COLUMNS = ", ".join(
    f"s.{name}"
    for name in [
        *("id", "routine_id", "routine_title", "routine_path", "sessions_per_week", "started_at"),
        *("finished_at", "status", "steps_total", "simulated", "pain", "note", "utc_offset_minutes"),
        *("time_zone", "routine_hash", "routine_since", "morning_pain", "morning_at", "pain_before"),
        *("pain_limit", "hurt"),
        *(sign.key for sign in SESSION_WARNING_SIGNS),
    ]
)
_SIGN_KEYS = tuple(sign.key for sign in SESSION_WARNING_SIGNS)
# A dictionary lookup, not the Enum call's checks, for each of the thousands of rows history reads.
_STATUSES = {status.value: status for status in SessionStatus}


def _local_zone(moment: datetime, zone: tzinfo | None) -> tuple[int, str]:
    """The UTC offset in whole minutes and the zone's name at `moment`, in `zone` (None: the system's)."""
    from zoneinfo import ZoneInfo

    local = moment.astimezone(zone)
    offset = local.utcoffset() or timedelta(0)
    name = zone.key if isinstance(zone, ZoneInfo) else (local.tzname() or "")
    return round(offset.total_seconds() / 60), name


def _planned_work(session_id: int, routine: Routine, steps: tuple[Step, ...]) -> list[dict[str, Any]]:
    counts = Counter((s.exercise_id, s.exercise_name, s.side or "") for s in steps if s.kind.is_work)
    loads = {e.id: e.load for e in routine.exercises}
    tension: dict[tuple[str, str, str], float] = {}
    for s in steps:
        key = (s.exercise_id, s.exercise_name, s.side or "")
        tension[key] = tension.get(key, 0.0) + (s.tension_seconds or 0.0)
    return [
        {
            "session_id": session_id,
            "exercise_id": e,
            "exercise_name": n,
            "side": side,
            "steps": count,
            "load": loads.get(e, ""),
            "tension_seconds": tension.get((e, n, side), 0.0),  # 0: none prescribed (m013)
        }
        for (e, n, side), count in counts.items()
    ]


@reports_damage
class AdherenceStore(HistoryRecords, IcingRecords, RunRecords, ClinicalRecords, DayRecords, ExportRows):
    """Sessions and their step results in one SQLite file (WAL, committed per write)."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None) -> None:
        self._conn = conn  # reads and pragmas; writes go through sqlite-utils' `_db` (see `connection`)
        self.path = path
        self._lock: UseLock | None = None
        self.moved_aside: StoreError | None = None  # set when a read met damage (see `damage`)
        self._checked_day: date | None = None  # the day of the last whole-file check, as its stamp says
        self._known_whole: str | None = None  # the file's state (`file_state`) when last known whole
        self.closed = False  # closed (by its owner, or after damage was found): the context opens it again

    @classmethod
    def open(cls, path: Path, *, now: datetime | None = None, keep_backups: int = 0) -> AdherenceStore:
        """Open (creating if needed) the database at `path`, upgrading its schema in place.

        A damaged, empty or unusable file raises StoreError with the sentence to show (see `opening`);
        with `now`, a daily backup is taken (at most one a day, the newest `keep_backups` kept) and the
        whole-file integrity check runs only if it has not passed today; without `now` it always runs.
        """
        try:
            ensure_private_dir(path.parent)
        except OSError as error:  # the data folder is a file, say: a sentence, and the app says it
            raise StoreError(f"{error.filename}: {error.strerror or error}") from None
        check_place(path)
        lock = UseLock(path)
        lock.share()
        from coach.core.store.leftovers import tidy_when_alone

        tidy_when_alone(path, lock)
        created = not path.exists()
        # The quick check reads the whole file: once a day is enough (with the daily backup, which does too).
        today = now.astimezone().date() if now is not None else None
        checked_today = today is not None and not created and checked_on(path, today)
        try:
            _create_private_file(path)
            db = connect(path, check=not checked_today)
        except BaseException:
            lock.release()
            if created:
                path.unlink(missing_ok=True)
            raise
        store = cls(db, path)
        store._lock = lock
        try:
            db.execute("PRAGMA foreign_keys = ON")
            _enable_wal(db)
            store._migrate(now, checked=not checked_today)
            if now is not None and not created:
                store._daily_backup(now, keep_backups)
        except sqlite3.DatabaseError as error:
            store.close()
            if created:
                path.unlink(missing_ok=True)
                raise write_failure(path, error) from error
            raise failure(path, error) from error  # damage found past a check done earlier today, too
        except BaseException:
            store.close()
            raise
        if today is not None:
            mark_checked(path, today)  # its size and time after migrating, too
            store._checked_day = today
        store._known_whole = file_state(path)
        return store

    def close(self) -> None:
        # Closing the last connection folds the journal into the file: a file whole before stays stamped.
        whole = self.path is not None and self._known_whole is not None and self._unchanged()
        self.closed = True
        self._conn.close()
        if self._lock is not None:
            self._lock.release()
        if whole:
            self._stamp_own_write()

    def _unchanged(self) -> bool:
        """Whether the file is as this store (or another Rehab Coach, by its stamp) last left it."""
        assert self.path is not None
        state = file_state(self.path)
        if state is not None and (state == self._known_whole or stamped_as(self.path, state)):
            self._known_whole = state
            return True
        return False

    def _stamp_own_write(self) -> None:
        assert self.path is not None
        self._known_whole = file_state(self.path)
        if self._checked_day is not None:
            mark_checked(self.path, self._checked_day)

    def _check_if_changed(self) -> None:
        """Before a write: a file changed since it was last known whole (by anything but a Rehab Coach) is
        quick-checked first, so that nothing is written into damage done after the day's check."""
        if self.path is None or self._unchanged():
            return
        self._check_whole()
        self._stamp_own_write()

    def _daily_backup(self, now: datetime, keep: int) -> None:
        """Today's backup; one that cannot be taken (a full disk) is logged and the history still opens."""
        assert self.path is not None
        if keep <= 0:  # a command that keeps no backups (`coach history`) need not load their module
            return
        import logging

        from coach.core.store.backups import take_daily_backup

        try:
            take_daily_backup(self._conn, self.path, now, keep)
        except StoreError as failure:
            logging.getLogger(__name__).warning("no backup today: %s", failure)

    def restore_backup(self, backup_id: str, now: datetime) -> Backup:
        """Put backup `backup_id` in place while open (the current history copied aside first)."""
        if self.path is None or self._lock is None:
            raise StoreError(_("a database in memory has no backups"))
        from coach.core.store.backups import restore_into

        with self._lock.alone():
            restored = restore_into(self._conn, self.path, backup_id, now)  # a damaged copy changes nothing
            forget_check(self.path)
            self._check_whole()  # what came back is read once before it is used or upgraded
            self._migrate(now, checked=True)  # a backup from before an upgrade gets the newer schema steps
        mark_checked(self.path, now.astimezone().date())
        return restored

    def _check_whole(self) -> None:
        """SQLite's quick check now; a damaged one is closed, moved aside; StoreError says so."""
        assert self.path is not None
        try:
            problem = quick_check(self._conn)
        except sqlite3.DatabaseError as error:
            self._known_whole = None
            self.close()
            self.moved_aside = failure(self.path, error)
            raise self.moved_aside from error
        if problem:
            self._known_whole = None
            self.close()
            self.moved_aside = damaged(self.path, problem)
            raise self.moved_aside

    @contextmanager
    def patience(self, seconds: float) -> Iterator[None]:
        """While inside, a write waits at most `seconds` for another program's lock (else StoreBusy): a face
        that must not freeze tries again later instead of waiting out the whole busy timeout."""
        wait_for_writers(self._conn, seconds)
        try:
            yield
        finally:
            if self.moved_aside is None:
                wait_for_writers(self._conn)

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """One committed write that waits its turn for the lock (see `writing`), into a file known whole.

        sqlite-utils' wrapper is made here, before the transaction begins, if this is the first write.
        """
        self._check_if_changed()
        with write_transaction(self._db.conn, self.path):
            yield
        self._stamp_own_write()

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
            "pain_limit": routine.pain_limit,
        }
        local_day = started_at.astimezone(fixed_zone(offset)).date()
        row["local_day"] = local_day.isoformat()
        with self._writing():
            row["routine_since"] = self._version_since(routine, local_day)
            table = self._db.table("sessions")
            table.insert(row)
            session_id = int(table.last_pk)  # type: ignore[arg-type]
            if routine.content_hash and not simulated:
                self._settle_version(session_id)
            self._db.table("planned_work").insert_all(_planned_work(session_id, routine, steps))
            return session_id

    def record_step(
        self,
        session_id: int,
        step: Step,
        started_at: datetime,
        finished_at: datetime,
        *,
        skipped: bool,
        reps_done: int | None = None,
        active_seconds: float | None = None,
    ) -> None:
        """Record one finished (or skipped) step; a step done again after 'back' replaces the earlier row.

        A skip never replaces a step already done: a resumed session replays the set it stopped in, and
        skipping through it must not undo the reps done before the crash. `active_seconds`: how long the step
        ran, pauses not counted (None: all of it if done, none if skipped), for its time under tension.
        """
        from coach.core.history.tension import tension_done

        done = tension_done(step, skipped=skipped, active_seconds=active_seconds, reps_done=reps_done)
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
            "reps_done": reps_done,
            "load": step.load,
            "tension_prescribed": step.tension_seconds,  # m013: null for a step with none
            "tension_done": done,
        }
        with self._writing():
            self._require_open(session_id)
            self._db.execute(
                "DELETE FROM step_results WHERE session_id = ? AND step_index = ? AND (skipped = 1 OR ? = 0)",
                [session_id, step.index, int(skipped)],
            )
            self._db.table("step_results").insert(row, ignore=True)
            recount_work_total(self._conn, session_id, step)

    def finish_session(self, session_id: int, *, completed: bool, finished_at: datetime) -> None:
        status = SessionStatus.COMPLETED if completed else SessionStatus.STOPPED
        with self._writing():
            self._require_open(session_id)
            started = _parse(self._session_row(session_id)["started_at"])
            # A wall clock set back during the session must not store an end before the start.
            ended = max(finished_at, started) if started is not None else finished_at
            self._db.table("sessions").update(
                session_id, {"status": status.value, "finished_at": _timestamp(ended)}
            )
            self._settle_dose(session_id)

    def record_pain(self, session_id: int, pain: int | None, note: str = "") -> None:
        """Store how much the knee hurt during the session (0-10, None: not answered) and an optional note."""
        problem = None if pain is None else check_pain(pain)
        if problem:
            raise ValueError(problem)
        with self._writing():
            self._session_row(session_id)
            self._db.table("sessions").update(session_id, {"pain": pain, "note": note.strip()})

    def record_warning_signs(
        self,
        session_id: int,
        answers: Mapping[str, bool | None],
        *,
        asked_in: str = "session",
        at: datetime | None = None,
    ) -> None:
        """Store warning-sign answers (None: not answered) given at the end of a session or in the morning.

        The session's two are also kept in their own columns (m002), so older readers still see them;
        every answer given is kept in `warning_answers`, the last answer for a sign replacing an earlier one.
        """
        for key in answers:
            problem = check_warning_sign(key)
            if problem:
                raise ValueError(problem)
        columns = {sign.key for sign in SESSION_WARNING_SIGNS} if asked_in == "session" else set()
        row = {
            key: None if answer is None else int(answer) for key, answer in answers.items() if key in columns
        }
        given = [(key, answer) for key, answer in answers.items() if answer is not None]
        with self._writing():
            started = self._session_row(session_id)["started_at"]
            if row:
                self._db.table("sessions").update(session_id, row)
            for key, answer in given:
                self._db.execute(
                    "DELETE FROM warning_answers WHERE session_id = ? AND sign = ? AND asked_in = ?",
                    [session_id, key, asked_in],
                )
                self._db.table("warning_answers").insert(
                    {
                        "session_id": session_id,
                        "sign": key,
                        "answer": int(answer),
                        "asked_in": asked_in,
                        "answered_at": _timestamp(at) if at is not None else started,
                    }
                )

    def close_abandoned(self, session_id: int) -> SessionRecord:
        """Close a session the app died in as stopped early, ending when its last step finished."""
        with self._writing():
            self._require_open(session_id)
            last = self._db.execute(
                "SELECT MAX(finished_at) FROM step_results WHERE session_id = ?", [session_id]
            ).fetchone()[0]
            ended = last or self._session_row(session_id)["started_at"]
            self._db.table("sessions").update(
                session_id, {"status": SessionStatus.STOPPED.value, "finished_at": ended}
            )
            self._settle_dose(session_id)
        return self.session(session_id)

    # -- reading --------------------------------------------------------------------------------------

    def sessions(self, *, include_simulated: bool = False) -> list[SessionRecord]:
        """Every session, oldest first."""
        where = "" if include_simulated else "WHERE s.simulated = 0"
        answers = self._other_warning_answers()
        return [self._record(row, answers.get(row[0], ())) for row in self._query(where)]

    def session(self, session_id: int) -> SessionRecord:
        rows = self._query("WHERE s.id = ?", [session_id])
        if not rows:
            raise StoreError(_("there is no session {id}").format(id=session_id))
        return self._record(rows[0], self._other_warning_answers(session_id).get(session_id, ()))

    def open_sessions(self) -> list[SessionRecord]:
        """Sessions started and never finished: what a crash leaves behind."""
        answers = self._other_warning_answers()
        rows = self._query("WHERE s.status = ?", [SessionStatus.OPEN.value])
        return [self._record(row, answers.get(row[0], ())) for row in rows]

    def done_step_indexes(self, session_id: int) -> list[int]:
        """The indexes of the steps of a session that were finished (done or skipped), in order."""
        rows = self._conn.execute(
            "SELECT step_index FROM step_results WHERE session_id = ? ORDER BY step_index", [session_id]
        ).fetchall()
        return [int(index) for (index,) in rows]

    def last_activity(self, session_id: int) -> datetime:
        """When a session last showed life: its newest finished step, or its start."""
        row = self._conn.execute(
            "SELECT COALESCE((SELECT MAX(finished_at) FROM step_results WHERE session_id = ?), started_at)"
            " FROM sessions WHERE id = ?",
            [session_id, session_id],
        ).fetchone()
        moment = _parse(row[0]) if row else None
        if moment is None:
            raise StoreError(_("there is no session {id}").format(id=session_id))
        return moment

    def integrity_ok(self) -> bool:
        return bool(self._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok")

    # -- inside ---------------------------------------------------------------------------------------

    def _query(self, where: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
        # Done steps come from the per-session totals (work_totals.py), not from counting every step row.
        # Plain tuples in _SESSION_COLUMNS order: no dict built per row (ten years are thousands of rows).
        sql = f"""
            SELECT {_SESSION_COLUMNS}, s.steps_done
            FROM sessions s {where} ORDER BY s.started_at, s.id
        """
        return self._conn.execute(sql, params or []).fetchall()

    @staticmethod
    def _record(row: tuple[Any, ...], other_signs: tuple[tuple[str, bool], ...] = ()) -> SessionRecord:
        (
            session_id,
            routine_id,
            routine_title,
            routine_path,
            sessions_per_week,
            started_at,
            finished_at,
            status,
            steps_total,
            simulated,
            pain,
            note,
            utc_offset_minutes,
            time_zone,
            routine_hash,
            routine_since,
            morning_pain,
            morning_at,
            pain_before,
            pain_limit,
            hurt,
            *sign_answers,
            steps_completed,
        ) = row
        return SessionRecord(
            id=session_id,
            routine_id=routine_id,
            routine_title=routine_title or routine_id,
            routine_path=routine_path or "",
            sessions_per_week=sessions_per_week or 0,
            started_at=datetime.fromisoformat(started_at),  # NOT NULL in the schema
            finished_at=datetime.fromisoformat(finished_at) if finished_at else None,
            status=_STATUSES[status],
            steps_total=steps_total,
            steps_completed=steps_completed,
            simulated=bool(simulated),
            pain=pain,
            note=note or "",
            warning_signs=_merged_signs(sign_answers, other_signs),
            utc_offset_minutes=utc_offset_minutes,
            time_zone=time_zone or "",
            routine_hash=routine_hash or "",
            routine_since=date.fromisoformat(routine_since) if routine_since else None,
            morning_pain=morning_pain,
            morning_at=datetime.fromisoformat(morning_at) if morning_at else None,
            pain_before=pain_before,
            pain_limit=pain_limit,
            hurt=frozenset(hurt.split(",")) if hurt else frozenset(),
        )

    def _version_since(self, routine: Routine, local_day: date) -> str:
        """The local date this version of the routine was first used (for us, the day its file changed)."""
        if routine.content_hash:
            row = self._conn.execute(
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
            raise StoreError(_("there is no session {id}").format(id=session_id))
        return rows[0]

    def _settle_dose(self, session_id: int) -> None:
        """Keep on the row whether the session, just finished or closed, counts towards the weekly dose.

        Inside the caller's transaction; a finished session never changes again (`_require_open`), so the
        flag is set once, by the one rule (history.stats), and history's all-time figures read it (m009).
        """
        from coach.core.history.stats import counts_towards_dose

        dose = counts_towards_dose(self.session(session_id))
        self._db.execute("UPDATE sessions SET dose = ? WHERE id = ?", [int(dose), session_id])

    def _require_open(self, session_id: int) -> None:
        status = self._session_row(session_id)["status"]
        if status != SessionStatus.OPEN.value:
            raise StoreError(
                _("session {id} is already {status}; it cannot change any more").format(
                    id=session_id, status=status
                )
            )

    def _migrate(self, now: datetime | None, *, checked: bool) -> None:
        """Apply the pending schema steps; unless `checked`, the whole file is checked first.

        Which steps are pending is read with plain SQL: with none (nearly every open), sqlite-utils and
        its migrations are not loaded at all.
        """
        known = set(KNOWN_MIGRATIONS)
        applied = applied_migrations(self._conn)
        unknown = [name for name in applied if name not in known]
        if unknown:
            raise StoreError(
                _(
                    "{path} was written by a newer Rehab Coach (it has migration {migration}); "
                    "update Rehab Coach to open it"
                ).format(path=self.path, migration=unknown[0])
            )
        done = set(applied)
        pending = [name for name in KNOWN_MIGRATIONS if name not in done]
        if not pending:
            return
        if not checked and self.path is not None:
            self._check_whole()
        if applied and self.path is not None:
            from coach.core.store.backups import take_backup

            moment = now or datetime.now(UTC)  # only when no clock was given (tests, old callers)
            take_backup(self._conn, self.path, moment, f"before-{pending[0]}")
        # The write lock first, like every other write: a second process upgrading the same file waits its
        # turn (then finds nothing pending) instead of failing at once. The steps run as one transaction
        # (sqlite-utils nests each in a savepoint): all of them are written, or none.
        steps = migrations()
        with write_transaction(self._db.conn, self.path):
            steps.apply(self._db)


def _merged_signs(
    answers: Sequence[int | None], other: tuple[tuple[str, bool], ...]
) -> tuple[tuple[str, bool | None], ...]:
    """The session's answers from its columns (in SESSION_WARNING_SIGNS order), then the others.

    A later "yes" to a sign wins.
    """
    if not other:  # most sessions: their own columns only
        return tuple(
            (key, None if answer is None else bool(answer))
            for key, answer in zip(_SIGN_KEYS, answers, strict=True)
        )
    signs: dict[str, bool | None] = {
        key: None if answer is None else bool(answer) for key, answer in zip(_SIGN_KEYS, answers, strict=True)
    }
    for key, answer in other:
        signs[key] = answer or bool(signs.get(key))
    return tuple(signs.items())


def _enable_wal(conn: sqlite3.Connection) -> None:
    """Write-ahead journal mode, as sqlite-utils' `enable_wal` sets it (only when not already set)."""
    if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        conn.execute("PRAGMA journal_mode = wal")


def _create_private_file(path: Path) -> None:
    """Create the database file readable by its owner only, before SQLite creates it with default rights."""
    if os.name != "posix":
        return
    descriptor = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
    os.close(descriptor)
    path.chmod(0o600)
