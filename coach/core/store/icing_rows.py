"""The store's icing rows: one row per icing run, written when it starts and closed when it ends.

A mixin of AdherenceStore (same database, same rule: each write its own committed transaction), kept apart
so that the store module stays about sessions.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from datetime import datetime
from typing import Any

from coach.core.history.records import IcingRecord, IcingStatus
from coach.core.i18n import _
from coach.core.store.connection import StoreConnection
from coach.core.store.errors import StoreError
from coach.core.store.errors import parse_utc as _parse
from coach.core.store.errors import utc_text as _timestamp


class IcingRecords(StoreConnection):
    """AdherenceStore's methods for icing runs."""

    def _writing(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    def begin_icing(
        self, started_at: datetime, planned_minutes: int, *, session_id: int | None = None
    ) -> int:
        """Record that an icing run started (an open row, so that a crash leaves a trace); returns its id.

        `session_id` names the guided session when the run is one of its steps.
        """
        row = {
            "started_at": _timestamp(started_at),
            "planned_minutes": planned_minutes,
            "status": IcingStatus.OPEN.value,
            "session_id": session_id,
        }
        with self._writing():
            table = self._db.table("icing_runs")
            table.insert(row)
            return int(table.last_pk)  # type: ignore[arg-type]

    def finish_icing(
        self, run_id: int, *, finished: bool, finished_at: datetime, actual_minutes: float
    ) -> None:
        """Close an open icing run: ran to the end (`finished`) or stopped early."""
        status = IcingStatus.FINISHED if finished else IcingStatus.STOPPED
        with self._writing():
            row = self._icing_row(run_id)
            current = row["status"]
            if current != IcingStatus.OPEN.value:
                raise StoreError(
                    _("icing run {id} is already {status}; it cannot change any more").format(
                        id=run_id, status=current
                    )
                )
            started = _parse(row["started_at"])
            # A wall clock set back while icing must not store an end before the start.
            ended = max(finished_at, started) if started is not None else finished_at
            self._db.table("icing_runs").update(
                run_id,
                {
                    "status": status.value,
                    "finished_at": _timestamp(ended),
                    "actual_minutes": round(actual_minutes, 2),
                },
            )

    def icing_runs(self, *, include_simulated: bool = False) -> list[IcingRecord]:
        """Every icing run, oldest first; icing steps of simulated (`--instant`) sessions only if asked."""
        if include_simulated:
            return self._icing_records("")
        return self._icing_records(
            "WHERE session_id IS NULL OR session_id NOT IN (SELECT id FROM sessions WHERE simulated)"
        )

    def icing_run(self, run_id: int) -> IcingRecord:
        records = self._icing_records("WHERE id = ?", [run_id])
        if not records:
            raise StoreError(_("there is no icing run {id}").format(id=run_id))
        return records[0]

    def open_icing_runs(self) -> list[IcingRecord]:
        """Icing runs started and never closed: still running somewhere, or the app died."""
        return self._icing_records("WHERE status = ?", [IcingStatus.OPEN.value])

    def last_icing_end(self, now: datetime | None = None) -> datetime | None:
        """When the most recent closed icing run ended (not after `now`), for the 2-hour warning.

        A run stored "in the future" (a clock that was set ahead) is ignored, not a warning for years.
        """
        row = self._conn.execute(
            "SELECT MAX(finished_at) FROM icing_runs WHERE finished_at IS NOT NULL AND finished_at <= ?",
            [_timestamp(now) if now is not None else "9999"],
        ).fetchone()
        return _parse(row[0]) if row else None

    def _icing_records(self, where: str, params: list[Any] | None = None) -> list[IcingRecord]:
        records = []
        for row in self._rows(f"SELECT * FROM icing_runs {where} ORDER BY started_at, id", params or []):
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
                    session_id=row["session_id"],
                )
            )
        return records

    def _icing_row(self, run_id: int) -> dict[str, Any]:
        rows = list(self._db.table("icing_runs").rows_where("id = ?", [run_id]))
        if not rows:
            raise StoreError(_("there is no icing run {id}").format(id=run_id))
        return rows[0]
