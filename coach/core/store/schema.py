"""The database schema, as numbered `sqlite_utils.Migrations` steps recorded in the database itself.

A step is never renamed, reordered or changed once released: a new need is a new step. The store applies
the pending ones (after a backup) and refuses a database that has steps this version does not know.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

# sqlite-utils records each applied step as a row (migration_set, name) of this table.
MIGRATION_SET = "rehab-coach"
MIGRATIONS_TABLE = "_sqlite_migrations"
KNOWN_MIGRATIONS: list[str] = []
_STEPS: list[Callable[[Database], None]] = []


def _migration(step: Callable[[Database], None]) -> Callable[[Database], None]:
    """Register a numbered schema step (m001_..., m002_...); names are never reused or renamed."""
    KNOWN_MIGRATIONS.append(step.__name__)
    _STEPS.append(step)
    return step


@functools.cache
def migrations() -> Migrations:
    """The steps as sqlite-utils' `Migrations`, built (and the library imported) only to apply some."""
    from sqlite_utils.migrations import Migrations

    steps = Migrations(MIGRATION_SET)
    for step in _STEPS:
        steps()(step)
    return steps


def applied_migrations(conn: sqlite3.Connection) -> list[str]:
    """The names of the steps applied to the database, in order, read without sqlite-utils.

    Every open asks; when none is pending (nearly always), sqlite-utils need not load at all.
    """
    exists = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [MIGRATIONS_TABLE])
    if exists.fetchone() is None:
        return []
    # The rows themselves, as sqlite-utils reads them (not only its (migration_set, name) index): a damaged
    # table is found here, at every open, before anything else is read.
    rows = conn.execute(
        f"SELECT name, applied_at FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid",
        [MIGRATION_SET],
    )
    return [str(name) for name, _ in rows.fetchall()]


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
    """The end-of-session warning-sign answers: 1 yes, 0 no, NULL not answered.

    The two signs asked when this step was released, written out: a step never reads a live list, so a
    sign added later is a new step and databases upgraded from any version end up the same.
    """
    for key in ("night_pain", "swelling"):
        db["sessions"].add_column(key, int)  # type: ignore[union-attr]


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


@_migration
def m005_clinical_answers(db: Database) -> None:
    """The fuller clinical answers: pain before a session, the routine's pain limit, every warning-sign
    answer (the session's two and the fuller list, at the end of a session or at the morning check-in),
    the days the person said a clinician had seen them, and the load each exercise was done with."""
    sessions = db["sessions"]
    sessions.add_column("pain_before", int)  # type: ignore[union-attr]
    sessions.add_column("pain_limit", int)  # type: ignore[union-attr]
    db["warning_answers"].create(  # type: ignore[union-attr]
        {"id": int, "session_id": int, "sign": str, "answer": int, "asked_in": str, "answered_at": str},
        pk="id",
        foreign_keys=[("session_id", "sessions", "id")],
        not_null={"session_id", "sign", "answer", "asked_in", "answered_at"},
    )
    db["warning_answers"].create_index(["session_id"])  # type: ignore[union-attr]
    db["clinician_reviews"].create(  # type: ignore[union-attr]
        {"id": int, "seen_at": str, "note": str},
        pk="id",
        not_null={"seen_at"},
        defaults={"note": ""},
    )
    db["planned_work"].add_column("load", str)  # type: ignore[union-attr]


@_migration
def m006_icing_in_sessions(db: Database) -> None:
    """An icing step of a routine is recorded as an icing run that names the session it was part of."""
    db["icing_runs"].add_column("session_id", int, fk="sessions", fk_col="id")  # type: ignore[union-attr]


@_migration
def m007_dose_changes(db: Database) -> None:
    """For the physiotherapist's report: every dose change the app made and the person accepted (before →
    after, why, when)."""
    db["dose_changes"].create(  # type: ignore[union-attr]
        {
            "id": int,
            "changed_on": str,
            "routine_id": str,
            "routine_title": str,
            "exercise_id": str,
            "exercise_name": str,
            "before": str,
            "after": str,
            "decision": str,
            "reason": str,
        },
        pk="id",
        not_null={"changed_on", "routine_id", "exercise_id", "before", "after", "decision"},
        defaults={"reason": ""},
    )


@_migration
def m008_work_totals(db: Database) -> None:
    """Work steps done and reached per session, exercise and side, kept as steps are recorded.

    History, the report and `coach history` read these few rows a session instead of every step row, so
    their cost follows the sessions shown, not the years of steps behind them. Backfilled here from the
    step rows already stored. The kinds of work step when this step was released are written out (a step
    never reads a live list). `side` is '' for an exercise without sides: NULL would make the key unequal
    to itself.
    """
    db["work_totals"].create(  # type: ignore[union-attr]
        {
            "session_id": int,
            "exercise_id": str,
            "side": str,
            "done": int,
            "reached": int,
            "first_step": int,
        },
        pk=("session_id", "exercise_id", "side"),
        foreign_keys=[("session_id", "sessions", "id")],
        not_null={"session_id", "exercise_id", "side", "done", "reached", "first_step"},
    )
    db.execute(
        "INSERT INTO work_totals (session_id, exercise_id, side, done, reached, first_step)"
        " SELECT session_id, exercise_id, COALESCE(side, ''), SUM(skipped = 0), COUNT(*), MIN(step_index)"
        " FROM step_results WHERE kind IN ('rep', 'hold', 'timer')"
        " GROUP BY session_id, exercise_id, COALESCE(side, '')"
    )


@_migration
def m009_session_days(db: Database) -> None:
    """Each session's local day, its work steps done and whether it counts towards the weekly dose, kept on
    the session row.

    History's all-time figures (streaks, the weekly plan, the first planned day) then read one short row
    per dose session, and its recent views only the sessions of the days they show, so their cost follows
    what is on screen rather than the years behind it. `local_day` is the day the session started where it
    started (NULL for sessions recorded before the UTC offset was kept: readers work those out in their
    own zone); `dose` is set when a session is finished or closed (the store asks
    history.stats.counts_towards_dose then). The backfill writes out the rule as it was when this step was
    released (a step never reads live code): finished, of a planned routine, at least half of its work
    steps done.

    `new_version` is 1 on the first session of each version of a routine's file: the routine's previous
    session with a version (by start, simulated ones left out) had another one, or there was none. Plan
    changes and the other all-time landmarks then read those few rows, not every session.
    """
    sessions = db["sessions"]
    sessions.add_column("local_day", str)  # type: ignore[union-attr]
    sessions.add_column("dose", int, not_null_default=0)  # type: ignore[union-attr]
    sessions.add_column("new_version", int, not_null_default=0)  # type: ignore[union-attr]
    # The work steps done, kept with each step recorded from the session's work totals (m008), so that a
    # session is read from its own row.
    sessions.add_column("steps_done", int, not_null_default=0)  # type: ignore[union-attr]
    db.execute(
        "UPDATE sessions SET steps_done ="
        " (SELECT COALESCE(SUM(t.done), 0) FROM work_totals t WHERE t.session_id = sessions.id)"
    )
    seen: dict[str, str] = {}
    firsts = []
    for session_id, routine_id, routine_hash in db.execute(
        "SELECT id, routine_id, routine_hash FROM sessions"
        " WHERE simulated = 0 AND COALESCE(routine_hash, '') != '' ORDER BY started_at, id"
    ).fetchall():
        if seen.get(routine_id) != routine_hash:
            firsts.append((session_id,))
        seen[routine_id] = routine_hash
    db.conn.executemany("UPDATE sessions SET new_version = 1 WHERE id = ?", firsts)
    days = [
        (
            (datetime.fromisoformat(started) + timedelta(minutes=offset)).date().isoformat(),
            session_id,
        )
        for session_id, started, offset in db.execute(
            "SELECT id, started_at, utc_offset_minutes FROM sessions WHERE utc_offset_minutes IS NOT NULL"
        ).fetchall()
    ]
    db.conn.executemany("UPDATE sessions SET local_day = ? WHERE id = ?", days)
    db.execute(
        "UPDATE sessions SET dose = 1 WHERE status != 'open' AND sessions_per_week > 0 AND steps_total > 0"
        " AND 2 * (SELECT COALESCE(SUM(t.done), 0) FROM work_totals t WHERE t.session_id = sessions.id)"
        " >= steps_total"
    )
    # History's all-time reads come from these two indexes alone (they hold every column they read).
    sessions.create_index(  # type: ignore[union-attr]
        ["dose", "simulated", "started_at", "id", "local_day", "sessions_per_week"],
        index_name="sessions_dose_days",
    )
    sessions.create_index(  # type: ignore[union-attr]
        ["routine_id", "simulated", "started_at", "id", "routine_hash"], index_name="sessions_by_routine"
    )
    db.execute("CREATE INDEX sessions_new_versions ON sessions (started_at) WHERE new_version = 1")
    sessions.create_index(["local_day"])  # type: ignore[union-attr]
    # The warning signs answered "yes" since a clinician last saw the person: a few rows among thousands.
    db.execute(
        "CREATE INDEX sessions_said_yes ON sessions (started_at) WHERE (night_pain = 1 OR swelling = 1)"
    )
    db.execute("CREATE INDEX warning_answers_yes ON warning_answers (session_id) WHERE answer = 1")


@_migration
def m010_review_answers(db: Database) -> None:
    """What a clinician review said, and which exercises hurt in a session.

    A warning sign pauses exercise until a review clears it (CLINICAL.md "Warning signs"): each review keeps
    the person's answer to "Did they say you may continue?", `cleared`, `not-cleared` or `unsure`. Reviews
    recorded before this step came from "I have been seen", which lifted the pause: they are `cleared`.
    `hurt` lists the exercises (ids, comma-separated) the person said hurt at the end of a session: easing
    goes to those first.
    """
    db["clinician_reviews"].add_column("answer", str, not_null_default="cleared")  # type: ignore[union-attr]
    db["sessions"].add_column("hurt", str, not_null_default="")  # type: ignore[union-attr]


@_migration
def m011_set_reps_and_load(db: Database) -> None:
    """Format 3: the reps done in a set counted up until tired (null for any other step: its reps are its
    rows), and the load or level a step was done with ("1 kg ankle weight"; '' when the sheet gives none), so
    that History, the report and the CSV show the dose as done."""
    db["step_results"].add_column("reps_done", int)  # type: ignore[union-attr]
    db["step_results"].add_column("load", str, not_null_default="")  # type: ignore[union-attr]


@_migration
def m012_runs(db: Database) -> None:
    """Back to running: one row per run, guided, logged or imported (coach/core/running/runs.py).

    `fingerprint` is unique where given, so that a file imported twice is one run. The three pain answers
    of the runners' pain rule arrive at different times and may be null until answered.
    """
    db["runs"].create(  # type: ignore[union-attr]
        {
            "id": int,
            "started_at": str,
            "minutes": float,
            "source": str,
            "distance_km": float,
            "moving_minutes": float,
            "cadence_spm": float,
            "pain_during": int,
            "pain_after_hour": int,
            "pain_next_morning": int,
            "fingerprint": str,
            "stage": int,
            "routine_id": str,
            "session_id": int,
            "simulated": int,
        },
        pk="id",
        not_null={"started_at", "minutes", "source", "simulated"},
        defaults={"simulated": 0},
    )
    db["runs"].create_index(["started_at"])  # type: ignore[union-attr]
    db.execute("CREATE UNIQUE INDEX runs_fingerprint ON runs (fingerprint) WHERE fingerprint IS NOT NULL")


@_migration
def m013_time_under_tension(db: Database) -> None:
    """Time under tension (issue 21, "dose done"), in seconds: each step's as the sheet prescribes it and as
    done (`tension_prescribed`, `tension_done`: null for a step with none, a rep without a tempo or a timer,
    and for every step recorded before this), the session's plan per exercise and side
    (`planned_work.tension_seconds`: 0 for none), and the done seconds in the work totals (m008).

    Older sessions keep null ("not recorded"), except the exercises they did as timers alone, which never
    have time under tension whatever the version: 0, so that icing is not listed as "not recorded".
    """
    db["step_results"].add_column("tension_prescribed", float)  # type: ignore[union-attr]
    db["step_results"].add_column("tension_done", float)  # type: ignore[union-attr]
    db["planned_work"].add_column("tension_seconds", float)  # type: ignore[union-attr]
    db["work_totals"].add_column("tension_done", float)  # type: ignore[union-attr]
    db.execute(
        "UPDATE planned_work SET tension_seconds = 0 WHERE"
        " EXISTS (SELECT 1 FROM step_results r WHERE r.session_id = planned_work.session_id"
        " AND r.exercise_id = planned_work.exercise_id AND r.kind = 'timer')"
        " AND NOT EXISTS (SELECT 1 FROM step_results r WHERE r.session_id = planned_work.session_id"
        " AND r.exercise_id = planned_work.exercise_id AND r.kind IN ('rep', 'hold'))"
    )
