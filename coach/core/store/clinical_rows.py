"""The store's clinical answers: pain before a session, the fuller warning-sign answers, clinician reviews.

A mixin of AdherenceStore (same database, same rule: each write its own committed transaction).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from contextlib import AbstractContextManager
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from coach.core.clinical.safety import SESSION_WARNING_SIGNS, check_pain
from coach.core.store.connection import StoreConnection
from coach.core.store.errors import parse_utc, utc_text

if TYPE_CHECKING:  # imported by the read that builds them: opening the store does not need it
    from coach.core.history.dose_changes import RecordedDoseChange


class ClinicalRecords(StoreConnection):
    """AdherenceStore's methods for the clinical answers; `_session_row` comes from the store."""

    def _writing(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    def _session_row(self, session_id: int) -> dict[str, Any]:
        raise NotImplementedError

    def record_hurt(self, session_id: int, exercise_ids: Collection[str]) -> None:
        """Store which exercises the person said hurt in a session (m010; easing goes to those first)."""
        with self._writing():
            self._session_row(session_id)
            self._db.table("sessions").update(session_id, {"hurt": ",".join(sorted(exercise_ids))})

    def record_pain_before(self, session_id: int, pain: int | None) -> None:
        """Store the one-tap pain score given just before a session (None: skipped)."""
        problem = None if pain is None else check_pain(pain)
        if problem:
            raise ValueError(problem)
        with self._writing():
            self._session_row(session_id)
            self._db.table("sessions").update(session_id, {"pain_before": pain})

    def record_clinician_review(self, seen_at: datetime, note: str = "", answer: str = "cleared") -> None:
        """Store that the person says a clinician has seen them (after a warning sign), and whether they
        were told they may continue: `cleared`, `not-cleared` or `unsure` (m010)."""
        with self._writing():
            self._db.table("clinician_reviews").insert(
                {"seen_at": utc_text(seen_at), "note": note.strip(), "answer": answer}
            )

    def last_clinician_review(self) -> datetime | None:
        """When a clinician last cleared the person to continue; None: never. Reviews that did not clear
        them keep the pause (and the dose advice's "see a clinician first")."""
        row = self._conn.execute(
            "SELECT MAX(seen_at) FROM clinician_reviews WHERE answer = 'cleared'"
        ).fetchone()
        return parse_utc(row[0]) if row and row[0] else None

    def clinician_reviews(self) -> list[tuple[datetime, str, str]]:
        """Every review recorded, oldest first: when, the answer (cleared, not-cleared, unsure), the note."""
        rows = self._conn.execute("SELECT seen_at, answer, note FROM clinician_reviews ORDER BY seen_at, id")
        return [
            (moment, str(answer), str(note or ""))
            for seen, answer, note in rows.fetchall()
            if (moment := parse_utc(seen)) is not None
        ]

    def _other_warning_answers(
        self, session_id: int | None = None, among: tuple[str, Sequence[Any]] | None = None
    ) -> dict[int, tuple[tuple[str, bool], ...]]:
        """Answers beyond the session's two columns (the fuller list, the morning's), by session: of one
        session, of the sessions `among` picks (a WHERE on `sessions s` and its parameters), or of all."""
        where, params = "", list[Any]()
        if session_id is not None:
            where, params = "AND session_id = ?", [session_id]
        elif among is not None:
            where, params = f"AND session_id IN (SELECT s.id FROM sessions s {among[0]})", list(among[1])
        rows = self._conn.execute(
            "SELECT session_id, sign, answer FROM warning_answers WHERE NOT (asked_in = 'session' AND sign IN"
            f" ({', '.join(repr(s.key) for s in SESSION_WARNING_SIGNS)})) {where} ORDER BY id",
            params,
        ).fetchall()
        found: dict[int, dict[str, bool]] = {}
        for owner, sign, answer in rows:
            found.setdefault(owner, {})[sign] = bool(answer)
        return {owner: tuple(signs.items()) for owner, signs in found.items()}

    def last_answered(self, asked_in: str) -> datetime | None:
        """When warning signs were last answered where they were asked ('morning', 'weekly', 'session')."""
        row = self._conn.execute(
            "SELECT MAX(answered_at) FROM warning_answers WHERE asked_in = ?", [asked_in]
        ).fetchone()
        return parse_utc(row[0]) if row and row[0] else None

    def record_dose_changes(self, changes: Sequence[RecordedDoseChange]) -> None:
        """Store the dose changes the person accepted (one row an exercise), for the report."""
        with self._writing():
            self._db.table("dose_changes").insert_all(
                {
                    "changed_on": c.changed_on.isoformat(),
                    "routine_id": c.routine_id,
                    "routine_title": c.routine_title,
                    "exercise_id": c.exercise_id,
                    "exercise_name": c.exercise_name,
                    "before": c.before,
                    "after": c.after,
                    "decision": c.decision,
                    "reason": c.reason,
                }
                for c in changes
            )

    def dose_changes(self) -> list[RecordedDoseChange]:
        """Every dose change the app made, oldest first."""
        from coach.core.history.dose_changes import RecordedDoseChange

        rows = self._conn.execute(
            "SELECT changed_on, routine_id, routine_title, exercise_id, exercise_name, before, after,"
            " decision, reason FROM dose_changes ORDER BY changed_on, id"
        ).fetchall()
        return [RecordedDoseChange(date.fromisoformat(row[0]), *row[1:]) for row in rows]
