"""The store's reads for the CSV export: sessions a page at a time, and their steps as plain rows.

A mixin of AdherenceStore. Ten years are about 2,000 sessions and half a million steps: read whole, as
records, they took 700 MiB and 25 s. These reads give one page of sessions (a few dozen) and the steps of
those sessions, each read to its end before the next page is asked for (no cursor stays open between
pages, so the app may write between them), each step's row as steps.csv writes it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from coach.core.history.records import SessionRecord
from coach.core.store.connection import StoreConnection

# A row of steps.csv as the export writes it: session_id, its local day, step_index, exercise_id, kind,
# set_number (None for 0), side, rep (None for 0), planned seconds as %g, started_at and finished_at in the
# session's local time with its offset (as stored, in UTC, for a session that kept no offset: the caller
# places those), 'done' or 'skipped', reps_done and load, the seconds under tension prescribed and done as
# %g; the session's day, offset minutes and offset text are parameters.
# A time stored in UTC ('2026-03-03T02:30:00.123+00:00') in a session kept at offset 0 (London's winter,
# half the sessions) is its first 19 characters, as strftime would write them, in half the time; else
# datetime() shifted by the session's offset (`:shift`, '60 minutes': a parameter, not made each row) is a
# quarter quicker than strftime. `_LOCAL_KEPT` for a session that kept its offset, `_LOCAL` for any.
_LOCAL_KEPT = (
    "CASE WHEN :minutes = 0 AND substr(r.{0}, -6) = '+00:00' AND substr(r.{0}, 11, 1) = 'T'"
    " THEN substr(r.{0}, 1, 19) || :offset"
    " ELSE replace(datetime(r.{0}, :shift), ' ', 'T') || :offset END"
)
_LOCAL = f"CASE WHEN :minutes IS NULL THEN r.{{0}} ELSE ({_LOCAL_KEPT}) END"
_STEP_COLUMNS = ", ".join(
    [
        "r.session_id",
        ":day",
        "r.step_index",
        "r.exercise_id",
        "r.kind",
        "NULLIF(r.set_number, 0)",
        "r.side",
        "NULLIF(r.rep, 0)",
        "printf('%g', COALESCE(r.planned_seconds, 0))",
        _LOCAL.format("started_at"),
        _LOCAL.format("finished_at"),
        "CASE WHEN r.skipped THEN 'skipped' ELSE 'done' END",
        "r.reps_done",  # format 3: the reps of a set until tired, and the load or level done
        "r.load",
        # m013: the seconds under tension prescribed and done (empty: none, or not recorded)
        "CASE WHEN r.tension_prescribed IS NULL THEN NULL ELSE printf('%g', r.tension_prescribed) END",
        "CASE WHEN r.tension_done IS NULL THEN NULL ELSE printf('%g', r.tension_done) END",
    ]
)


def _quoted(column: str) -> str:
    """SQL for a text cell as Python's csv writer writes it (QUOTE_MINIMAL): in double quotes, its own
    doubled, when it holds a comma, a double quote, CR or LF; NULL as nothing."""
    special = "'*[,\"' || char(13) || char(10) || ']*'"
    return (
        f"COALESCE(CASE WHEN {column} GLOB {special} THEN '\"' || replace({column}, '\"', '\"\"') || '\"'"
        f" ELSE {column} END, '')"
    )


def _plain(column: str) -> str:
    """SQL for a text cell known to hold no comma, double quote, CR or LF: itself (the GLOB `_quoted` asks
    of every cell is a sixth of the lines' time on ten years)."""
    return column


def _step_line(text: Callable[[str], str]) -> str:
    """The same row as one line of CSV text, written by SQLite: one Python string a step instead of
    sixteen values and the csv writer's work (half the export's time on ten years); `text` writes its
    text cells. One printf makes the line (SQLite's printf writes NULL as nothing): thirty `||` made a
    longer string thirty times, 40 % of the line's time. `:head` is the session's id and day, with their
    commas. Only for sessions that kept their offset and names a spreadsheet cannot run (the caller
    checks; the rows above serve the others)."""
    cells = [
        "r.step_index",
        text("r.exercise_id"),
        text("r.kind"),
        "NULLIF(r.set_number, 0)",
        text("r.side"),
        "NULLIF(r.rep, 0)",
        "COALESCE(r.planned_seconds, 0)",  # %g
        _LOCAL_KEPT.format("started_at"),
        _LOCAL_KEPT.format("finished_at"),
        "CASE WHEN r.skipped THEN 'skipped' ELSE 'done' END",
        "r.reps_done",
        text("r.load"),
        "CASE WHEN r.tension_prescribed IS NULL THEN NULL ELSE printf('%g', r.tension_prescribed) END",
        "CASE WHEN r.tension_done IS NULL THEN NULL ELSE printf('%g', r.tension_done) END",
    ]
    form = "%s%s,%s,%s,%s,%s,%s,%g,%s,%s,%s,%s,%s,%s,%s"
    return f"printf('{form}' || char(13, 10), :head, {', '.join(cells)})"


_STEP_LINE = _step_line(_quoted)
_STEP_LINE_PLAIN = _step_line(_plain)
# What makes Python's csv writer quote a cell (QUOTE_MINIMAL, its default dialect).
NEEDS_QUOTES = frozenset(',"\r\n')
# A page's sessions: (id, local day, UTC offset in minutes or None, the offset as text: '+01:00').
PageSession = tuple[int, str, int | None, str]


class ExportRows(StoreConnection):
    """AdherenceStore's paged reads for exports; `_records` comes from the store's day reads."""

    def _records(self, where: str, params: Sequence[Any] = ()) -> list[SessionRecord]:
        raise NotImplementedError

    def last_session_id(self) -> int:
        """The newest session's id (0 when there is none): an export reads up to it, so that a session
        begun while it runs is in neither file rather than in one."""
        row = self._conn.execute("SELECT COALESCE(MAX(id), 0) FROM sessions").fetchone()
        return int(row[0])

    def session_page(
        self,
        after: tuple[str, int] | None,
        size: int,
        *,
        up_to: int,
        include_simulated: bool = False,
    ) -> list[SessionRecord]:
        """Up to `size` sessions after `after` (started_at as stored, id) in the order started, id ≤ `up_to`,
        oldest first; the next page starts after the last one's `page_key`."""
        simulated = "" if include_simulated else " AND simulated = 0"
        where, params = "id <= ?", list[object]([up_to])
        if after is not None:
            where, params = "(started_at, id) > (?, ?) AND id <= ?", [after[0], after[1], up_to]
        return self._records(
            f"WHERE s.id IN (SELECT id FROM sessions WHERE {where}{simulated}"
            " ORDER BY started_at, id LIMIT ?)",
            [*params, size],
        )

    def page_key(self, session_id: int) -> tuple[str, int]:
        """The key `session_page` continues after: the session's start as stored, and its id."""
        row = self._conn.execute("SELECT started_at, id FROM sessions WHERE id = ?", [session_id]).fetchone()
        return str(row[0]), int(row[1])

    def session_page_by_id(
        self, after: int, size: int, *, up_to: int, include_simulated: bool = False
    ) -> list[SessionRecord]:
        """Up to `size` sessions with ids after `after` up to `up_to`, by id (as steps.csv lists them)."""
        simulated = "" if include_simulated else " AND simulated = 0"
        page = self._records(
            f"WHERE s.id IN (SELECT id FROM sessions WHERE id > ? AND id <= ?{simulated}"
            " ORDER BY id LIMIT ?)",
            [after, up_to, size],
        )
        return sorted(page, key=lambda s: s.id)

    def export_step_rows(self, sessions: Sequence[PageSession]) -> list[tuple[Any, ...]]:
        """The rows of steps.csv for the given sessions (a page: a few dozen), in their order, each
        session's by step.

        Each session comes with its local day and offset, worked out by the caller (the one rule in
        SessionRecord); SQLite writes the steps' times in that offset (its strftime runs in C: a million
        times converted in Python took seconds). One query a session, read in the index's order (one
        query for the page sorted its rows in a temporary tree: a third slower).
        """
        rows: list[tuple[Any, ...]] = []
        for session_id, day, minutes, offset in sessions:
            rows += self._conn.execute(
                f"SELECT {_STEP_COLUMNS} FROM step_results r WHERE r.session_id = :id ORDER BY r.step_index",
                {
                    "id": session_id,
                    "day": day,
                    "minutes": minutes,
                    "offset": offset,
                    "shift": f"{minutes} minutes",
                },
            ).fetchall()
        return rows

    def export_step_lines(self, sessions: Sequence[PageSession], *, plain: bool = False) -> list[str]:
        """steps.csv's lines (CRLF ended) for the given sessions, as `export_step_rows` gives the rows and
        Python's csv writer writes them; for sessions that kept their offset only. `plain`: the caller
        knows that no exercise id, kind, side or load of these steps holds a character in NEEDS_QUOTES
        (`export_step_names`), so none is looked at for quoting."""
        line = _STEP_LINE_PLAIN if plain else _STEP_LINE
        sql = f"SELECT {line} FROM step_results r WHERE r.session_id = :id ORDER BY r.step_index"
        lines: list[str] = []
        for session_id, day, minutes, offset in sessions:
            head = f"{session_id},{day},"
            shift = f"{minutes} minutes"
            lines += [
                line
                for (line,) in self._conn.execute(
                    sql,
                    {"id": session_id, "head": head, "minutes": minutes, "offset": offset, "shift": shift},
                )
            ]
        return lines

    def export_step_names(self, session_ids: Sequence[int]) -> set[str]:
        """Every exercise id, kind, side and load the steps of these sessions hold (a page's: a handful)."""
        marks = ", ".join("?" * len(session_ids))
        found: set[str] = set()
        for row in self._conn.execute(
            f"SELECT DISTINCT exercise_id, kind, side, load FROM step_results WHERE session_id IN ({marks})",
            list(session_ids),
        ):
            found.update(str(cell) for cell in row if cell is not None)
        return found
