"""Per-session totals of work steps (done, reached, seconds under tension done) by exercise and side, kept
as each step is recorded.

History reads these instead of the step rows (migration m008 made and backfilled the table). Each total is
recounted from its own step rows in the transaction that records a step, so a step done again after "back"
or skipped counts exactly as the step rows say, and the totals can never drift from them.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coach.core.routines.model import Step

# The kinds of step that are work (reps, holds, timers), as stored; pauses and side switches are not.
_WORK = "kind IN ('rep', 'hold', 'timer')"

# The seconds under tension done (m013) are summed too: null while no step of the total has any.
_RECOUNT = (
    "INSERT OR REPLACE INTO work_totals"
    " (session_id, exercise_id, side, done, reached, first_step, tension_done)"
    " SELECT session_id, exercise_id, COALESCE(side, ''), SUM(skipped = 0), COUNT(*), MIN(step_index),"
    f" SUM(tension_done) FROM step_results WHERE {_WORK}"
)

# A session's work steps done, counted from its totals; kept on the session row as `steps_done` (m009).
STEPS_DONE_SQL = "(SELECT COALESCE(SUM(t.done), 0) FROM work_totals t WHERE t.session_id = s.id)"
_KEEP_STEPS_DONE = f"UPDATE sessions AS s SET steps_done = {STEPS_DONE_SQL}"


def recount_work_total(conn: sqlite3.Connection, session_id: int, step: Step) -> None:
    """Recount the total that `step` belongs to from the step rows (inside the caller's transaction)."""
    if not step.kind.is_work:
        return
    conn.execute(
        f"{_RECOUNT} AND session_id = ? AND exercise_id = ? AND COALESCE(side, '') = ?"
        " GROUP BY session_id, exercise_id, COALESCE(side, '')",
        [session_id, step.exercise_id, step.side or ""],
    )
    conn.execute(f"{_KEEP_STEPS_DONE} WHERE s.id = ?", [session_id])


def recount_all_work_totals(conn: sqlite3.Connection) -> None:
    """Recount every total from the step rows (for databases filled by bulk inserts, as the benchmarks do)."""
    conn.execute("DELETE FROM work_totals")
    conn.execute(f"{_RECOUNT} GROUP BY session_id, exercise_id, COALESCE(side, '')")
    conn.execute(_KEEP_STEPS_DONE)
