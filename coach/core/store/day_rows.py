"""The store's reads for history's views: the days shown, and a few short rows for all-time figures.

A mixin of AdherenceStore. History used to read every session ever recorded and work everything out from
them; on ten years that is thousands of records built for a window that shows one year. These reads give
exactly what the views' rules need instead (m009 keeps each session's local day and dose flag):

- `dose_days`: one (day, plan) pair per dose session, for streaks, weekly plans and the first planned day;
- `sessions_since`: the sessions of the days a view shows (with those of unknown day, recorded before the
  UTC offset was kept: the caller places them in its own zone);
- `landmark_sessions`: the sessions that all-time rules look back to: each routine's first and latest
  session and the first session of each new version of its file (plan changes, programme weeks, which
  routine was done last);
- `advice_sessions`: the older sessions the pain rule and the warning-sign rule may still need.

Each is a superset of what its rule reads, so the rule, run on it, gives what it gave on every session
(tests/core/history/test_shown_days.py compares them on generated years with trips and clock changes).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from coach.core.clinical.safety import SESSION_WARNING_SIGNS
from coach.core.history.records import SessionRecord, SessionStatus
from coach.core.store.connection import StoreConnection
from coach.core.store.errors import utc_text

# A session's warning-sign answers: its own columns and the fuller list (see ClinicalRecords).
_SIGN_COLUMNS = [sign.key for sign in SESSION_WARNING_SIGNS]
_OTHER_SIGNS = f"NOT (w.asked_in = 'session' AND w.sign IN ({', '.join(repr(key) for key in _SIGN_COLUMNS)}))"
_ANSWERED = (
    "("
    + " OR ".join(
        [f"s.{c} IS NOT NULL" for c in _SIGN_COLUMNS]
        + [f"EXISTS (SELECT 1 FROM warning_answers w WHERE w.session_id = s.id AND {_OTHER_SIGNS})"]
    )
    + ")"
)
# Written as m009's partial index `sessions_said_yes` says it, so that SQLite reads that index alone.
_SAID_YES_IN_COLUMNS = "(" + " OR ".join(f"{c} = 1" for c in _SIGN_COLUMNS) + ")"


# The sessions of one routine with a version of its file (not simulated), by the index m009 made.
_VERSIONED = (
    "SELECT id, routine_hash FROM sessions WHERE simulated = 0 AND routine_id = ?"
    " AND COALESCE(routine_hash, '') != ''"
)

# SQLite allows 32,766 parameters from 3.32 on; a few hundred at a time stays well inside older limits.
_IDS_AT_ONCE = 500


class DayRecords(StoreConnection):
    """AdherenceStore's reads for history's views; `_query` and `_record` come from the store."""

    def _writing(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    def _query(self, where: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
        raise NotImplementedError

    def _other_warning_answers(
        self, session_id: int | None = None, among: tuple[str, Sequence[Any]] | None = None
    ) -> dict[int, tuple[tuple[str, bool], ...]]:
        raise NotImplementedError

    @staticmethod
    def _record(row: tuple[Any, ...], other_signs: tuple[tuple[str, bool], ...] = ()) -> SessionRecord:
        raise NotImplementedError

    def _records(self, where: str, params: Sequence[Any] = ()) -> list[SessionRecord]:
        """The sessions matching `where` (on `s`), oldest first, with their fuller warning-sign answers."""
        rows = self._query(where, list(params))
        if not rows:
            return []
        answers = self._other_warning_answers(among=(where, params))
        return [self._record(row, answers.get(row[0], ())) for row in rows]

    def dose_days(
        self, tz: tzinfo | None = None, *, include_simulated: bool = False
    ) -> Iterator[tuple[date, int]]:
        """Each session that counts towards the weekly dose as (local day, its plan), in the order done.

        A session of unknown day is placed in `tz` (None: the system's zone), as SessionRecord.local_day does.
        Read from an index that holds these columns (m009), without the rows' other columns; given one by
        one (DoseDays.from_days counts them as they come: ten years are thousands).
        """
        simulated = "" if include_simulated else " AND simulated = 0"
        rows = self._conn.execute(
            "SELECT local_day, sessions_per_week, CASE WHEN local_day IS NULL THEN started_at END"
            f" FROM sessions WHERE dose = 1{simulated} ORDER BY started_at, id"
        ).fetchall()
        return _dose_days(rows, tz)  # read now (a damaged file is said here), given one by one

    def sessions_since(self, first: date, *, include_simulated: bool = False) -> list[SessionRecord]:
        """The sessions of the local days from `first` on, oldest first (and any of unknown day)."""
        simulated = "" if include_simulated else " AND +s.simulated = 0"  # '+': by the day's index
        return self._records(
            "WHERE s.id IN (SELECT id FROM sessions WHERE local_day >= ?"
            f" UNION ALL SELECT id FROM sessions WHERE local_day IS NULL){simulated}",
            [first.isoformat()],
        )

    def sessions_before(self, day: date, *, include_simulated: bool = False) -> list[SessionRecord]:
        """The sessions of the local days before `day`, oldest first (those of unknown day are not here)."""
        simulated = "" if include_simulated else " AND s.simulated = 0"
        return self._records(f"WHERE s.local_day < ?{simulated}", [day.isoformat()])

    def landmark_sessions(self) -> list[SessionRecord]:
        """Each routine's first and latest session, and the first session of each new version of its file
        (not simulated), oldest first: what plan changes, programme weeks and "done last" look back to."""
        read = self._conn.execute
        picked = {n for (n,) in read("SELECT id FROM sessions WHERE new_version = 1").fetchall()}
        routines = read("SELECT DISTINCT routine_id FROM sessions WHERE simulated = 0").fetchall()
        for (routine_id,) in routines:
            for order in ("", " DESC"):
                picked.update(
                    n
                    for (n,) in self._conn.execute(
                        "SELECT id FROM sessions WHERE simulated = 0 AND routine_id = ?"
                        f" ORDER BY started_at{order}, id{order} LIMIT 1",
                        [routine_id],
                    ).fetchall()
                )
        return self._with_ids(sorted(picked))

    def _settle_version(self, session_id: int) -> None:
        """Keep `new_version` (m009) of a session just begun, and of the next one of its routine (a clock
        set back can begin a session before others), inside the caller's transaction."""
        routine_id, started = self._db.execute(
            "SELECT routine_id, started_at FROM sessions WHERE id = ?", [session_id]
        ).fetchone()
        around = self._db.execute(
            f"{_VERSIONED} AND (started_at > ? OR (started_at = ? AND id >= ?))"
            " ORDER BY started_at, id LIMIT 2",
            [routine_id, started, started, session_id],
        ).fetchall()
        previous = self._db.execute(
            f"{_VERSIONED} AND (started_at < ? OR (started_at = ? AND id < ?))"
            " ORDER BY started_at DESC, id DESC LIMIT 1",
            [routine_id, started, started, session_id],
        ).fetchone()
        before = previous[1] if previous else None
        for number, routine_hash in around:
            self._db.execute(
                "UPDATE sessions SET new_version = ? WHERE id = ?", [int(routine_hash != before), number]
            )
            before = routine_hash

    def _with_ids(self, ids: Sequence[int]) -> list[SessionRecord]:
        """The sessions with these ids, oldest first."""
        found: list[SessionRecord] = []
        for start in range(0, len(ids), _IDS_AT_ONCE):
            chunk = ids[start : start + _IDS_AT_ONCE]
            found += self._records(f"WHERE s.id IN ({', '.join('?' * len(chunk))})", chunk)
        return sorted(found, key=lambda s: (s.started_at, s.id))

    def advice_sessions(
        self,
        routine_id: str,
        routine_hash: str,
        last_review: datetime | None,
        *,
        include_simulated: bool = False,
    ) -> list[SessionRecord]:
        """The sessions, of any day, that the dose advice for a routine reads beyond the days shown.

        The pain rule reads the last PROGRESS_AFTER_SESSIONS finished sessions at this version of the
        routine and the next-morning answers given for their days (kept with the sessions of the day
        before); the warning-sign rule reads every session since the last clinician review with a "yes",
        and the last two sessions with any answer. Not simulated (the views leave those out), unless
        `include_simulated` (the warning-sign pause: a "yes" given in a scripted session still pauses).
        """
        # Here, not at the top: the pain rule's module is not needed to open the store (`coach history`).
        from coach.core.clinical.pain_rule import PROGRESS_AFTER_SESSIONS

        version = " AND COALESCE(s.routine_hash, '') IN ('', ?)" if routine_hash else ""
        last = self._conn.execute(
            f"SELECT s.id, s.local_day FROM sessions s WHERE s.simulated = 0 AND s.routine_id = ?"
            f" AND s.status != ?{version} ORDER BY s.started_at DESC, s.id DESC LIMIT ?",
            [
                routine_id,
                SessionStatus.OPEN.value,
                *([routine_hash] if routine_hash else []),
                PROGRESS_AFTER_SESSIONS,
            ],
        ).fetchall()
        mornings = sorted({(date.fromisoformat(d) - timedelta(days=1)).isoformat() for _, d in last if d})
        # Answers count from when they were given (the next morning, else the session's end), as the rule
        # reads them (history.progression.answered_at).
        when = "COALESCE(s.morning_at, s.finished_at, s.started_at)"
        since = "" if last_review is None else f" AND {when} > ?"
        review = [] if last_review is None else [utc_text(last_review)]
        real = "1" if include_simulated else "s.simulated = 0"
        answered = self._conn.execute(
            f"SELECT s.id FROM sessions s WHERE {real}{since} AND {_ANSWERED}"
            " ORDER BY s.started_at DESC, s.id DESC LIMIT 2",
            review,
        ).fetchall()
        said_yes = self._conn.execute(  # m009's partial indexes: the few "yes" answers, not every session
            f"SELECT s.id FROM sessions s WHERE {_SAID_YES_IN_COLUMNS} AND +{real}{since}"
            " UNION SELECT s.id FROM warning_answers w JOIN sessions s ON s.id = w.session_id"
            f" WHERE w.answer = 1 AND {_OTHER_SIGNS} AND +{real}{since}",
            review * 2,
        ).fetchall()
        ids = sorted(
            {session_id for session_id, _ in last} | {i for (i,) in answered} | {i for (i,) in said_yes}
        )
        days = [f"s.local_day IN ({', '.join('?' * len(mornings))})"] if mornings else []
        picked = self._with_ids(ids)
        if days:
            picked = sorted(
                {
                    s.id: s
                    for s in [*picked, *self._records(f"WHERE {days[0]} AND +s.simulated = 0", mornings)]
                }.values(),
                key=lambda s: (s.started_at, s.id),
            )
        return picked

    def settle_days(self) -> int:
        """Work out every session's local day and dose flag again from its row; returns the sessions.

        For databases filled by bulk inserts (the benchmark's generator), as `begin_session` and the
        finishing writes keep them one session at a time.
        """
        from coach.core.history.stats import counts_towards_dose

        with self._writing():
            records = self._records("")
            seen: dict[str, str] = {}
            rows = []
            for r in records:
                versioned = not r.simulated and bool(r.routine_hash)
                new_version = versioned and seen.get(r.routine_id) != r.routine_hash
                if versioned:
                    seen[r.routine_id] = r.routine_hash
                day = None if r.utc_offset_minutes is None else r.local_day().isoformat()
                rows.append((day, int(counts_towards_dose(r)), int(new_version), r.id))
            self._db.conn.executemany(
                "UPDATE sessions SET local_day = ?, dose = ?, new_version = ? WHERE id = ?", rows
            )
        return len(records)


def _dose_days(
    rows: list[tuple[str | None, int | None, str | None]], tz: tzinfo | None
) -> Iterator[tuple[date, int]]:
    parse = date.fromisoformat
    text, parsed = "", date.min  # sessions come day by day: a day's text is parsed once
    for day, plan, started in rows:
        if day is None:
            yield datetime.fromisoformat(str(started)).astimezone(tz).date(), plan or 0
            continue
        if day != text:
            text, parsed = day, parse(day)
        yield parsed, plan or 0
