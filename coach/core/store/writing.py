"""How the store writes: each write takes the database's write lock up front and waits its turn for it.

SQLite's default deferred `BEGIN` reads first and then cannot upgrade to a writer while another process
holds the lock, so it fails at once with "database is locked" and the busy timeout is never used.
`BEGIN IMMEDIATE` asks for the write lock first, and SQLite then waits up to the busy timeout for it.
"""

from __future__ import annotations

import errno
import shutil
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from coach.core.i18n import _, format_decimal
from coach.core.store.errors import StoreError

# How long a write waits for another writer (another Rehab Coach, `coach run` in a terminal) to finish.
BUSY_TIMEOUT_SECONDS = 10.0
# Less free space than this, and an I/O error is taken to be the full disk (SQLite's pages are 4 KB).
_NEARLY_FULL_BYTES = 64 * 1024


class StoreBusyError(StoreError):
    """Another program held the write lock for longer than this write would wait; nothing was written."""


def wait_for_writers(db: sqlite3.Connection, seconds: float | None = None) -> None:
    """Make every statement on `db` wait up to `seconds` (the busy timeout) for another writer to finish."""
    wait = BUSY_TIMEOUT_SECONDS if seconds is None else seconds
    db.execute(f"PRAGMA busy_timeout = {round(wait * 1000)}")


@contextmanager
def write_transaction(conn: sqlite3.Connection, path: Path | None) -> Iterator[None]:
    """One committed write: the lock taken first (waiting its turn), all of it or nothing on failure.

    A write still refused after the wait says how long it really waited (measured, not the timeout).
    """
    asked = time.monotonic()
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as error:
        raise write_failure(path, error, waited=time.monotonic() - asked) from error
    try:
        yield
        conn.execute("COMMIT")
    except sqlite3.OperationalError as error:
        _roll_back(conn)
        raise write_failure(path, error) from error
    except BaseException:
        _roll_back(conn)
        raise


def _roll_back(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:
        conn.rollback()


def _disk_is_full(path: Path | None, text: str) -> bool:
    """SQLite says only "disk I/O error" when the journal's shared memory cannot grow on a full disk."""
    if path is None or "disk i/o error" not in text:
        return False
    try:
        return shutil.disk_usage(path.parent).free < _NEARLY_FULL_BYTES
    except OSError:
        return False


def write_failure(
    path: Path | None, error: sqlite3.Error | OSError, *, waited: float | None = None
) -> StoreError:
    """A sentence for a write SQLite refused: busy, a full disk, no permission, or something else.

    `waited`: the seconds the write really waited for the lock, when it was measured.
    """
    place = str(path) if path is not None else _("the database")
    text = str(error).lower()
    code = getattr(error, "sqlite_errorcode", None)
    if "locked" in text or "busy" in text or code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        if waited is not None:
            return StoreBusyError(
                _(
                    "{place}: another program (perhaps a second Rehab Coach) kept the database busy"
                    " (waited {seconds} seconds); nothing was lost, try again"
                ).format(place=place, seconds=format_decimal(waited, 1))
            )
        return StoreBusyError(
            _(
                "{place}: another program (perhaps a second Rehab Coach) kept the database busy;"
                " nothing was lost, try again"
            ).format(place=place)
        )
    if "full" in text or getattr(error, "errno", None) == errno.ENOSPC or _disk_is_full(path, text):
        return StoreError(
            _("{place}: the disk is full; free some space and try again (nothing was written)").format(
                place=place
            )
        )
    if "readonly" in text or "read-only" in text or "permission" in text:
        return StoreError(
            _("{place}: the database cannot be written (read-only); nothing was written").format(place=place)
        )
    return StoreError(
        _("{place}: the database could not be written: {error}").format(place=place, error=error)
    )
