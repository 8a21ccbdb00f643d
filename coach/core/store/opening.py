"""Opening the database file safely: say plainly why it cannot be used, and never write into a damaged one.

Before SQLite touches the file: a folder, an empty file, an unwritable file or folder each get their own
sentence. Then a quick integrity check (SQLite's `quick_check`: every page read once, no index cross-check)
runs before anything is written; a damaged file is moved aside, whole, with its journal, and the message says
where it went and how to bring back a backup.

The check reads the whole file, which grows with the years, so it runs at most once a (local) day: a clean
check leaves PATH.checked (the day, the file's identity, and its size and modification time) beside the
database, renewed after each of the app's own writes. A file changed since by anything else (an external
tool, a bad disk) no longer matches its stamp: it is checked again at the next open and before the next write
of a store already open (`AdherenceStore._writing`). The store still checks before every migration and after
every restore, and damage met later, on any read, gets the same message.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from coach.core.i18n import N_, _
from coach.core.reading import UnreadableFileError, read_bounded
from coach.core.store.errors import StoreError
from coach.core.store.writing import wait_for_writers, write_failure

# SQLite keeps a write-ahead journal and a shared-memory index beside the file: they move with it.
COMPANIONS = ("-wal", "-shm")
# The backups' folder beside the database (backups.py keeps them, leftovers.py tidies a killed copy's).
BACKUP_FOLDER = "backups"
WAY_BACK = N_(
    "`coach backup list` shows the backups (Help → Backups… in the app) and `coach backup restore ID` brings"
    " one back; or start Rehab Coach again to begin a new, empty history"
)


def check_place(path: Path) -> None:
    """Refuse, in one sentence, a database path that is a folder, empty, or cannot be written."""
    if path.is_dir():
        raise StoreError(
            _("{path} is a folder, not a Rehab Coach database; move or rename it and start again").format(
                path=path
            )
        )
    if path.exists() and path.stat().st_size == 0:
        aside = move_aside(path, "empty")
        raise StoreError(
            _("{path} was an empty file (0 bytes), not a database; it was moved aside to {aside}.").format(
                path=path, aside=aside.name
            )
            + " "
            + _(WAY_BACK)
        )
    folder = path.parent
    if not os.access(folder, os.W_OK | os.X_OK):
        raise StoreError(
            _(
                "{folder} is read-only, so Rehab Coach cannot keep its database there; nothing was written"
            ).format(folder=folder)
        )
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        raise StoreError(
            _("{path} is read-only (or not yours); nothing was written. Make it writable again").format(
                path=path
            )
        )


def connect(path: Path, *, check: bool = True) -> sqlite3.Connection:
    """A connection to `path` that waits for other writers, after a quick check that the file is whole.

    With `check` False the file is only opened (its header read): the caller knows it was checked today.
    A plain sqlite3 connection, as sqlite-utils' `Database(path)` would open it (the store wraps it in one
    only to write: see `connection`).
    """
    try:
        db = sqlite3.connect(str(path))
    except sqlite3.Error as error:
        raise write_failure(path, error) from error
    try:
        wait_for_writers(db)
        if check:
            problem = quick_check(db)
        else:
            db.execute("SELECT count(*) FROM sqlite_master").fetchall()  # not a database: say so now
            problem = None
    except sqlite3.DatabaseError as error:
        db.close()
        raise failure(path, error) from error
    if problem:
        db.close()
        raise damaged(path, problem)
    return db


def failure(path: Path, error: sqlite3.DatabaseError) -> StoreError:
    """The StoreError for an error SQLite raised while reading: damage moves the file aside, else unusable."""
    if isinstance(error, sqlite3.OperationalError) and not is_damage(error):
        return write_failure(path, error)
    return damaged(path, str(error))


def quick_check(db: sqlite3.Connection) -> str | None:
    """None when SQLite finds the file whole; else its first complaint."""
    rows = db.execute("PRAGMA quick_check(1)").fetchall()
    first = str(rows[0][0]) if rows else "no answer"
    return None if first == "ok" else first


def _stamp_path(path: Path) -> Path:
    return path.with_name(path.name + ".checked")


def file_state(path: Path) -> str | None:
    """The file's device, inode, size and modification time (None when it cannot be read): a file put in its
    place (a restore) or written by anything else since the stamp no longer matches it."""
    try:
        status = path.stat()
    except OSError:
        return None
    return f"{status.st_dev} {status.st_ino} {status.st_size} {status.st_mtime_ns}"


def _identity(path: Path, day: date) -> str:
    return f"{day.isoformat()} {file_state(path)}"


def _stamp(path: Path) -> str:
    try:
        return read_bounded(_stamp_path(path), 4096, "a check stamp").decode("utf-8").strip()
    except (UnreadableFileError, UnicodeDecodeError):
        return ""


def checked_on(path: Path, day: date) -> bool:
    """True when `path` (this very file, unchanged since) passed the quick check on `day`."""
    return file_state(path) is not None and _stamp(path) == _identity(path, day)


def stamped_as(path: Path, state: str) -> bool:
    """True when the stamp (of any day) vouches for the file in `state`: a Rehab Coach wrote it last."""
    day, _, stamped = _stamp(path).partition(" ")
    return bool(day) and stamped == state


def mark_checked(path: Path, day: date) -> None:
    """Remember that `path` passed the quick check on `day` (a stamp not written only costs time)."""
    stamp = _stamp_path(path)
    with contextlib.suppress(OSError):
        descriptor = os.open(stamp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as out:
            out.write(_identity(path, day) + "\n")


def forget_check(path: Path) -> None:
    """The file changed under the store (a restore): the next open checks it again."""
    with contextlib.suppress(OSError):
        _stamp_path(path).unlink(missing_ok=True)


def is_damage(error: sqlite3.Error) -> bool:
    """True when SQLite says the file itself is damaged (not busy, full or read-only)."""
    code = getattr(error, "sqlite_errorcode", None)
    if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return True
    text = str(error).lower()
    return "malformed" in text or "not a database" in text or "corrupt" in text


def damaged(path: Path, detail: str) -> StoreError:
    """Move a damaged database aside (never delete it, never write into it) and say how to go on."""
    aside = move_aside(path, "damaged")
    detail = " ".join(line for line in detail.splitlines() if not line.startswith("***")).strip()
    said = _(
        "{path} is not a Rehab Coach database or is damaged ({detail}); it was moved aside to {aside},"
        " untouched."
    ).format(path=path, detail=detail, aside=aside.name)
    return StoreError(f"{said} {_(WAY_BACK)}")


def restoring_copy(database: Path) -> Path:
    """Where a restore draws its copy before it takes the database's place (see leftovers.py)."""
    return database.with_name(f".{database.name}.restoring")


def move_aside(path: Path, why: str) -> Path:
    """Rename `path` (and its journal files) to PATH.WHY-N, the first N free; returns the new path."""
    number = 1
    while path.with_name(f"{path.name}.{why}-{number}").exists():
        number += 1
    aside = path.with_name(f"{path.name}.{why}-{number}")
    path.rename(aside)
    forget_check(path)
    for suffix in COMPANIONS:
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            companion.rename(aside.with_name(aside.name + suffix))
    return aside


_SHARE_PATIENCE_SECONDS = 2.0  # a restore holds the lock alone for as long as it copies; a tidy, a moment


class UseLock:
    """A shared lock on PATH.lock for as long as a store is open, so that a restore knows it is alone.

    Every process that opens the store holds it shared; `coach backup restore` needs it exclusively.
    """

    def __init__(self, database: Path) -> None:
        self._file: int | None = None
        self.path = database.with_name(database.name + ".lock")

    def share(self) -> None:
        self._take(exclusive=False)

    @property
    def held(self) -> bool:
        """Whether a lock is held (not where the system has no cheap advisory lock)."""
        return self._file is not None

    def take_alone(self) -> None:
        """Raise StoreError unless no other process has the store open."""
        self._take(exclusive=True)

    def _take(self, *, exclusive: bool) -> None:
        try:
            import fcntl
        except ImportError:  # not POSIX: there is no cheap advisory lock, go without
            return
        self._file = os.open(self.path, os.O_CREAT | os.O_RDWR, 0o600)
        mode = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
        # Another start tidying its leftovers holds the lock alone for a moment: a share waits that out.
        patience = time.monotonic() + (0 if exclusive else _SHARE_PATIENCE_SECONDS)
        while True:
            try:
                fcntl.flock(self._file, mode | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if time.monotonic() >= patience:
                    break
                time.sleep(0.02)
        self.release()
        if exclusive:
            raise StoreError(
                _("Rehab Coach is open (the app, or a `coach` command in a terminal); close it first")
            )
        raise StoreError(_("a backup is being restored into the database; try again in a moment"))

    @contextlib.contextmanager
    def alone(self) -> Iterator[None]:
        """Hold the lock exclusively for a moment (a restore from the app): refused if another has it open."""
        if self._file is None:
            yield
            return
        import fcntl

        try:
            fcntl.flock(self._file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            # Linux drops the shared lock before trying the exclusive one: take it back, or this process
            # would no longer count as having the store open.
            fcntl.flock(self._file, fcntl.LOCK_SH)
            raise StoreError(
                _("another Rehab Coach (or a `coach` command in a terminal) has the history open; close it")
            ) from None
        try:
            yield
        finally:
            if self._file is not None:  # None: the store was closed inside (a restore found damage)
                fcntl.flock(self._file, fcntl.LOCK_SH)

    def release(self) -> None:
        if self._file is not None:
            with contextlib.suppress(OSError):
                os.close(self._file)
            self._file = None
