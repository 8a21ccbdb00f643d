"""The store's history records: next-morning answers, rest and flare-up days, step results, planned work.

A mixin of AdherenceStore (same database, same rule: each write its own committed transaction), kept apart
so that the store module stays about sessions.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from coach.core.clinical.safety import check_pain
from coach.core.history.records import DayMark, DayMarkKind, check_day_span
from coach.core.i18n import _
from coach.core.store.connection import StoreConnection
from coach.core.store.errors import StoreError, parse_utc, utc_text

# Imported by the reads that build them: opening the store (`coach history`) does not need their module.
if TYPE_CHECKING:
    from coach.core.history.work import PlannedWork, StepResult, WorkCount


class HistoryRecords(StoreConnection):
    """AdherenceStore's methods for history; `_session_row` comes from the store."""

    def _writing(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    def _session_row(self, session_id: int) -> dict[str, Any]:
        raise NotImplementedError

    def record_morning_pain(self, session_id: int, pain: int | None, *, at: datetime) -> None:
        """Store the next-morning answer for a session (0-10), or None: skipped, so it is not asked again."""
        problem = None if pain is None else check_pain(pain)
        if problem:
            raise ValueError(problem)
        with self._writing():
            self._session_row(session_id)
            self._db.table("sessions").update(session_id, {"morning_pain": pain, "morning_at": utc_text(at)})

    def add_day_mark(
        self,
        kind: DayMarkKind,
        first_day: date,
        last_day: date | None = None,
        reason: str = "",
        *,
        at: datetime,
    ) -> int:
        """Mark a local day (or a span, ends included) as a planned rest or a flare-up; returns its id."""
        last = last_day or first_day
        problem = check_day_span(first_day, last)
        if problem:
            raise ValueError(problem)
        row = {
            "kind": kind.value,
            "first_day": first_day.isoformat(),
            "last_day": last.isoformat(),
            "reason": reason.strip(),
            "created_at": utc_text(at),
        }
        with self._writing():
            table = self._db.table("day_marks")
            table.insert(row)
            return int(table.last_pk)  # type: ignore[arg-type]

    def remove_day_mark(self, mark_id: int) -> None:
        with self._writing():
            if self._db.execute("DELETE FROM day_marks WHERE id = ?", [mark_id]).rowcount == 0:
                raise StoreError(_("there is no marked day {id}").format(id=mark_id))

    def day_marks(self) -> list[DayMark]:
        """Every marked day or span, earliest first."""
        rows = self._conn.execute(
            "SELECT id, kind, first_day, last_day, reason FROM day_marks ORDER BY first_day, id"
        ).fetchall()
        return [
            DayMark(
                mark_id, DayMarkKind(kind), date.fromisoformat(first), date.fromisoformat(last), reason or ""
            )
            for mark_id, kind, first, last, reason in rows
        ]

    def step_results(self, session_ids: Sequence[int]) -> list[StepResult]:
        """The stored steps of the given sessions, by session and step."""
        from coach.core.history.work import StepResult

        rows: list[tuple[Any, ...]] = []
        for chunk in _chunks(session_ids):
            rows += self._conn.execute(
                "SELECT session_id, step_index, kind, exercise_id, set_number, side, rep, planned_seconds,"
                " started_at, finished_at, skipped, reps_done, load, tension_prescribed, tension_done"
                f" FROM step_results"
                f" WHERE session_id IN ({chunk})"
            ).fetchall()
        rows.sort(key=lambda row: (row[0], row[1]))
        return [
            StepResult(
                session_id=row[0],
                step_index=row[1],
                kind=row[2],
                exercise_id=row[3],
                set_number=row[4] or 0,
                side=row[5],
                rep=row[6] or 0,
                planned_seconds=row[7] or 0.0,
                started_at=parse_utc(row[8]),
                finished_at=parse_utc(row[9]) or datetime.min.replace(tzinfo=UTC),
                skipped=bool(row[10]),
                reps_done=row[11],
                load=row[12] or "",
                tension_prescribed=row[13],
                tension_done=row[14],
            )
            for row in rows
        ]

    def work_counts(self, session_ids: Sequence[int]) -> list[WorkCount]:
        """Work steps done and reached per session, exercise and side (from the totals kept per session)."""
        from coach.core.history.work import WorkCount

        rows: list[tuple[Any, ...]] = []
        for chunk in _chunks(session_ids):
            rows += self._conn.execute(
                "SELECT session_id, exercise_id, side, done, reached, tension_done FROM work_totals"
                f" WHERE session_id IN ({chunk}) ORDER BY session_id, first_step"
            ).fetchall()
        return [WorkCount(row[0], row[1], row[2] or None, int(row[3]), int(row[4]), row[5]) for row in rows]

    def planned_work(self, session_ids: Sequence[int]) -> list[PlannedWork]:
        """The work steps each session planned per exercise and side (none for sessions before m004)."""
        from coach.core.history.work import PlannedWork

        rows: list[tuple[Any, ...]] = []
        for chunk in _chunks(session_ids):
            rows += self._conn.execute(
                "SELECT session_id, exercise_id, exercise_name, side, steps, tension_seconds"
                " FROM planned_work"
                f" WHERE session_id IN ({chunk}) ORDER BY session_id, rowid"
            ).fetchall()
        return [PlannedWork(row[0], row[1], row[2] or row[1], row[3] or None, row[4], row[5]) for row in rows]


def _chunks(ids: Sequence[int], size: int = 500) -> list[str]:
    """Comma-joined whole numbers, a few hundred at a time (SQLite limits the parameters of one query)."""
    whole = [str(int(i)) for i in ids]
    return [",".join(whole[n : n + size]) for n in range(0, len(whole), size)]
