"""The routine done last, read before the app has opened its store, so the first window opens on it.

Plain sqlite3 and read-only: the store proper (sqlite-utils, migrations) loads only after the first paint.
Anything unexpected (no database yet, an older or damaged one) means "no routine", and the store, once
open, selects or reports as usual.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path


def last_routine_id(database: Path) -> str | None:
    """The routine id of the latest real (not simulated) session in `database`, or None."""
    if not database.exists():
        return None
    try:
        with closing(sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True)) as db:
            row = db.execute(
                "SELECT routine_id FROM sessions WHERE simulated = 0"
                " ORDER BY started_at DESC, id DESC LIMIT 1"
            ).fetchone()
    except sqlite3.Error:
        return None
    return str(row[0]) if row else None
