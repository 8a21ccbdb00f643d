"""The store's runs: one row per run, guided, logged or imported (see coach/core/running/runs.py).

A mixin of AdherenceStore (same database, same rule: each write its own committed transaction).
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from datetime import datetime
from typing import TYPE_CHECKING, Any

from coach.core.i18n import _
from coach.core.store.connection import StoreConnection
from coach.core.store.errors import StoreError
from coach.core.store.errors import parse_utc as _parse
from coach.core.store.errors import utc_text as _timestamp

if TYPE_CHECKING:
    from coach.core.running.runs import NewRun, Run

_PAIN_COLUMNS = {
    "during": "pain_during",
    "after_hour": "pain_after_hour",
    "next_morning": "pain_next_morning",
}


class RunRecords(StoreConnection):
    """AdherenceStore's methods for runs."""

    def _writing(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    def record_run(self, run: NewRun) -> int | None:
        """Record `run`; its id, or None when a run with the same fingerprint is already recorded."""
        if run.started_at.tzinfo is None:
            raise StoreError("a run's start needs its time zone")
        row = {
            "started_at": _timestamp(run.started_at),
            "minutes": round(run.minutes, 2),
            "source": run.source.value,
            "distance_km": run.distance_km,
            "moving_minutes": run.moving_minutes,
            "cadence_spm": run.cadence_spm,
            "pain_during": run.pain.during,
            "pain_after_hour": run.pain.after_hour,
            "pain_next_morning": run.pain.next_morning,
            "fingerprint": run.fingerprint,
            "stage": run.stage,
            "routine_id": run.routine_id,
            "session_id": run.session_id,
            "simulated": int(run.simulated),
        }
        with self._writing():
            if run.fingerprint is not None:
                known = self._conn.execute("SELECT id FROM runs WHERE fingerprint = ?", [run.fingerprint])
                if known.fetchone() is not None:
                    return None
            table = self._db.table("runs")
            table.insert(row)
            return int(table.last_pk)  # type: ignore[arg-type]

    def answer_run_pain(
        self,
        run_id: int,
        *,
        during: int | None = None,
        after_hour: int | None = None,
        next_morning: int | None = None,
    ) -> None:
        """Store the pain answers given (0–10); those left None keep what was stored."""
        given = {"during": during, "after_hour": after_hour, "next_morning": next_morning}
        changes = {_PAIN_COLUMNS[name]: value for name, value in given.items() if value is not None}
        for value in changes.values():
            if not 0 <= value <= 10:
                raise StoreError(_("pain is a number from 0 to 10, not {value}").format(value=value))
        if not changes:
            return
        with self._writing():
            self.run(run_id)  # says "there is no run N"
            self._db.table("runs").update(run_id, changes)

    def run(self, run_id: int) -> Run:
        records = self._run_records("WHERE id = ?", [run_id])
        if not records:
            raise StoreError(_("there is no run {id}").format(id=run_id))
        return records[0]

    def runs(
        self, *, since: datetime | None = None, until: datetime | None = None, include_simulated: bool = False
    ) -> list[Run]:
        """The runs started in [since, until), oldest first; simulated ones only if asked."""
        clauses, params = [], []
        if since is not None:
            clauses.append("started_at >= ?")
            params.append(_timestamp(since))
        if until is not None:
            clauses.append("started_at < ?")
            params.append(_timestamp(until))
        if not include_simulated:
            clauses.append("simulated = 0")
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        return self._run_records(where, params)

    def run_page(
        self, after: tuple[datetime, int] | None, limit: int, *, include_simulated: bool = False
    ) -> list[Run]:
        """Up to `limit` runs after (start, id) `after` (None: from the first), in the order they started:
        an export reads a page at a time, so memory stays the same whatever the years."""
        clauses, params = [], []
        if after is not None:
            clauses.append("(started_at, id) > (?, ?)")
            params += [_timestamp(after[0]), after[1]]
        if not include_simulated:
            clauses.append("simulated = 0")
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        return self._run_records(f"{where} ORDER BY started_at, id LIMIT ?", [*params, limit], ordered=True)

    def _run_records(self, where: str, params: list[Any], *, ordered: bool = False) -> list[Run]:
        order = "" if ordered else " ORDER BY started_at, id"
        rows = self._rows(f"SELECT * FROM runs {where}{order}", params)
        if not rows:
            return []  # most histories hold no run: `coach history` need not load the runs' module
        from coach.core.running.runs import Run, RunPain, RunSource

        records = []
        for row in rows:
            started = _parse(row["started_at"])
            assert started is not None  # NOT NULL in the schema
            records.append(
                Run(
                    id=row["id"],
                    started_at=started,
                    minutes=row["minutes"],
                    source=RunSource(row["source"]),
                    distance_km=row["distance_km"],
                    moving_minutes=row["moving_minutes"],
                    cadence_spm=row["cadence_spm"],
                    pain=RunPain(row["pain_during"], row["pain_after_hour"], row["pain_next_morning"]),
                    stage=row["stage"],
                    routine_id=row["routine_id"],
                    session_id=row["session_id"],
                    simulated=bool(row["simulated"]),
                )
            )
        return records
